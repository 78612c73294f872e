#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Profile one configuration's data path in the stock kernel under perf:
# `tests/bench/profile.sh [CONFIG] [SIZE]` (default slsec-gcm128 64).
# Prints the profile; configurations are those of tests/bench/configs.sh.
set -u
cd "$(dirname "$0")/../.."
repo=$PWD out=$repo/build/profile
tests/vm/deps.sh bench || exit 1
make -s tool >/dev/null || exit 1
read -r kdir kver < <(tests/vm/kdir.sh stock) || exit 1
mkdir -p build
make -s module KDIR="$kdir" >build/module-stock.log 2>&1 || { cat build/module-stock.log; exit 1; }
tests/vm/initramfs.sh build/initramfs-stock.cpio.gz "$kver" || exit 1
rm -rf "$out"; mkdir -p "$out"
SLSEC_VM_TIMEOUT=300 tests/vm/run.sh "/boot/vmlinuz-$kver" \
	build/initramfs-stock.cpio.gz "$out" "$repo/tests/bench/profile-guest.sh" \
	"$out,$repo/build/$(basename "$kdir"),$repo,${1:-slsec-gcm128},${2:-64}" ||
	{ cat "$out/guest.log"; exit 1; }
cat "$out"/profile-*.txt
