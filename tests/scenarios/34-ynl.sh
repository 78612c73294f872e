#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The family through the kernel's own YNL CLI (tools/net/ynl/cli.py of
# Debian's linux-source-6.12, unpacked by tests/vm/ynl.sh) and our spec,
# Documentation/netlink/specs/slsec.yaml: the spec validates against the
# genetlink-legacy schema; its generated uAPI enums equal
# uapi/linux/slsec.h's; its operations, permissions and checks equal the
# kernel's (nlctrl getfamily, getpolicy); every command that is safe in a
# fresh namespace goes through cli.py and its reply is compared with what
# `slsec -j` shows; an event arrives on the events group.
. "$(dirname "$0")/lib/lib.sh"

REPO=$(cd "$HERE/../../.." && pwd)
SPEC=$REPO/Documentation/netlink/specs/slsec.yaml
YNL=$(ls -d /var/cache/slsec/ynl-* 2>/dev/null | tail -1)
if [ ! -f "$YNL/tools/net/ynl/cli.py" ]; then
	echo "not ok 1 - YNL tree in /var/cache/slsec/ynl-<version> (run tests/vm/deps.sh on the host)"
	echo "1..1"
	exit 1
fi
CLI=$YNL/tools/net/ynl/cli.py
SCHEMA=$YNL/Documentation/netlink/genetlink-legacy.yaml
export PYTHONDONTWRITEBYTECODE=1	# the guest's root is read-only

load_slsec || { echo "not ok 1 - insmod slsec.ko"; echo "1..1"; exit 1; }
netns_add ynl
NS=$NS_PREFIX-ynl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; netns_cleanup' EXIT
in_ns() { $IP netns exec "$NS" "$@"; }
# Validated once (the first check); every later start skips the schema.
ynl() { in_ns "$PY" "$CLI" --spec "$SPEC" --no-schema --output-json "$@"; }
nlctrl() {
	in_ns "$PY" "$CLI" --spec "$YNL/Documentation/netlink/specs/nlctrl.yaml" \
		--no-schema --output-json "$@"
}
ns_slsec() { slsec -n "$NS" "$@"; }
helper() { "$PY" "$HERE/ynl.py" "$@" >"$tmp/tap" 2>&1; tap_lines <"$tmp/tap"; }
hexof() { od -An -v -tx1 "$1" | tr -d ' \n'; }
to_file() { local f=$1; shift; "$@" >"$f"; }

# compare WHAT FILE SLSEC-ARGS...: cli.py's reply in FILE against slsec -j.
compare() {
	local what=$1 file=$2
	shift 2
	ns_slsec -j "$@" >"$tmp/slsec.json" 2>&1
	helper compare "$what" "$file" "$tmp/slsec.json"
}

pretty "the spec against the schema and the generated uAPI"
check "cli.py: the spec validates against genetlink-legacy.yaml" \
	in_ns "$PY" "$CLI" --spec "$SPEC" --schema "$SCHEMA" --list-ops
sed 's/^doc: >-$/bogus: 1\ndoc: >-/' "$SPEC" >"$tmp/bad.yaml"
check_output "cli.py: and refuses a spec the schema does not allow" \
	"'bogus' was unexpected" \
	in_ns "$PY" "$CLI" --spec "$tmp/bad.yaml" --schema "$SCHEMA" --list-ops
mkdir -p "$tmp/gen/netlink/specs"
cp "$SPEC" "$tmp/gen/netlink/specs/"
ln -s "$SCHEMA" "$tmp/gen/netlink/"
: >"$tmp/gen/MAINTAINERS"	# ynl-gen-c looks for a kernel tree's root
check "ynl-gen-c.py --mode uapi makes a header" \
	"$PY" "$YNL/tools/net/ynl/ynl-gen-c.py" --mode uapi --header \
	--spec "$tmp/gen/netlink/specs/slsec.yaml" -o "$tmp/gen/slsec.h"
