#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make bench`: boot Debian's stock kernel once (the debug kernel would
# measure its sanitizers) and measure, in that one boot, plaintext, slsec
# (three algorithms), MACsec, ESP and WireGuard goodput, the AEAD's own
# cost, and slsec's scaling; then write tests/bench/results/ (CSV,
# summary.md, PNG plots) and print the summary.
# Env: QUICK=1 for the short run (two sizes, two repetitions, one
# receiver, fewer scaling levels; the same code path), reported in
# results/quick/.
set -u
cd "$(dirname "$0")/../.."
repo=$PWD out=$repo/build/bench results=$repo/tests/bench/results
quick=${QUICK:-0}
[ "$quick" = 1 ] || quick=0
# A quick run never overwrites the full run's report.
[ "$quick" = 1 ] && results=$results/quick
tests/vm/deps.sh bench || exit 1
make -s tool >/dev/null || exit 1
read -r kdir kver < <(tests/vm/kdir.sh stock) || exit 1
mkdir -p build
make -s module KDIR="$kdir" >build/module-stock.log 2>&1 || { cat build/module-stock.log; exit 1; }
rm -rf build/bench-kmod && cp -a tests/bench/kmod build/bench-kmod
make -s -C "$kdir" M="$repo/build/bench-kmod" modules >build/bench-kmod.log 2>&1 ||
	{ cat build/bench-kmod.log; exit 1; }
tests/vm/initramfs.sh build/initramfs-stock.cpio.gz "$kver" || exit 1
rm -rf "$out"; mkdir -p "$out"
timeout=1500
[ "$quick" = 1 ] && timeout=420
start=$(date +%s)
SLSEC_VM_MEM=4G SLSEC_VM_TIMEOUT=$timeout tests/vm/run.sh \
	"/boot/vmlinuz-$kver" build/initramfs-stock.cpio.gz "$out" \
	"$repo/tests/bench/guest.sh" \
	"$out,$repo/build/$(basename "$kdir"),$repo,$repo/build/bench-kmod/slsec_bench.ko,$quick" ||
	{ tail -30 "$out/guest.log" 2>/dev/null; exit 1; }
echo "bench: VM run $(($(date +%s) - start)) s ($(cat "$out/accel"))"
mkdir -p "$results"
cp "$out"/goodput.csv "$out"/crypto.csv "$out"/timing.csv "$out"/scaling.csv \
	"$results"/ || exit 1
grep '^#' "$out/guest.log" >"$results/run.log"
/usr/bin/python3 tests/bench/report.py "$results" "$(cat "$out/accel")" "$quick"
