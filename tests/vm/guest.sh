#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs inside the test VM (chrooted into the host root).  Runs the KUnit
# module (debug kernel), then every scenario, writing results to OUT:
#   kunit-<suite>.ktap  KTAP of each suite, from debugfs
#   scenario-<name>.tap TAP of each scenario
#   kmemleak.txt        what a final kmemleak scan found (debug kernel)
# Usage: guest.sh OUT MODE MODDIR REPO [ONLY [NAME=VALUE...]]
#   ONLY: what to run, globs over scenario names joined by "+" (the item
#   "kunit" is the KUnit suites): "kunit+0+1+2[0-6]" runs KUnit and the
#   scenarios 0*, 1*, 20* to 26*; absent or "-": KUnit (debug kernel)
#   and every scenario.  tests/check.sh shares the scenarios out among
#   VMs this way; tests/vm/scenario.sh runs some by hand.
#   NAME=VALUE: environment for the scenarios (SLSEC_STRESS_*;
#   SLSEC_TRACE=1 traces each into trace-NAME.txt)
set -u
out=$1 mode=$2 moddir=$3 repo=$4 only=${5:-}
shift $(($# < 5 ? $# : 5))
for kv in "$@"; do export "${kv?}"; done
[ "$only" = - ] && only=
[ -z "$only" ] && only="kunit+[0-9]"
export SLSEC_KO=$moddir/kmod/slsec.ko SLSEC_TOOL=$repo/tools/slsec
export SLSEC_MODE=$mode SLSEC_REPO=$repo
leak=/sys/kernel/debug/kmemleak

[ -w $leak ] && echo clear >$leak

case "+$only+" in *+kunit+*) kunit=1 ;; *) kunit=0 ;; esac
if [ "$mode" = debug ] && [ $kunit = 1 ]; then
	insmod "$SLSEC_KO" && insmod "$moddir/tests/kunit/slsec_kunit.ko"
	echo "kunit-load $?" >"$out/kunit-load"
	for d in /sys/kernel/debug/kunit/slsec_*; do
		[ -f "$d/results" ] && cp "$d/results" "$out/kunit-${d##*/}.ktap"
	done
	rmmod slsec_kunit 2>/dev/null
	rmmod slsec 2>/dev/null
	dmesg >"$out/dmesg-kunit.txt"
fi

scenarios() { # the scenario files ONLY names, each once, in order
	local g items
	IFS=+ read -ra items <<<"$only"
	for g in "${items[@]}"; do
		[ "$g" = kunit ] && continue
		# shellcheck disable=SC2086 # $g is a glob
		printf '%s\n' "$repo"/tests/scenarios/$g*.sh
	done | sort -u
}

for s in $(scenarios); do
	[ -e "$s" ] || continue
	name=$(basename "$s" .sh)
	echo "guest: scenario $name at $(cut -d' ' -f1 /proc/uptime) s"
	if [ -n "${SLSEC_TRACE:-}" ]; then
		# Where the time goes: every command with its start time, into
		# trace-NAME.txt (tests/trace-report.sh sums it up).
		# shellcheck disable=SC2016 # expanded by the traced shell
		timeout "${SLSEC_SCENARIO_TIMEOUT:-1200}" bash -c \
			'exec 7>"$1"; BASH_XTRACEFD=7
			PS4="+ \$EPOCHREALTIME \${BASH_SOURCE##*/}:\$LINENO "
			set -x; . "$0"' "$s" "$out/trace-$name.txt" \
			>"$out/scenario-$name.tap" 2>&1
	else
		timeout "${SLSEC_SCENARIO_TIMEOUT:-1200}" bash "$s" \
			>"$out/scenario-$name.tap" 2>&1
	fi
	echo "# exit $?" >>"$out/scenario-$name.tap"
	rmmod slsec 2>/dev/null
done

echo "guest: final kmemleak scan at $(cut -d' ' -f1 /proc/uptime) s"
if [ -w $leak ]; then
	# kmemleak ignores objects younger than ~5 s and may need several
	# scans to settle.
	sleep 6
	for i in 1 2 3; do echo scan >$leak; sleep 1; done
	cat $leak >"$out/kmemleak.txt"
	[ -s "$out/kmemleak.txt" ] && cat "$out/kmemleak.txt"
fi
exit 0
