# SPDX-License-Identifier: GPL-2.0
# Helpers for scenario scripts, in the manner of WireGuard's netns.sh.
# Each check prints one TAP line; finish prints the plan and exits
# non-zero if anything failed.  Namespaces are named with the PID so a
# leftover never collides, and are removed on exit.  Every scenario
# (tests/scenarios/NN-name.sh) sources this file; the helpers it calls
# live beside it in tests/scenarios/lib/, which $HERE names.

set -u
n=0
failed=0
NS_PREFIX="slsec$$"
: "${SLSEC_KO:?}" "${SLSEC_TOOL:?}"
IP=/usr/sbin/ip	# busybox's ip applet would shadow iproute2's

slsec() { "$SLSEC_TOOL" "$@"; }

pretty() { echo "# [+] $*"; }

_report() {
	local rc=$1 desc=$2 log=$3

	n=$((n + 1))
	if [ "$rc" = 0 ]; then
		echo "ok $n - $desc"
	else
		failed=$((failed + 1))
		echo "not ok $n - $desc"
		sed 's/^/#   /' "$log"
	fi
}

# _capture CMD...: run CMD, its output (stdout+stderr) into a new file
# $log (the caller's local), its exit code into $rc (likewise).
_capture() {
	log=$(mktemp)
	"$@" >"$log" 2>&1
	rc=$?
}

# _expect WANT DESC CMD...: run CMD; WANT is "success" or "failure".
_expect() {
	local want=$1 desc=$2 log rc
	shift 2
	_capture "$@"
	if [ "$want" = failure ]; then
		[ "$rc" != 0 ] && rc=0 || { echo "succeeded unexpectedly" >>"$log"; rc=1; }
	fi
	_report "$rc" "$desc" "$log"
	rm -f "$log"
}

# check DESC CMD...: CMD must succeed.
check() { _expect success "$@"; }

# check_fails DESC CMD...: CMD must fail.
check_fails() { _expect failure "$@"; }

# check_output DESC PATTERN CMD...: CMD's output (stdout+stderr) must
# match the extended regular expression PATTERN; its exit code is
# returned in $last_rc.
check_output() {
	local desc=$1 pat=$2 log rc
	shift 2
	_capture "$@"
	last_rc=$rc
	grep -Eq -- "$pat" "$log" && rc=0 || {
		echo "output (exit $last_rc) does not match /$pat/:" >>"$log"
		rc=1
	}
	_report "$rc" "$desc" "$log"
	rm -f "$log"
}

# check_eq DESC EXPECTED ACTUAL
check_eq() {
	local log
	log=$(mktemp)
	[ "$2" = "$3" ] || echo "expected '$2', got '$3'" >"$log"
	_report "$([ "$2" = "$3" ]; echo $?)" "$1" "$log"
	rm -f "$log"
}

netns_add() {
	$IP netns add "$NS_PREFIX-$1" && $IP -n "$NS_PREFIX-$1" link set lo up
}

netns_cleanup() {
	local ns
	for ns in $($IP netns list 2>/dev/null | awk '{print $1}'); do
		case "$ns" in "$NS_PREFIX"-*)
			$IP netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
			$IP netns del "$ns"
		esac
	done
}
trap netns_cleanup EXIT

# Losses outside slsec, which has a counter for each of its own drops:
# the per-CPU input backlogs (softnet_stat's second column, all
# namespaces) and a UE's UDP receive buffers.
softnet_drops() {
	local s=0 _ d _r
	while read -r _ d _r; do s=$((s + 0x$d)); done </proc/net/softnet_stat
	echo $s
}
rcvbuf_errors() { # UE N's UDP receive-buffer drops
	in_ue "$1" awk '/^Udp:/ { if (h) { print $6; exit } h = 1 }' /proc/net/snmp
}

