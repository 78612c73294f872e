#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: build the tool and the module for two kernels, run the KUnit
# suites and every scenario in QEMU on the debug kernel (KASAN, lockdep,
# kmemleak, UBSAN) and the scenarios on Debian's stock kernel, fail on any
# kernel splat, and end with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
repo=$PWD
out=$repo/build/check
t0=$(date +%s)
mkdir -p "$repo/build"

say() { echo "check: $*"; }
die() { echo "check: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

tests/vm/deps.sh || die "cannot install dependencies"
make -s tool >/dev/null || die "tool build failed"
make -s -C tests/fuzz >/dev/null || die "fuzzer build failed"
kdebug=$(tests/vm/kernel.sh) || die "debug kernel build failed"
read -r kstock kver < <(make -s --no-print-directory print-kdir)
[ -f "/boot/vmlinuz-$kver" ] || die "/boot/vmlinuz-$kver missing (make deps)"

say "building slsec.ko for $kver and for the debug kernel"
make -s module >"$repo/build/module-stock.log" 2>&1 ||
	{ cat "$repo/build/module-stock.log"; die "module build (stock) failed"; }
make -s module KDIR="$kdebug" >"$repo/build/module-debug.log" 2>&1 ||
	{ cat "$repo/build/module-debug.log"; die "module build (debug) failed"; }
tests/vm/initramfs.sh build/initramfs-debug.cpio.gz || die "initramfs failed"
tests/vm/initramfs.sh build/initramfs-stock.cpio.gz "$kver" || die "initramfs failed"

rm -rf "$out"
mkdir -p "$out/debug" "$out/stock"
vmfail=0
say "debug kernel VM: KUnit + scenarios"
SLSEC_VM_MEM=1G SLSEC_VM_TIMEOUT=${SLSEC_VM_TIMEOUT:-4800} tests/vm/run.sh "$kdebug/arch/x86/boot/bzImage" build/initramfs-debug.cpio.gz \
	"$out/debug" "$repo/tests/vm/guest.sh" \
	"$out/debug,debug,$repo/build/$(basename "$kdebug"),$repo" || vmfail=$((vmfail + 1))
say "stock kernel VM ($kver): scenarios"
SLSEC_VM_TIMEOUT=${SLSEC_VM_TIMEOUT:-1800} tests/vm/run.sh "/boot/vmlinuz-$kver" build/initramfs-stock.cpio.gz \
	"$out/stock" "$repo/tests/vm/guest.sh" \
	"$out/stock,stock,$repo/build/$(basename "$kstock"),$repo" || vmfail=$((vmfail + 1))

exec tests/summary.sh "$out" "$vmfail" "$t0"
