#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Plaintext vs sealed multicast goodput, measured in one boot of Debian's
# stock kernel (the debug kernel would measure its sanitizers).  Prints
# each run and the median of the per-repetition ratios sealed/plain.
# Under TCG absolute numbers are emulation speed; only ratios carry over.
# Usage: goodput.sh [REPS] [SECONDS] [LEN]
set -u
cd "$(dirname "$0")/../.."
repo=$PWD out=$repo/build/goodput
tests/vm/deps.sh || exit 1
make -s tool >/dev/null || exit 1
read -r kdir kver < <(make -s --no-print-directory print-kdir)
make -s module >build/module-stock.log 2>&1 || { cat build/module-stock.log; exit 1; }
tests/vm/initramfs.sh build/initramfs-stock.cpio.gz "$kver" || exit 1
rm -rf "$out"; mkdir -p "$out"
SLSEC_VM_TIMEOUT=900 tests/vm/run.sh "/boot/vmlinuz-$kver" build/initramfs-stock.cpio.gz \
	"$out" "$repo/tests/bench/goodput-guest.sh" \
	"$out,$repo/build/$(basename "$kdir"),$repo,${1:-3},${2:-5},${3:-1400}" || exit 1
cat "$out/goodput.txt"
python3 - "$out/goodput.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 3 and f[0] in ("plain", "sealed"):
        runs.setdefault(f[1], {})[f[0]] = float(f[2])
ratios = [r["sealed"] / r["plain"] for r in runs.values() if len(r) == 2 and r["plain"]]
if not ratios:
    sys.exit("no complete repetition")
print("plain  median %.1f Mbit/s" % statistics.median(r["plain"] for r in runs.values()))
print("sealed median %.1f Mbit/s" % statistics.median(r["sealed"] for r in runs.values()))
print("sealed/plain: median of %d per-repetition ratios %.3f (min %.3f, max %.3f)"
      % (len(ratios), statistics.median(ratios), min(ratios), max(ratios)))
PY
