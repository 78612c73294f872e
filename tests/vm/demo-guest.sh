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
step "4. Protect a group on the UE's radio link and give it a key"
run /usr/sbin/ip -n ue1 link add air0 type veth peer name air1
umask 077
head -c 16 /dev/urandom >/tmp/g1.key
run "$slsec" -n ue1 group add dev air0 addr 239.1.1.1 sender 1
run "$slsec" -n ue1 group add dev air0 addr ff0e::101 sender 1 alg chacha20-poly1305
run "$slsec" -n ue1 key add dev air0 addr 239.1.1.1 id 1 keyfile /tmp/g1.key
run "$slsec" -n ue1 group show
run "$slsec" -n ue1 -j key show
echo "(key bytes are write-only: no command shows them)"
step "5. Mistakes get clear errors and change nothing"
run "$slsec" -n ue1 key add dev air0 addr 239.1.1.1 id 2 key 00112233445566778899aabbccddeeff
echo "(exit $?)"
run "$slsec" -n ue1 key add dev air0 addr ff0e::101 id 1 keyfile /tmp/g1.key
echo "(exit $?)"
run "$slsec" -n ue1 group add dev air0 addr 10.0.0.1 sender 1
echo "(exit $?)"
step "6. Unprivileged users are refused"
run setpriv --reuid=65534 --regid=65534 --clear-groups "$slsec" info
echo "(exit $?)"
echo
echo "NOTE: this version manages groups and keys only; the data path that"
echo "seals multicast datagrams comes next, so traffic is not protected yet."
step "7. Unload"
run /usr/sbin/ip netns del ue1
run rmmod slsec && echo "demo: OK"
