#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The module loads, registers its family, answers from any namespace
# (with per-namespace state), refuses callers without CAP_NET_ADMIN over
# the namespace, and unloads without leaking.
. "$(dirname "$0")/lib/lib.sh"

check_output "tool without module says so" "module not loaded" slsec -V
check_eq "tool exits 2 without module" 2 "$last_rc"
check "insmod slsec.ko" load_slsec
check_fails "ipproto other than 253/254 refused" \
	sh -c "rmmod slsec && insmod $SLSEC_KO ipproto=17"
lsmod | grep -q '^slsec ' || load_slsec
check_output "load message, one prefix" "slsec: version [0-9.]+ loaded \(ip protocol 253\)" dmesg
check_output "crypto_async=1 loads and says so" "loaded \(ip protocol 253, asynchronous crypto\)" \
	sh -c "rmmod slsec && insmod $SLSEC_KO crypto_async=1 && dmesg | tail -2"
rmmod slsec 2>/dev/null
load_slsec
check_fails "no doubled prefix in the log" sh -c 'dmesg | grep -q "slsec: slsec"'
check_output "slsec -V prints tool and module versions" \
	"^slsec tool [0-9.]+.*slsec module [0-9.]+ \(netlink abi 1\)" \
	sh -c '"$SLSEC_TOOL" -V | tr "\n" " "'

netns_add ue1
check_output "info from a namespace" "groups 0" \
	$IP netns exec "$NS_PREFIX-ue1" "$SLSEC_TOOL" info
check_output "-n NETNS works the same" "groups 0" \
	slsec -n "$NS_PREFIX-ue1" info
check_output "AES-GCM-128 available" "aes-gcm-128" slsec info
check_output "ChaCha20-Poly1305 available" "chacha20-poly1305" slsec info
check "JSON output parses, names fields" "$PY" -c '
import json, subprocess, sys
j = json.loads(subprocess.check_output([sys.argv[1], "-j", "info"]))
assert j["abi"] == 1 and j["groups"] == 0 and j["ipproto"] == 253, j
assert "aes-gcm-256" in j["algorithms"], j' "$SLSEC_TOOL"

check_output "unprivileged user refused" "^Error: cannot read module info: Operation not permitted" \
	setpriv --reuid=65534 --regid=65534 --clear-groups "$SLSEC_TOOL" info
check_eq "refusal exits 2" 2 "$last_rc"
check_output "root of a user namespace not owning the netns refused" \
	"^Error: cannot read module info: Operation not permitted" \
	unshare -Ur "$SLSEC_TOOL" info
check_output "root of a user namespace owning its netns allowed" \
	"groups 0" unshare -Urn "$SLSEC_TOOL" info
check_output "unknown object is a syntax error" "unknown" slsec frob
check_eq "syntax error exits 1" 1 "$last_rc"

check "rmmod slsec" rmmod slsec
check_output "family gone after unload" "module not loaded" slsec info
check "no leaks (kmemleak)" kmemleak_clean
finish
