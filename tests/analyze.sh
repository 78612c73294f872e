#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make analyze: static analysis beyond `make lint`.
#   - the tool and the fuzzer (tests/fuzz): cppcheck (warning, style,
#     performance, portability; not
#     variableScope, which kernel and iproute2 style contradict) and
#     clang's static analyzer through clang-tidy (clang-analyzer-*, not
#     the Annex K "use memcpy_s" advice);
#   - the module: every coccinelle script of the kernel
#     (scripts/coccinelle, `make coccicheck MODE=report`) on kmod/.
# Exits non-zero on any finding.
set -u
cd "$(dirname "$0")/.."
repo=$PWD fail=0
tests/vm/deps.sh analyze || exit 1
src=$(ls -d /var/cache/slsec/src-* 2>/dev/null | tail -1)
if [ -z "$src" ]; then
	# The debug kernel's source tree (tests/vm/kernel.sh) has the
	# scripts; without one, unpack only them.
	src=/var/cache/slsec/cocci-src
	if [ ! -d "$src/scripts/coccinelle" ]; then
		mkdir -p "$src"
		tar xJf /usr/src/linux-source-6.1.tar.xz -C "$src" \
			--strip-components=1 linux-source-6.1/scripts \
			linux-source-6.1/Makefile linux-source-6.1/include \
			linux-source-6.1/arch/x86/include || exit 1
	fi
fi

echo "analyze: cppcheck (tools/, tests/fuzz/)"
cppcheck --enable=warning,style,performance,portability --std=c11 \
	-D_GNU_SOURCE -Iuapi --suppress=missingIncludeSystem \
	--suppress=variableScope --inline-suppr -q --error-exitcode=1 \
	tools/*.c tests/fuzz/*.c || fail=1

echo "analyze: clang static analyzer (tools/, tests/fuzz/)"
# shellcheck disable=SC2046
log=$(clang-tidy --quiet \
	-checks='-*,clang-analyzer-*,-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling' \
	tools/*.c tests/fuzz/*.c -- -std=gnu11 -D_GNU_SOURCE -Iuapi \
	$(pkg-config --cflags libmnl libcrypto) 2>&1)
if echo "$log" | grep -E 'warning:|error:'; then
	fail=1
fi

echo "analyze: coccinelle ($(find "$src/scripts/coccinelle" -name '*.cocci' | wc -l) scripts, kmod/)"
rm -rf build/analyze-kmod && mkdir -p build && cp -a kmod build/analyze-kmod
# coccicheck stops at the first script it cannot run (two need OCaml):
# its exit code counts as much as its findings.
log=$(make -s -C "$src" coccicheck MODE=report M="$repo/build/analyze-kmod" \
	J=2 2>&1) || { echo "$log" | tail -5; echo "analyze: coccicheck failed"; fail=1; }
# Each finding is a line "path:line:col-col: message".
if echo "$log" | grep -E '^[^ ]+:[0-9]+:[0-9]+'; then
	fail=1
fi
[ $fail = 0 ] && echo "analyze: clean"
exit $fail