# kmemleak_clean: nothing unreferenced (debug kernel); a no-op elsewhere.
kmemleak_clean() {
	local f=/sys/kernel/debug/kmemleak
	[ -w $f ] || return 0
	sleep 6
	echo scan >$f; sleep 1; echo scan >$f
	! grep -q unreferenced $f || { cat $f; return 1; }
}

load_slsec() {
	# slsec.ko reassembles IPv6 with nf_defrag_ipv6's queues (a module
	# on the stock kernel, built in on the debug one); AEAD modules
	# load on demand.
	modprobe nf_defrag_ipv6 2>/dev/null
	insmod "$SLSEC_KO" "$@"
}

PY=/usr/bin/python3	# Debian's, with scapy; not a user's pyenv shim
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)	# tests/scenarios/lib
mcast() { "$PY" "$HERE/mcast.py" "$@"; }

# The air, as air_setup 1 2 ... N builds it (namespaces are $NS_PREFIX-NAME):
#
# +------------------+  +------------------+         +------------------+
# | ue1              |  | ue2              |         | ueN              |
# |                  |  |                  |         |                  |
# | air0 10.0.0.1/24 |  | air0 10.0.0.2/24 |   ...   | air0 10.0.0.N/24 |
# |      fd00::1/64  |  |      fd00::2/64  |         |      fd00::N/64  |
# | 224.0.0.0/4 dev  |  | 224.0.0.0/4 dev  |         | 224.0.0.0/4 dev  |
# |   air0           |  |   air0           |         |   air0           |
# +--------+---------+  +--------+---------+         +--------+---------+
#          | veth                | veth                       | veth
# +--------+---------------------+----------------------------+---------+
# | air    p1                    p2                           pN        |
# |        +---------------------+---- br0 -------------------+         |
# |                  (a bridge, multicast snooping off: every           |
# |                   frame reaches every UE, as on a radio)            |
# +---------------------------------------------------------------------+
#
# slsec binds its groups to each UE's air0.  In the air, tcpdump on br0
# sees every frame and on pN what ueN sends; frame.py injects on br0.
# A scenario that builds more (26-hostile, 30-egress, 31-userns, 33-*)
# draws it in its header.

# air_setup N...: namespace "air" with bridge br0, and UEs ueN with a veth
# "air0" on it: 10.0.0.N/24, fd00::N/64, IPv4 multicast routed to air0.
air_setup() {
	local air="$NS_PREFIX-air" i
	netns_add air
	$IP -n "$air" link add br0 type bridge mcast_snooping 0
	$IP -n "$air" link set br0 up
	for i in "$@"; do air_join "ue$i" "p$i" "$i"; done
}

# air_join NAME PORT N: namespace NAME on the air (which air_setup made)
# as a UE: its air0 on bridge port PORT, 10.0.0.N/24 and fd00::N/64.
air_join() {
	local ns="$NS_PREFIX-$1" air="$NS_PREFIX-air"
	netns_add "$1" &&
	$IP -n "$ns" link add air0 type veth peer name "$2" netns "$air" &&
	$IP -n "$air" link set "$2" master br0 up &&
	$IP -n "$ns" addr add 10.0.0.$3/24 dev air0 &&
	$IP -n "$ns" addr add fd00::$3/64 dev air0 nodad &&
	$IP -n "$ns" link set air0 up &&
	$IP -n "$ns" route add 224.0.0.0/4 dev air0
}

# setup_air N...: how most scenarios start: slsec.ko loaded (a check),
# the air with UEs N... (air_setup), $air its namespace and $tmp a
# directory of their own.
setup_air() {
	check "insmod slsec.ko" load_slsec
	air_setup "$@"
	air="$NS_PREFIX-air"
	# shellcheck disable=SC2034 # the scenarios' own
	tmp=$(mktemp -d)
	umask 077
}

# bind_keyed N KEYFILE ADDR...: UE N binds each group ADDR on air0 as
# sender N, with key 1 from KEYFILE.
bind_keyed() {
	local i=$1 kf=$2 a
	shift 2
	for a in "$@"; do
		ue_slsec "$i" group add dev air0 addr "$a" sender "$i"
		ue_slsec "$i" key add dev air0 addr "$a" id 1 keyfile "$kf"
	done
}

