#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run some scenarios (or only KUnit) in one VM, for work on one part:
#   tests/vm/scenario.sh PREFIX [stock|debug]
# PREFIX picks tests/scenarios/PREFIX*.sh ("kunit": the KUnit suites);
# the kernel defaults to the stock one (the debug kernel must have been
# built: make check).  Prints each scenario's TAP and the verdict.
set -u
cd "$(dirname "$0")/../.."
repo=$PWD prefix=${1:?usage: scenario.sh PREFIX [stock|debug]} kind=${2:-stock}
out=$repo/build/scenario-$kind

make -s tool >/dev/null || exit 1
if [ "$kind" = debug ]; then
	kdir=$(tests/vm/kernel.sh) || exit 1
	kernel=$kdir/arch/x86/boot/bzImage kver=
else
	read -r kdir kver < <(make -s --no-print-directory print-kdir)
	kernel=/boot/vmlinuz-$kver
fi
make -s module KDIR="$kdir" >"$repo/build/module-$kind.log" 2>&1 ||
	{ cat "$repo/build/module-$kind.log"; exit 1; }
tests/vm/initramfs.sh "build/initramfs-$kind.cpio.gz" $kver || exit 1
rm -rf "$out" && mkdir -p "$out/$kind"
SLSEC_VM_MEM=1G tests/vm/run.sh "$kernel" "build/initramfs-$kind.cpio.gz" \
	"$out/$kind" "$repo/tests/vm/guest.sh" \
	"$out/$kind,$kind,$repo/build/$(basename "$kdir"),$repo,$prefix"
vm=$?
cat "$out/$kind"/scenario-*.tap 2>/dev/null
tests/summary.sh "$out" "$vm" "$(date +%s)"