"$PY" "$HERE/ynl_uapi.py" "$tmp/gen/slsec.h" "$REPO/uapi" >"$tmp/tap" 2>&1
tap_lines <"$tmp/tap"

pretty "the spec against the kernel's ops and policies"
check "nlctrl getfamily slsec" to_file "$tmp/fam.json" \
	nlctrl --do getfamily --json '{"family-name": "slsec"}'
check "nlctrl getpolicy slsec" to_file "$tmp/pol.json" \
	nlctrl --dump getpolicy --json '{"family-name": "slsec"}'
helper policy "$YNL/tools/net/ynl" "$SPEC" "$tmp/fam.json" "$tmp/pol.json"

pretty "info, groups"
$IP -n "$NS" link add d0 type dummy
$IP -n "$NS" link set d0 up
IDX=$($IP -n "$NS" -o link show d0 | cut -d: -f1)
G4=ef010101 G6=ff0e0000000000000000000000000042	# 239.1.1.1, ff0e::42
check "cli.py --do info-get" to_file "$tmp/info.json" \
	ynl --do info-get
compare info "$tmp/info.json" info
check "group-add (IPv4, every setting)" ynl --do group-add --json \
	"{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"sender\": 1, \"alg\": \"aes-gcm-256\",
	  \"replay-window\": 2048, \"mode\": \"permissive\", \"max-senders\": 8,
	  \"grace\": 600000, \"freshness\": 0, \"sender-mark\": 1}"
check "slsec group add (IPv6) for cli.py to read" \
	ns_slsec group add dev d0 addr ff0e::42 sender 2
check "group-set replay-window 4096 mode strict" ynl --do group-set --json \
	"{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"replay-window\": 4096, \"mode\": \"strict\"}"
check "cli.py --do group-get" to_file "$tmp/g6.json" \
	ynl --do group-get --json "{\"ifindex\": $IDX, \"addr6\": \"$G6\"}"
compare group "$tmp/g6.json" -s group show dev d0 addr ff0e::42
check_output "group-add of a bound group: EEXIST" "File exists" \
	ynl --do group-add --json "{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"sender\": 1}"
check_output "replay-window 32: the policy's min" "out of range|Numerical result" \
	ynl --do group-set --json "{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"replay-window\": 32}"

pretty "keys"
head -c 32 /dev/urandom >"$tmp/k1"
head -c 32 /dev/urandom >"$tmp/k2"
check "key-add from a key file's bytes, activate now" ynl --do key-add --json \
	"{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"key-id\": 1, \"key-material\": \"$(hexof "$tmp/k1")\"}"
check "key-add pending, with a lifetime" ynl --do key-add --json \
	"{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"key-id\": 2, \"pending\": true,
	  \"key-material\": \"$(hexof "$tmp/k2")\",
	  \"lifetime\": {\"soft-packets\": 1000, \"hard-time\": 3600000}}"
check_output "key-id 256: the policy's max" "out of range|Numerical result" \
	ynl --do key-add --json "{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"key-id\": 256,
	  \"key-material\": \"$(hexof "$tmp/k1")\"}"
check "cli.py --dump key-get" to_file "$tmp/keys.json" \
	ynl --dump key-get
compare key "$tmp/keys.json" key show
check "key-set: activate key 2 now" ynl --do key-set --json \
	"{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"key-id\": 2, \"activate-now\": true}"
check "cli.py --dump key-get" to_file "$tmp/keys.json" \
	ynl --dump key-get --json "{\"ifindex\": $IDX, \"addr4\": \"$G4\"}"
compare key "$tmp/keys.json" key show dev d0 addr 239.1.1.1

pretty "senders, stats"
check "sender-revoke 7" ynl --do sender-revoke --json \
	"{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"sender\": 7}"
check "cli.py --dump group-get" to_file "$tmp/groups.json" \
	ynl --dump group-get
compare group "$tmp/groups.json" -s group show
check "cli.py --dump group-get" to_file "$tmp/groups.json" \
	ynl --dump group-get --json "{\"ifindex\": $IDX}"
