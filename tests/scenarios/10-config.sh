#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Groups and keys over netlink: binding, validation with clear errors,
# nothing changed by a refused command, key bytes write-only, limits,
# per-namespace isolation, permissions, cleanup with the device and the
# namespace.
. "$(dirname "$0")/lib/lib.sh"

check "insmod slsec.ko" load_slsec
netns_add ue1
netns_add ue2
ue1="$NS_PREFIX-ue1"
s1() { slsec -n "$ue1" "$@"; }
check "veth pair air0/air1 in ue1" \
	$IP -n "$ue1" link add air0 type veth peer name air1
$IP -n "$ue1" link set air0 up

keys=$(mktemp -d)
umask 077
printf '000102030405060708090a0b0c0d0e0f\n' >"$keys/k16.hex"
printf '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff' >"$keys/k32.hex"
printf '0001020304050607080900aabbccdd' >"$keys/k15.hex"
head -c 16 /dev/urandom >"$keys/k16.raw"
# A raw key that ends in bytes that look like whitespace (newline, space).
printf '\001\002\003\004\005\006\007\010\011\012\013\014\015\016\012\040' >"$keys/k16ws.raw"

check "group add IPv4" s1 group add dev air0 addr 239.1.1.1 sender 1 grace 10m
check "group add IPv6, chacha20, window 4096, permissive" \
	s1 group add dev air0 addr ff0e::101 sender 2 alg chacha20-poly1305 \
	replay-window 4096 permissive
check_output "group show lists both" \
	"dev air0 addr 239.1.1.1 sender 1 alg aes-gcm-128 replay-window 1024 strict keys none" \
	s1 group show
check_output "IPv6 group shown with its settings" \
	"addr ff0e::101 sender 2 alg chacha20-poly1305 replay-window 4096 permissive" \
	s1 group show dev air0
check_output "info counts the groups" "groups 2" s1 info

before=$(s1 -j group show)
check_output "duplicate group refused" "Error: group already bound on this device" \
	s1 group add dev air0 addr 239.1.1.1 sender 3
check_eq "duplicate refusal exits 2" 2 "$last_rc"
check_output "unicast address refused" "is not a multicast address" \
	s1 group add dev air0 addr 10.0.0.1 sender 1
check_eq "syntax error exits 1" 1 "$last_rc"
check_output "unknown device refused" 'device "nosuch0" does not exist' \
	s1 group add dev nosuch0 addr 239.1.1.2 sender 1
check_output "replay window not a power of two refused by the kernel" \
	"replay window must be a power of two" \
	s1 group add dev air0 addr 239.1.1.3 sender 1 replay-window 1000
check_output "missing sender named" '"sender ID" is required' \
	s1 group add dev air0 addr 239.1.1.3
check_output "sender id cannot change" "cannot change" \
	s1 group set dev air0 addr 239.1.1.1 sender 9
check_eq "refused commands changed nothing" "$before" "$(s1 -j group show)"

check "key add from a hex file" \
	s1 key add dev air0 addr 239.1.1.1 id 1 keyfile "$keys/k16.hex"
check "key add from raw bytes on stdin" \
	sh -c "\"$SLSEC_TOOL\" -n $ue1 key add dev air0 addr 239.1.1.1 id 2 keyfile - <$keys/k16.raw"
check "raw key ending in whitespace bytes kept whole" \
	s1 key add dev air0 addr 239.1.1.1 id 17 keyfile "$keys/k16ws.raw" pending
check_output "it reaches the kernel as 16 bytes (refused for a 256-bit group)" \
	"key length does not match" \
	s1 key add dev air0 addr ff0e::101 id 17 keyfile "$keys/k16ws.raw"
s1 key del dev air0 addr 239.1.1.1 id 17
check_output "key show lists ids" "dev air0 addr 239.1.1.1 id 2 alg aes-gcm-128" \
	s1 key show
before=$(s1 -j group show)
check_output "key on the command line refused" "never taken from the command line" \
	s1 key add dev air0 addr 239.1.1.1 id 3 key 000102030405060708090a0b0c0d0e0f
check_output "short key file refused" "holds no key" \
	s1 key add dev air0 addr 239.1.1.1 id 3 keyfile "$keys/k15.hex"
