#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot a kernel in QEMU with the host root shared read-only over 9p and run
# one guest script.  KVM is used only if a short probe boot succeeds
# (nested KVM has hung guests here); otherwise TCG.  A run that exceeds its
# time limit is killed and fails with the console tail printed.
#
# Usage: run.sh BZIMAGE INITRD OUTDIR SCRIPT [ARG,ARG...]
#   OUTDIR gets console.log; the guest sees it read-write at the same path.
# Env: SLSEC_VM_TIMEOUT (s, default 900), SLSEC_ACCEL (kvm|tcg), SLSEC_VM_MEM
set -u

kernel=$1 initrd=$2 out=$3 script=$4 args=${5:-}
timeout=${SLSEC_VM_TIMEOUT:-900}
mkdir -p "$out"
out=$(cd "$out" && pwd)

qemu_base() {
	echo qemu-system-x86_64 -M q35 -m "${SLSEC_VM_MEM:-2G}" -smp 2 \
		-nodefaults -nographic -no-reboot -serial stdio \
		-kernel "$kernel" -initrd "$initrd"
}

probe_kvm() {
	[ -w /dev/kvm ] || return 1
	# No virtualization extensions visible: /dev/kvm cannot work (or is
	# nested emulation that hung guests here); do not spend a probe boot.
	grep -Eqw 'vmx|svm' /proc/cpuinfo || return 1
	local log
	log=$(mktemp)
	# shellcheck disable=SC2046
	timeout 15 $(qemu_base) -accel kvm -cpu host \
		-append "console=ttyS0 panic=-1 rdinit=/bin/poweroff" \
		>"$log" 2>&1
	local rc=$?
	rm -f "$log"
	[ $rc = 0 ]
}

accel=${SLSEC_ACCEL:-}
if [ -z "$accel" ]; then
	if probe_kvm; then accel=kvm; else accel=tcg; fi
fi
if [ "$accel" = kvm ]; then
	accopt="-accel kvm -cpu host"
else
	accopt="-accel tcg -cpu max"
fi
echo "$accel" >"$out/accel"
cp "$(dirname "$0")/pid1.sh" "$out/pid1.sh"

cmdline="console=ttyS0 panic=-1 oops=panic panic_on_warn=1 softlockup_panic=1"
cmdline="$cmdline kasan.fault=panic quiet loglevel=4 rdinit=/init"
repo=$(cd "$(dirname "$0")/../.." && pwd)
cmdline="$cmdline slsec.run=$script slsec.out=$out slsec.repo=$repo"
[ -n "$args" ] && cmdline="$cmdline slsec.args=$args"

start=$(date +%s)
# shellcheck disable=SC2046
timeout --foreground -k 10 "$timeout" $(qemu_base) $accopt \
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
	-virtfs local,path="$out",mount_tag=out,security_model=none,multidevs=remap \
	-append "$cmdline" </dev/null >"$out/console.log" 2>&1
rc=$?
echo "$(($(date +%s) - start))" >"$out/seconds"
if [ $rc = 124 ] || [ $rc = 137 ]; then
	echo "run.sh: VM timed out after ${timeout}s ($accel); console tail:" >&2
	tail -40 "$out/console.log" >&2
	exit 1
fi
if ! grep -q '^SLSEC-GUEST-EXIT 0' "$out/console.log"; then
	echo "run.sh: guest did not finish cleanly ($accel); console tail:" >&2
	tail -40 "$out/console.log" >&2
	exit 1
fi
exit 0
