#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo, inside the VM.  Usage: demo-guest.sh OUT MODDIR REPO
out=$1 moddir=$2 repo=$3
slsec=$repo/tools/slsec
exec >"$out/demo.txt" 2>&1
step() { echo; echo "== $*"; }
run() { echo "\$ $*"; "$@"; }

step "1. The kernel the users run"
run uname -r
step "2. Load slsec.ko"
run insmod "$moddir/kmod/slsec.ko" || exit 1
dmesg | grep 'slsec' | tail -1
step "3. A UE's network namespace, and the tool in it"
run /usr/sbin/ip netns add ue1
run /usr/sbin/ip netns exec ue1 "$slsec" -V
run /usr/sbin/ip netns exec ue1 "$slsec" info
run "$slsec" -n ue1 -j -p info
step "4. Unprivileged users are refused"
run setpriv --reuid=65534 --regid=65534 --clear-groups "$slsec" info
echo "(exit $?)"
step "5. Unload"
run /usr/sbin/ip netns del ue1
run rmmod slsec && echo "demo: OK"
