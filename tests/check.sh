#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: build the tool, the module for the debug kernel and, through
# DKMS, for Debian 12's 6.1, 6.12 and 6.12-rt; run the KUnit suites and
# every scenario in QEMU on the debug kernel (KASAN, lockdep, kmemleak,
# UBSAN) and on 6.1, and a set of them on 6.12 and 6.12-rt; fail on any
# kernel splat, and end with "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 1
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
# The stock kernels: Debian 12's 6.1 (every scenario), its 6.12 and
# 6.12-rt (the scenarios in $only612 and $onlyrt, below).
declare -A kver
for k in stock 6.12 rt; do
	read -r _ "kver[$k]" < <(tests/vm/kdir.sh "$k") ||
		die "no $k kernel (make deps)"
done

# The stock kernels' modules are built as a user's are: through DKMS
# (tests/dkms.sh), and their VMs load what DKMS made.
say "building slsec.ko through DKMS for ${kver[*]}, and for the debug kernel"
tests/dkms.sh "${kver[@]}" >"$repo/build/module-dkms.log" 2>&1 ||
	{ cat "$repo/build/module-dkms.log"; die "DKMS build failed"; }
for k in stock 6.12 rt; do
	tests/vm/initramfs.sh "build/initramfs-$k.cpio.gz" "${kver[$k]}" ||
		die "initramfs failed"
done
make -s module KDIR="$kdebug" >"$repo/build/module-debug.log" 2>&1 ||
	{ cat "$repo/build/module-debug.log"; die "module build (debug) failed"; }
tests/vm/initramfs.sh build/initramfs-debug.cpio.gz || die "initramfs failed"

rm -rf "$out"
mkdir -p "$out"

# vm NAME KERNEL-KIND ONLY TIMEOUT [NAME=VALUE...]: one VM into $out/NAME
# running what ONLY names (tests/vm/guest.sh) with that environment; its
# exit status is the run's.
vm() {
	local name=$1 kind=$2 only=$3 limit=$4 kernel initrd moddir mem=2G env
	shift 4
	env=$(IFS=,; echo "$*")
	if [ "$kind" = debug ]; then
		kernel=$kdebug/arch/x86/boot/bzImage mem=1G
		moddir=$(basename "$kdebug")
	else
		kernel=/boot/vmlinuz-${kver[$kind]} moddir=dkms/${kver[$kind]}
	fi
	initrd=build/initramfs-$kind.cpio.gz
	mkdir -p "$out/$name"
	case "+$only+" in *+kunit+*) : >"$out/$name/kunit.expected" ;; esac
	SLSEC_VM_MEM=$mem SLSEC_VM_TIMEOUT=$limit tests/vm/run.sh "$kernel" \
		"$initrd" "$out/$name" "$repo/tests/vm/guest.sh" \
		"$out/$name,$kind,$repo/build/$moddir,$repo,$only${env:+,$env}"
}

# Two lanes, a VM at a time each: a TCG guest keeps about one of the two
# cores busy, so two VMs side by side take about half the time of one
# after the other (measured: debug VMs of 37 and 28 min side by side, 3355 s
# one after the other).  The scenarios are shared out by their measured
# times so that the lanes end together; tests/summary.sh fails the run if
# a scenario ran on neither debug VM or not on the stock one.  6.12 and
# 6.12-rt run what differs between kernels (module load, netlink, the
# hooks and data path, async crypto, timers, keyring, bundles, restarts,
# egress, user namespaces, bounds, teardown); the randomised and
# long-running ones (26-28, 34) run on 6.1 only.
lane1="kunit+0+1+2[0-7]"
lane2="28+29+3[0-9]"
only612="0+1+2[0-5]+29"
onlyrt="0+2[0-3]+29+3[0-3]"
limit=${SLSEC_VM_TIMEOUT:-4500}
say "lane 1: debug VM ($lane1), 6.12 VM ($only612), rt VM ($onlyrt)"
say "lane 2: debug VM ($lane2), then the stock VM (${kver[stock]}, every scenario)"
(vm debug-1 debug "$lane1" "$limit"; r=$?
	vm 6.12 6.12 "$only612" "$limit" SLSEC_ASYNC=1; r=$((r + $?))
	vm rt rt "$onlyrt" "$limit"; echo $((r + $?)) >"$out/lane1.rc") &
(vm debug-2 debug "$lane2" "$limit"; r=$?
	vm stock stock - "$limit"; echo $((r + $?)) >"$out/lane2.rc") &
wait
vmfail=$(($(cat "$out/lane1.rc" 2>/dev/null || echo 1) + $(cat "$out/lane2.rc" 2>/dev/null || echo 1)))

SLSEC_COVERAGE="debug stock" exec tests/summary.sh "$out" "$vmfail" "$t0"
