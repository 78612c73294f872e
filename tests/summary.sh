#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Count what the VM runs of tests/check.sh left in OUT (a directory for
# each VM: debug-1, stock, ...; the kernel is the name up to the first
# "-") and print the verdict.  A KUnit case is a line "    ok N name" /
# "    not ok N name" at case level of a suite's KTAP; a scenario check is
# a TAP line of a scenario.  A scenario without its plan, a missing
# expected suite (a VM whose directory holds "kunit.expected"), a failed
# VM run and a kernel splat each count as a failure.  What failed is
# listed again just before the verdict, so that the tail of a long log
# says it.
# Usage: summary.sh OUT VMFAILURES START_EPOCH
# Env: SLSEC_COVERAGE="debug stock": each scenario of tests/scenarios
# must have run on each of these kernels (make check), else a failure.
set -u
out=$1 vmfail=$2 t0=$3
pass=0 fail=0 failures=
suites="slsec_aead slsec_kdf slsec_replay slsec_ip slsec_key slsec_bundle slsec_fresh slsec_forgery"
splat='BUG:|WARNING:|Oops|KASAN:|UBSAN:|unreferenced object|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|blocked for more than|Kernel panic|general protection fault|soft lockup|list_add corruption|list_del corruption'

count() { # file pattern
	grep -cE "$2" "$1" 2>/dev/null || true
}

failed() { # a line for the recap
	failures="$failures$*"$'\n'
	echo "$*"
}

kunit_dir() { # DIR KIND: the expected suites' cases
	local d=$1 kind=$2 s f p n
	for s in $suites; do
		f=$d/kunit-$s.ktap
		if [ ! -f "$f" ]; then
			failed "FAIL $kind: KUnit suite $s did not run"
			fail=$((fail + 1))
			continue
		fi
		p=$(count "$f" '^    ok [0-9]+ ')
		n=$(count "$f" '^    not ok [0-9]+ ')
		printf '%-8s %-28s %3d passed %3d failed\n' "$kind" "kunit $s" "$p" "$n"
		while IFS= read -r l; do
			failed "  FAIL $kind $s: ${l#"${l%%[! ]*}"}"
		done < <(grep -E '^    not ok' "$f")
		pass=$((pass + p)) fail=$((fail + n))
	done
	grep -h 'slsec_aead_cost: cost' "$d/dmesg-kunit.txt" 2>/dev/null |
		sed 's/.*cost /  (info) debug-kernel AEAD cost: /'
}

scenario_file() { # FILE KIND
	local f=$1 kind=$2 name p n l
	name=$(basename "$f" .tap)
	name=${name#scenario-}
	p=$(count "$f" '^ok [0-9]+ ')
	n=$(count "$f" '^not ok [0-9]+ ')
	printf '%-8s %-28s %3d passed %3d failed\n' "$kind" "$name" "$p" "$n"
	grep -E '^not ok' -A12 "$f" | grep -E '^#' | sed "s/^/  $kind: /"
	while IFS= read -r l; do
		failed "  FAIL $kind $name: $l"
	done < <(grep -E '^not ok' "$f")
	if ! grep -qE '^1\.\.[0-9]+' "$f"; then
		failed "  FAIL $kind: $name ended early:"
		tail -5 "$f" | sed 's/^/    /'
		n=$((n + 1))
	fi
	pass=$((pass + p)) fail=$((fail + n))
}

for d in "$out"/*/; do
	d=${d%/}
	kind=$(basename "$d")
	[ -f "$d/kunit.expected" ] && kunit_dir "$d" "$kind"
	for f in "$d"/scenario-*.tap; do
		[ -f "$f" ] && scenario_file "$f" "$kind"
	done
	if [ -f "$d/console.log" ] && grep -qE "$splat" "$d/console.log"; then
		failed "FAIL $kind: kernel splat in the console:"
		grep -nE -m5 -A20 "$splat" "$d/console.log" | head -60
		fail=$((fail + 1))
	fi
	[ -f "$d/seconds" ] && echo "  ($kind VM: $(cat "$d/seconds") s, $(cat "$d/accel" 2>/dev/null))"
done

here=$(cd "$(dirname "$0")" && pwd)
for k in ${SLSEC_COVERAGE:-}; do
	for s in "$here"/scenarios/[0-9]*.sh; do
		s=$(basename "$s" .sh)
		compgen -G "$out/$k*/scenario-$s.tap" >/dev/null && continue
		failed "FAIL $k: scenario $s did not run on this kernel"
		fail=$((fail + 1))
	done
done

fail=$((fail + vmfail))
[ "$vmfail" -gt 0 ] && failed "FAIL: $vmfail VM run(s) did not finish cleanly"
if [ -n "$failures" ]; then
	echo "check: what failed:"
	printf '%s' "$failures"
fi
echo "check: done in $(($(date +%s) - t0)) s"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
