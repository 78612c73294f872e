#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make lint: checkpatch --strict --no-tree on the kernel code, sparse on
# every file (C=2), a W=1 build, and the tool and the netlink fuzzer with
# -Wall -Wextra -Werror.
# Fails on any finding.
set -u
cd "$(dirname "$0")/.."
cache=${SLSEC_CACHE:-/var/cache/slsec}
fail=0

tests/vm/deps.sh || exit 1
read -r kdir _ < <(tests/vm/kdir.sh stock) || exit 1

checkpatch=$(ls "$cache"/src-*/scripts/checkpatch.pl 2>/dev/null | tail -1)
if [ -z "$checkpatch" ]; then
	# Only checkpatch and its data files, not the whole tree.
	mkdir -p "$cache/checkpatch"
	tar xJf /usr/src/linux-source-6.1.tar.xz -C "$cache/checkpatch" \
		--strip-components=1 linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
	checkpatch=$cache/checkpatch/scripts/checkpatch.pl
fi

files=$(git ls-files 'kmod/*.[ch]' 'uapi/*.h' 'tests/kunit/*.[ch]' \
	'tests/bench/kmod/*.c' |
	grep -v -e 'tests/kunit/vectors.h' -e 'kmod/compat.h')
echo "lint: checkpatch --strict --no-tree ($(echo "$files" | wc -w) files + compat.h)"
# shellcheck disable=SC2086
if ! perl "$checkpatch" --strict --no-tree --terse --show-types -q -f $files; then
	fail=1
fi
# compat.h is the one file whose job is version checks.
if ! perl "$checkpatch" --strict --no-tree --terse --show-types -q \
	--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f kmod/compat.h; then
	fail=1
fi

lint_build() { # name, make arguments...
	local name=$1 log
	shift
	log=build/lint-$name.log
	rm -rf "build/lint-$name"
	make -s module MODDIR="build/lint-$name" KDIR="${KDIR_LINT:-$kdir}" "$@" >"$log" 2>&1 ||
		{ echo "lint: $name build failed"; cat "$log"; fail=1; return; }
	if grep -E 'warning:|error:' "$log"; then
		echo "lint: $name findings above"
		fail=1
	fi
}
echo "lint: sparse (C=2)"
lint_build sparse C=2
echo "lint: W=1"
lint_build w1 W=1
for k in 6.12 rt; do
	echo "lint: W=1 against the $k kernel"
	read -r kd _ < <(tests/vm/kdir.sh "$k") || { fail=1; continue; }
	KDIR_LINT=$kd lint_build "w1-$k" W=1
done
echo "lint: benchmark module (C=2 W=1)"
rm -rf build/lint-bench && cp -a tests/bench/kmod build/lint-bench
make -s -C "$kdir" M="$PWD/build/lint-bench" C=2 W=1 modules \
	>build/lint-bench.log 2>&1 || { cat build/lint-bench.log; fail=1; }
if grep -E 'warning:|error:' build/lint-bench.log; then
	echo "lint: benchmark module findings above"
	fail=1
fi
echo "lint: tool and fuzzer (-Wall -Wextra -Werror)"
make -s -C tools clean && make -s -C tools >/dev/null || fail=1
make -s -C tests/fuzz clean && make -s -C tests/fuzz >/dev/null || fail=1

[ $fail = 0 ] && echo "lint: clean"
exit $fail
