#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# PID 1 inside the host root (after switch_root): run the guest script
# named on the kernel command line, report its exit code on the console,
# power off.  run.sh copies this file into the run's output directory.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp TERM=dumb
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mkdir -p /dev/pts /dev/shm
# What udev would make: bash's process substitution needs /dev/fd.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
mount -t devpts devpts /dev/pts 2>/dev/null
mount -t tmpfs shm /dev/shm 2>/dev/null

run= args=
for w in $(cat /proc/cmdline); do
	case "$w" in
	slsec.run=*) run=${w#slsec.run=} ;;
	slsec.args=*) args=${w#slsec.args=} ;;
	esac
done
echo "SLSEC-GUEST-START"
# shellcheck disable=SC2046
bash "$run" $(echo "$args" | tr ',' ' ')
echo "SLSEC-GUEST-EXIT $?"
sync
/bin/busybox poweroff -f
