#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: boot Debian's stock kernel in QEMU; three UEs protect a
# multicast group with slsec while a capture on the air shows only
# ciphertext and a fourth UE without the key receives nothing.
set -u
cd "$(dirname "$0")/.."
repo=$PWD
out=$repo/build/demo
mkdir -p "$repo/build"

tests/vm/deps.sh || exit 1
make -s tool >/dev/null || exit 1
read -r kdir kver < <(tests/vm/kdir.sh stock) || exit 1
make -s module KDIR="$kdir" >build/module-stock.log 2>&1 || { cat build/module-stock.log; exit 1; }
tests/vm/initramfs.sh build/initramfs-stock.cpio.gz "$kver" || exit 1
rm -rf "$out"
mkdir -p "$out"
echo "demo: booting Debian's kernel $kver in QEMU..."
SLSEC_VM_TIMEOUT=300 tests/vm/run.sh "/boot/vmlinuz-$kver" \
	build/initramfs-stock.cpio.gz "$out" "$repo/tests/vm/demo-guest.sh" \
	"$out,$repo/build/$(basename "$kdir"),$repo" || exit 1
cat "$out/demo.txt"
grep -q '^demo: OK' "$out/demo.txt"
