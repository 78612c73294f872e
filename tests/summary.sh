#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Count what the VM runs of tests/check.sh left in OUT and print the
# verdict.  A KUnit case is a line "    ok N name" / "    not ok N name"
# at case level of a suite's KTAP; a scenario check is a TAP line of a
# scenario.  A scenario without its plan, a missing expected suite, a
# failed VM run and a kernel splat each count as a failure.
# Usage: summary.sh OUT VMFAILURES START_EPOCH
# Env: SLSEC_KUNIT_EXPECTED=0 when the debug run had no KUnit (a run of
# some scenarios only, tests/vm/scenario.sh).
set -u
out=$1 vmfail=$2 t0=$3
pass=0 fail=0
suites="slsec_aead slsec_kdf slsec_replay slsec_ip slsec_key slsec_bundle slsec_fresh slsec_forgery"
splat='BUG:|WARNING:|Oops|KASAN:|UBSAN:|unreferenced object|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|blocked for more than|Kernel panic|general protection fault|soft lockup|list_add corruption|list_del corruption'

count() { # file pattern
	grep -cE "$2" "$1" 2>/dev/null || true
}

for kind in debug stock; do
	d=$out/$kind
	[ -d "$d" ] || continue
	if [ "$kind" = debug ] && [ "${SLSEC_KUNIT_EXPECTED:-1}" = 1 ]; then
		for s in $suites; do
			f=$d/kunit-$s.ktap
			if [ ! -f "$f" ]; then
				echo "FAIL $kind: KUnit suite $s did not run"
				fail=$((fail + 1))
				continue
			fi
			p=$(count "$f" '^    ok [0-9]+ ')
			n=$(count "$f" '^    not ok [0-9]+ ')
			printf '%-6s %-28s %3d passed %3d failed\n' "$kind" "kunit $s" "$p" "$n"
			grep -E '^    not ok' "$f" | sed "s/^ */  FAIL $kind $s: /"
			pass=$((pass + p)) fail=$((fail + n))
		done
		grep -h 'slsec_aead_cost: cost' "$d/dmesg-kunit.txt" 2>/dev/null |
			sed 's/.*cost /  (info) debug-kernel AEAD cost: /'
	fi
	for f in "$d"/scenario-*.tap; do
		[ -f "$f" ] || continue
		name=$(basename "$f" .tap)
		p=$(count "$f" '^ok [0-9]+ ')
		n=$(count "$f" '^not ok [0-9]+ ')
		printf '%-6s %-28s %3d passed %3d failed\n' "$kind" "${name#scenario-}" "$p" "$n"
		grep -E '^not ok' -A12 "$f" | grep -E '^(not ok|#)' | sed "s/^/  $kind: /"
		if ! grep -qE '^1\.\.[0-9]+' "$f"; then
			echo "  FAIL $kind: ${name#scenario-} ended early:"
			tail -5 "$f" | sed 's/^/    /'
			n=$((n + 1))
		fi
		pass=$((pass + p)) fail=$((fail + n))
	done
	if [ -f "$d/console.log" ] && grep -qE "$splat" "$d/console.log"; then
		echo "FAIL $kind: kernel splat in the console:"
		grep -nE -m5 -A20 "$splat" "$d/console.log" | head -60
		fail=$((fail + 1))
	fi
	[ -f "$d/seconds" ] && echo "  ($kind VM: $(cat "$d/seconds") s, $(cat "$d/accel" 2>/dev/null))"
done
fail=$((fail + vmfail))
[ "$vmfail" -gt 0 ] && echo "FAIL: $vmfail VM run(s) did not finish cleanly"
echo "check: done in $(($(date +%s) - t0)) s"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