# in_ue N CMD...: run CMD in UE N's namespace.
in_ue() { local i=$1; shift; $IP netns exec "$NS_PREFIX-ue$i" "$@"; }

# ue_slsec N ARGS...: the tool in UE N.
ue_slsec() { local i=$1; shift; slsec -n "$NS_PREFIX-ue$i" "$@"; }

# slsec_batch [OPTIONS]: the commands on stdin, one a line, run by one
# tool process on one socket (slsec -batch -); stops at the first that
# fails, with "Command failed -:LINE".
slsec_batch() { slsec "$@" -batch -; }

# ue_batch N [OPTIONS]: likewise in UE N.
ue_batch() { local i=$1; shift; slsec -n "$NS_PREFIX-ue$i" "$@" -batch -; }

# ue_json N CODE ARGS...: Python CODE over UE N's reply to "slsec -j
# ARGS..." (the reply is j, [] when the tool printed nothing): an
# expression's value is printed, statements print for themselves.
# field(OBJ, "a.b") is OBJ["a"]["b"], or "-" where a step is missing.
ue_json() {
	local i=$1 code=$2
	shift 2
	ue_slsec "$i" -j "$@" | "$PY" -c '
import json, sys


def field(v, path):
    for f in path.split("."):
        v = v.get(f, "-") if isinstance(v, dict) else "-"
    return v


d = sys.stdin.read()
j = json.loads(d) if d.strip() else []
try:
    code = compile(sys.argv[1], "ue_json", "eval")
except SyntaxError:
    exec(sys.argv[1])
else:
    print(eval(code))' "$code"
}

# stat N ADDR NAME: counter NAME (JSON name) of UE N's group on air0
# (jq, not ue_json: it starts in a tenth of python's time under TCG).
stat() {
	ue_slsec "$1" -j -s group show dev air0 addr "$2" | jq -r ".[0].stats.$3"
}

# senders_of N ADDR: how many senders UE N's group ADDR on air0 keeps
# receive state for.
senders_of() { ue_json "$1" 'j[0]["senders"]' group show dev air0 addr "$2"; }

# groups_of N: how many groups UE N binds.
groups_of() { ue_json "$1" 'len(j)' group show; }

# recv_start N ADDR FILE [ARGS]: a receiver in UE N, in the background,
# writing its report to FILE; returns once it has joined the group.  It
# ends when it has --count datagrams, or after recv_wait once no more
# arrive.
recv_start() {
	local i=$1 addr=$2 file=$3
	shift 3
	rm -f "$file.ready" "$file.stop"
	in_ue "$i" "$PY" "$HERE/mcast.py" recv --group "$addr" --dev air0 \
		--ready "$file.ready" --stop "$file.stop" "$@" >"$file" 2>&1 &
	RECV_PIDS="${RECV_PIDS:-} $!"
	RECV_STOPS="${RECV_STOPS:-} $file.stop"
	for _ in $(seq 100); do [ -e "$file.ready" ] && return 0; sleep 0.1; done
	echo "receiver in ue$i did not start" >&2
	return 1
}

# recv_wait: wait for the background receivers to finish.
recv_wait() {
	local p
	for p in ${RECV_STOPS:-}; do : >"$p"; done
	for p in ${RECV_PIDS:-}; do wait "$p"; done
	RECV_PIDS= RECV_STOPS=
}

# wait_until TIMEOUT CMD...: run CMD until it succeeds, at most about
# TIMEOUT seconds (then say so on stderr and return 1), WAIT_INTERVAL
# (0.2) seconds between tries.  For conditions a slow guest reaches late:
# whatever the caller asserts afterwards still decides.  Under TCG each
# try of an external command costs a fork and exec (~0.2 s; python3 over
# a second): a CMD that runs python wants a longer interval.
wait_until() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		if [ "$SECONDS" -ge "$end" ]; then
			echo "wait_until: still not true: $*" >&2
			return 1
		fi
		sleep "${WAIT_INTERVAL:-0.2}"
	done
}

