# SPDX-License-Identifier: GPL-2.0
# Helpers for scenario scripts, in the manner of WireGuard's netns.sh.
# Each check prints one TAP line; finish prints the plan and exits
# non-zero if anything failed.  Namespaces are named with the PID so a
# leftover never collides, and are removed on exit.

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

# _expect WANT DESC CMD...: run CMD; WANT is "success" or "failure".
_expect() {
	local want=$1 desc=$2 log rc
	shift 2
	log=$(mktemp)
	"$@" >"$log" 2>&1
	rc=$?
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
	log=$(mktemp)
	"$@" >"$log" 2>&1
	last_rc=$?
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

# kmemleak_clean: nothing unreferenced (debug kernel); a no-op elsewhere.
kmemleak_clean() {
	local f=/sys/kernel/debug/kmemleak
	[ -w $f ] || return 0
	sleep 6
	echo scan >$f; sleep 1; echo scan >$f
	! grep -q unreferenced $f || { cat $f; return 1; }
}

load_slsec() {
	# On the stock kernel the AEAD modules load on demand through the
	# initramfs's modprobe helper; nothing to preload.
	insmod "$SLSEC_KO" "$@"
}

finish() {
	echo "1..$n"
	[ "$failed" = 0 ]
	exit $?
}