check_output "256-bit key for an AES-128 group refused by the kernel" \
	"key length does not match" \
	s1 key add dev air0 addr 239.1.1.1 id 3 keyfile "$keys/k32.hex"
check_eq "kernel refusal exits 2" 2 "$last_rc"
check_output "duplicate key id refused" "key id already installed" \
	s1 key add dev air0 addr 239.1.1.1 id 1 keyfile "$keys/k16.hex"
check_output "key for an unbound group refused" "no such group" \
	s1 key add dev air0 addr 239.9.9.9 id 1 keyfile "$keys/k16.hex"
check_output "key id above 255 refused" "invalid key id" \
	s1 key add dev air0 addr 239.1.1.1 id 256 keyfile "$keys/k16.hex"
check_eq "refused key commands changed nothing" "$before" "$(s1 -j group show)"
check "256-bit key fits the chacha20 group" \
	s1 key add dev air0 addr ff0e::101 id 7 keyfile "$keys/k32.hex"

dumps="$(s1 -j group show)$(s1 -j key show)$(s1 group show)$(s1 key show)"
check "no key bytes in any output" sh -c "! echo '$dumps' | grep -qiE \
	'000102030405060708090a0b0c0d0e0f|00112233445566778899aabbccddeeff|$(od -An -tx1 "$keys/k16.raw" | tr -d ' \n')'"

for i in $(seq 3 16); do
	echo "key add dev air0 addr 239.1.1.1 id $i keyfile $keys/k16.hex pending"
done | s1 -batch -
check_output "16 keys a group at most" "maximum number of keys" \
	s1 key add dev air0 addr 239.1.1.1 id 200 keyfile "$keys/k16.hex"
check "key del" s1 key del dev air0 addr 239.1.1.1 id 5
check_output "deleted key gone" "keys 1 2 3 4 6 " s1 group show dev air0 addr 239.1.1.1
check_output "deleting it again says so" "no such key in this group" \
	s1 key del dev air0 addr 239.1.1.1 id 5

check "group set permissive, window 2048" \
	s1 group set dev air0 addr 239.1.1.1 permissive replay-window 2048
check_output "settings changed" "replay-window 2048 permissive" \
	s1 group show dev air0 addr 239.1.1.1
check "JSON fields" "$PY" -c '
import json, subprocess, sys
gs = json.loads(subprocess.check_output(sys.argv[1:] + ["-j", "group", "show"]))
g = [g for g in gs if g["addr"] == "ff0e::101"][0]
assert g["dev"] == "air0" and g["sender"] == 2 and g["keys"] == [7], g
assert g["alg"] == "chacha20-poly1305" and g["mode"] == "permissive", g
assert isinstance(g["ifindex"], int) and g["replay_window"] == 4096, g' \
	"$SLSEC_TOOL" -n "$ue1"

check_eq "other namespaces see nothing" "" "$(slsec -n "$NS_PREFIX-ue2" group show)"
check_output "unprivileged user refused" "Operation not permitted" \
	$IP netns exec "$ue1" setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$SLSEC_TOOL" group add dev air0 addr 239.1.1.8 sender 1
check_output "container root manages its own namespace" "dev lo addr 239.9.9.9" \
	unshare -Urn sh -c "\"$SLSEC_TOOL\" group add dev lo addr 239.9.9.9 sender 1 && \"$SLSEC_TOOL\" group show"

check "group del" s1 group del dev air0 addr 239.1.1.1
check_output "deleted group gone" "^dev air0 addr ff0e::101" s1 group show
check "deleting the device removes its groups" sh -c \
	"$IP -n $ue1 link del air0 && [ -z \"\$(\"$SLSEC_TOOL\" -n $ue1 group show)\" ]"
$IP -n "$ue1" link add air0 type veth peer name air1
s1 group add dev air0 addr 239.1.1.1 sender 1
s1 key add dev air0 addr 239.1.1.1 id 1 keyfile "$keys/k16.hex"
check "deleting a namespace with groups and keys" $IP netns del "$ue1"
netns_add ue3
slsec -n "$NS_PREFIX-ue3" group add dev lo addr 239.1.1.1 sender 1
slsec -n "$NS_PREFIX-ue3" key add dev lo addr 239.1.1.1 id 1 keyfile "$keys/k16.hex"
check "rmmod with groups and keys installed" rmmod slsec
rm -rf "$keys"
finish
