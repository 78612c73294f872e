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
read -r kstock kver < <(tests/vm/kdir.sh stock) || die "no stock kernel"

say "building slsec.ko for $kver and for the debug kernel"
make -s module KDIR="$kstock" >"$repo/build/module-stock.log" 2>&1 ||
	{ cat "$repo/build/module-stock.log"; die "module build (stock) failed"; }
make -s module KDIR="$kdebug" >"$repo/build/module-debug.log" 2>&1 ||
	{ cat "$repo/build/module-debug.log"; die "module build (debug) failed"; }
tests/vm/initramfs.sh build/initramfs-debug.cpio.gz || die "initramfs failed"
tests/vm/initramfs.sh build/initramfs-stock.cpio.gz "$kver" || die "initramfs failed"

rm -rf "$out"
mkdir -p "$out"

# vm NAME KERNEL-KIND ONLY TIMEOUT: one VM into $out/NAME running what
# ONLY names (tests/vm/guest.sh); its exit status is the run's.
vm() {
	local name=$1 kind=$2 only=$3 limit=$4 kernel initrd moddir mem=2G
	if [ "$kind" = debug ]; then
		kernel=$kdebug/arch/x86/boot/bzImage moddir=$kdebug mem=1G
	else
		kernel=/boot/vmlinuz-$kver moddir=$kstock
	fi
	initrd=build/initramfs-$kind.cpio.gz
	mkdir -p "$out/$name"
	case "+$only+" in *+kunit+*) : >"$out/$name/kunit.expected" ;; esac
	SLSEC_VM_MEM=$mem SLSEC_VM_TIMEOUT=$limit tests/vm/run.sh "$kernel" \
		"$initrd" "$out/$name" "$repo/tests/vm/guest.sh" \
		"$out/$name,$kind,$repo/build/$(basename "$moddir"),$repo,$only"
}

# Two lanes, a VM at a time each: a TCG guest keeps about one of the two
# cores busy, so two VMs side by side take half the time of one after
# the other.  The scenarios are shared out by their debug-kernel times
# (README) so that the lanes end together; tests/summary.sh fails the
# run if a scenario ran on neither debug VM or not on the stock one.
lane1="kunit+0+1+2[0-79]+32"
lane2="28+3[013-9]"
limit=${SLSEC_VM_TIMEOUT:-4500}
say "lane 1: debug VM ($lane1)"
say "lane 2: debug VM ($lane2), then the stock VM ($kver, every scenario)"
(vm debug-1 debug "$lane1" "$limit"; echo $? >"$out/lane1.rc") &
(vm debug-2 debug "$lane2" "$limit"; r=$?
	vm stock stock - "$limit"; echo $((r + $?)) >"$out/lane2.rc") &
wait
vmfail=$(($(cat "$out/lane1.rc" 2>/dev/null || echo 1) + $(cat "$out/lane2.rc" 2>/dev/null || echo 1)))

SLSEC_COVERAGE="debug stock" exec tests/summary.sh "$out" "$vmfail" "$t0"
