#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run some scenarios (or only KUnit) in one VM, for work on one part:
#   tests/vm/scenario.sh PREFIX [stock|debug|6.12|rt [NAME=VALUE...]]
# PREFIX picks tests/scenarios/PREFIX*.sh, a glob, or several joined by
# "+" ("kunit": the KUnit suites; "kunit+2[78]"); the kernel defaults to
# the stock one (the debug kernel is built if need be, as make check
# does; the others: tests/vm/kdir.sh); NAME=VALUE pairs are the
# scenarios' environment (no commas).  Prints each scenario's TAP and
# the verdict.  Env: SLSEC_VM_TIMEOUT (s).
set -u
cd "$(dirname "$0")/../.."
repo=$PWD prefix=${1:?usage: scenario.sh PREFIX [stock|debug|6.12|rt [NAME=VALUE...]]}
kind=${2:-stock}
shift $(($# < 2 ? $# : 2))
env=$(IFS=,; echo "$*")
out=$repo/build/scenario-$kind

tests/vm/deps.sh || exit 1
make -s tool >/dev/null && make -s -C tests/fuzz >/dev/null || exit 1
if [ "$kind" = debug ]; then
	kdir=$(tests/vm/kernel.sh) || exit 1
	kernel=$kdir/arch/x86/boot/bzImage kver=
else
	read -r kdir kver < <(tests/vm/kdir.sh "$kind") || exit 1
	kernel=/boot/vmlinuz-$kver
fi
make -s module KDIR="$kdir" >"$repo/build/module-$kind.log" 2>&1 ||
	{ cat "$repo/build/module-$kind.log"; exit 1; }
tests/vm/initramfs.sh "build/initramfs-$kind.cpio.gz" $kver || exit 1
rm -rf "$out" && mkdir -p "$out/$kind"
case "+$prefix+" in *+kunit+*) : >"$out/$kind/kunit.expected" ;; esac
SLSEC_VM_MEM=1G SLSEC_VM_TIMEOUT=${SLSEC_VM_TIMEOUT:-2400} tests/vm/run.sh "$kernel" "build/initramfs-$kind.cpio.gz" \
	"$out/$kind" "$repo/tests/vm/guest.sh" \
	"$out/$kind,$kind,$repo/build/$(basename "$kdir"),$repo,$prefix${env:+,$env}"
vm=$?
cat "$out/$kind"/scenario-*.tap 2>/dev/null
tests/summary.sh "$out" "$vm" "$(date +%s)"