compare stats "$tmp/groups.json" stats show dev d0
check "sender-restore 7" ynl --do sender-restore --json \
	"{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"sender\": 7}"
check "cli.py --dump sender-get" to_file "$tmp/senders.json" \
	ynl --dump sender-get --json "{\"ifindex\": $IDX, \"addr4\": \"$G4\"}"
compare sender "$tmp/senders.json" sender show dev d0 addr 239.1.1.1
check "stats-reset of the namespace" ynl --do stats-reset

pretty "events"
mon_start "$NS" "$tmp/monitor.json" -j
mon=$MON_PID
# A listener of its own: 6.12's cli.py cannot take a notification on the
# socket of a request it is waiting on (YnlFamily._ops then has no op).
# It subscribes after loading the spec, seconds under emulation.
slow=$([ "${SLSEC_MODE:-}" = debug ] && echo 3 || echo 1)
ynl --subscribe events --sleep $((7 * slow)) >"$tmp/ntf.json" 2>&1 &
ntf=$!
sleep $((3 * slow))
check "cli.py --do key-del" ynl --do key-del --json \
	"{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"key-id\": 1}"
wait "$ntf"
check_output "cli.py --subscribe events: key-del's key-removed event" \
	"\"event\": \"key-removed\", \"time\": [0-9]+, \"ifindex\": $IDX, \"addr4\": \"239.1.1.1\", \"key-id\": 1" \
	cat "$tmp/ntf.json"
mon_wait "$tmp/monitor.json" '"event":"key-removed"'
mon_stop "$mon"
check_output "slsec monitor saw the same event" "\"event\":\"key-removed\"" \
	cat "$tmp/monitor.json"
check "key-revoke 2 force" ynl --do key-revoke --json \
	"{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"key-id\": 2, \"force\": true}"

pretty "KEKs, bundles, config"
head -c 32 /dev/urandom >"$tmp/kek"
head -c 16 /dev/urandom >"$tmp/gk"
check "kek-add 1 device 5" ynl --do kek-add --json \
	"{\"kek-id\": 1, \"device-id\": 5, \"key-material\": \"$(hexof "$tmp/kek")\"}"
ns_slsec bundle seal kekfile "$tmp/kek" kek-id 1 device 5 seq 9 \
	addr 239.2.2.2 sender 3 id 4 keyfile "$tmp/gk" >"$tmp/bundle"
check_output "bundle-apply: the reply names KEK 1, sequence 9" \
	'"kek-id": 1, "bundle-seq": 9' \
	ynl --do bundle-apply --json "{\"ifindex\": $IDX, \"bundle\": \"$(hexof "$tmp/bundle")\"}"
check "cli.py --do info-get" to_file "$tmp/info.json" \
	ynl --do info-get
compare kek "$tmp/info.json" kek show
check "config-set require-sealed 1" ynl --do config-set --json '{"require-sealed": 1}'
check_output "require-sealed: key-add refused" "Operation not permitted|require-sealed" \
	ynl --do key-add --json "{\"ifindex\": $IDX, \"addr4\": \"$G4\", \"key-id\": 3,
	  \"key-material\": \"$(hexof "$tmp/k1")\"}"
check "cli.py --do info-get" to_file "$tmp/info.json" \
	ynl --do info-get
compare info "$tmp/info.json" info
check "kek-del 1" ynl --do kek-del --json '{"kek-id": 1}'
for a in "$G4" "$G6" ef020202; do
	f=addr4
	[ ${#a} = 32 ] && f=addr6
	check "group-del $a" ynl --do group-del --json "{\"ifindex\": $IDX, \"$f\": \"$a\"}"
done
check "cli.py --dump group-get" to_file "$tmp/groups.json" \
	ynl --dump group-get
compare group "$tmp/groups.json" group show

$IP netns del "$NS"
rmmod slsec
finish