# mon_start NETNS FILE [OPTIONS]: "slsec [OPTIONS] monitor" in NETNS in
# the background, appending to FILE, MON_PID its pid; returns once it has
# joined the events group, so no later event is missed.  The tool joins
# before it first blocks reading its socket (recvmsg(2)), which
# /proc/PID/syscall shows (x86-64: 47; recvfrom 45), read without a fork.
# Fails if the monitor dies or is not there after 30 s.
mon_start() {
	local ns=$1 file=$2
	shift 2
	"$SLSEC_TOOL" -n "$ns" "$@" monitor >>"$file" 2>&1 &
	MON_PID=$!
	_ready "$MON_PID" _mon_listening "$MON_PID" && return 0
	echo "slsec monitor in $ns is not listening" >&2
	cat "$file" >&2
	return 1
}
_mon_listening() {
	local nr _
	read -r nr _ 2>/dev/null <"/proc/$1/syscall"
	case $nr in 45 | 47) return 0 ;; esac
	return 1
}

# _ready PID TEST...: until TEST succeeds, every 0.2 s for at most 30 s,
# while PID lives.  TEST should not fork: on the debug kernel a fork
# costs a fifth of a second.
_ready() {
	local pid=$1 t
	shift
	for ((t = 0; t < 150; t++)); do
		"$@" && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.2
	done
	return 1
}

# mon_wait FILE PATTERN [N]: until FILE holds N (1) lines matching the
# extended regular expression PATTERN, at most 30 s, and then half a
# second for anything right behind them: for a monitor's output before
# it is stopped (an event is printed a moment after it happened).
mon_wait() {
	wait_until 30 _mon_has "$@"
	sleep 0.5
}
_mon_has() { [ "$(grep -Ec -- "$2" "$1")" -ge "${3:-1}" ]; }

# mon_stop PID...: stop monitors.
mon_stop() { kill "$@" 2>/dev/null; wait "$@" 2>/dev/null; }

# capture_start NETNS FILE TCPDUMP-ARGS...: tcpdump in NETNS writing FILE
# (its messages to FILE.log) in the background, CAP_PID its pid; returns
# once it listens.  In immediate mode: libpcap's default TPACKET_V3 ring
# hands frames over only when a block fills or its 1 s timeout passes,
# and a kill before then loses them.  Fails after 30 s.
capture_start() {
	local ns=$1 file=$2
	shift 2
	: >"$file.log"
	$IP netns exec "$ns" tcpdump -U --immediate-mode -w "$file" "$@" \
		>/dev/null 2>>"$file.log" &
	CAP_PID=$!
	_ready "$CAP_PID" _cap_listening "$file.log" && return 0
	echo "tcpdump in $ns did not start" >&2
	cat "$file.log" >&2
	return 1
}
_cap_listening() { [[ $(<"$1") == *"listening on "* ]]; }

# capture_stop: end the capture capture_start began; FILE holds every
# frame captured until then.
capture_stop() { kill "$CAP_PID" 2>/dev/null; wait "$CAP_PID" 2>/dev/null; }

# tap_lines: a helper's "ok - DESC" / "not ok - DESC" lines on stdin
# become checks numbered on with the scenario's own; other lines pass.
# (Read from a file: a pipe would count in a subshell.)
tap_lines() {
	local line
	while IFS= read -r line; do
		case "$line" in
		"ok - "*)
			n=$((n + 1))
			echo "ok $n - ${line#ok - }" ;;
		"not ok - "*)
			n=$((n + 1)) failed=$((failed + 1))
			echo "not ok $n - ${line#not ok - }" ;;
		*) echo "$line" ;;
		esac
	done
}

finish() {
	echo "1..$n"
	[ "$failed" = 0 ]
	exit $?
}
