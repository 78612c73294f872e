#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo, inside the VM: three UEs on a bridge ("the air") protect a
# multicast group; a capture on the air holds only ciphertext; a fourth UE
# without the key gets nothing readable; the group rotates its key without
# loss, then a member leaves and its key and sender id are revoked; a UE
# reboots and is heard again at once, and a frame recorded before a
# receiver rebooted is refused.  All
# keys reach the UEs as bundles sealed by a group manager under each UE's
# KEK, and raw keys are refused (require-sealed).  Every claim is checked, and the
# demo fails if one does not hold.  Usage: demo-guest.sh OUT MODDIR REPO
out=$1 moddir=$2 repo=$3
slsec=$repo/tools/slsec
py=/usr/bin/python3
mcast=$repo/tests/scenarios/lib/mcast.py
ip=/usr/sbin/ip
exec >"$out/demo.txt" 2>&1
step() { echo; echo "== $*"; }
run() { echo "\$ $*"; "$@"; }
fail() { echo "demo: FAILED: $*"; exit 1; }
tmp=$(mktemp -d)

step "1. Debian's kernel, and slsec.ko"
run uname -r
modprobe nf_defrag_ipv6
run insmod "$moddir/kmod/slsec.ko" || fail "insmod"
dmesg | grep 'slsec' | tail -1

step "2. The air: a bridge; UEs ue1..ue4, each a namespace with a radio link air0"
$ip netns add air
$ip -n air link add br0 type bridge mcast_snooping 0
$ip -n air link set br0 up
for i in 1 2 3 4; do
	$ip netns add ue$i
	$ip -n ue$i link add air0 type veth peer name p$i netns air
	$ip -n air link set p$i master br0 up
	$ip -n ue$i addr add 10.0.0.$i/24 dev air0
	$ip -n ue$i addr add fd00::$i/64 dev air0 nodad
	$ip -n ue$i link set air0 up
	$ip -n ue$i route add 224.0.0.0/4 dev air0
done
echo "ue1..ue4 on 10.0.0.0/24 and fd00::/64"

step "3. The group manager's key reaches ue1, ue2 and ue3 (not ue4), sealed"
umask 077
$ip netns add mgr
head -c 16 /dev/urandom >"$tmp/group.key"
head -c 32 /dev/urandom >"$tmp/group6.key"
echo "Each UE was provisioned with its own KEK, kept in the kernel keyring as a"
echo "logon key (never readable from userspace); the manager holds copies."
for i in 1 2 3; do
	head -c 32 /dev/urandom >"$tmp/kek$i"
	keyctl padd logon slsec:kek$i @u <"$tmp/kek$i" >/dev/null || fail "keyctl"
	run "$slsec" -n ue$i kek add id 1 device $i keyring slsec:kek$i
	run "$slsec" -n ue$i config set require-sealed on
done
echo "The manager seals one bundle per UE and group (key, group, sender id):"
for i in 1 2 3; do
	run $ip netns exec mgr "$slsec" bundle seal kekfile "$tmp/kek$i" kek-id 1 \
		device $i seq 1 addr 239.1.1.1 sender $i id 1 keyfile "$tmp/group.key" \
		out "$tmp/b4-$i"
	$ip netns exec mgr "$slsec" bundle seal kekfile "$tmp/kek$i" kek-id 1 \
		device $i seq 2 addr ff05::1:1 sender $i id 1 alg chacha20-poly1305 \
		keyfile "$tmp/group6.key" out "$tmp/b6-$i"
done
echo "(and one for the IPv6 group ff05::1:1, ChaCha20-Poly1305, seq 2)"
for i in 1 2 3; do
	run "$slsec" -n ue$i bundle apply dev air0 "$tmp/b4-$i"
	"$slsec" -n ue$i bundle apply dev air0 "$tmp/b6-$i" || fail "bundle apply"
done
run "$slsec" -n ue2 group show
echo "A raw key file is refused now, and so is a replayed bundle:"
run "$slsec" -n ue2 key add dev air0 addr 239.1.1.1 id 9 keyfile "$tmp/group.key" &&
	fail "raw key accepted in require-sealed mode"
run "$slsec" -n ue2 bundle apply dev air0 "$tmp/b4-2" && fail "replayed bundle accepted"
run "$slsec" -n ue3 bundle apply dev air0 "$tmp/b4-2" && fail "ue2's bundle accepted on ue3"
run "$slsec" -n ue2 info

step "4. ue1 sends to both groups; everyone listens; the air is recorded"
$ip netns exec air tcpdump -i br0 -U -s 0 -w "$tmp/air.pcap" 'ip proto 253 or ip6 or udp' \
	>/dev/null 2>&1 &
cap=$!
sleep 1
pids=
for i in 2 3 4; do
	rm -f "$tmp/r$i.ready"
	$ip netns exec ue$i $py "$mcast" recv --group 239.1.1.1 --count 10 \
		--ready "$tmp/r$i.ready" --stop "$tmp/stop" >"$tmp/r$i" &
	pids="$pids $!"
	rm -f "$tmp/s$i.ready"
	$ip netns exec ue$i $py "$mcast" recv --group ff05::1:1 --count 10 \
		--ready "$tmp/s$i.ready" --stop "$tmp/stop" >"$tmp/s$i" &
	pids="$pids $!"
done
for f in r2 r3 r4 s2 s3 s4; do
	while [ ! -e "$tmp/$f.ready" ]; do sleep 0.1; done
done
run $ip netns exec ue1 $py "$mcast" send --group 239.1.1.1 --count 10 --size 120
run $ip netns exec ue1 $py "$mcast" send --group ff05::1:1 --count 10 --size 120
: >"$tmp/stop"
for p in $pids; do wait "$p"; done
sleep 1
kill $cap; wait $cap 2>/dev/null
for i in 2 3 4; do
	echo "ue$i IPv4: $(head -1 "$tmp/r$i");  IPv6: $(head -1 "$tmp/s$i")"
done
grep -q '^received 10 intact 10' "$tmp/r2" || fail "ue2 IPv4"
grep -q '^received 10 intact 10' "$tmp/r3" || fail "ue3 IPv4"
grep -q '^received 10 intact 10' "$tmp/s2" || fail "ue2 IPv6"
grep -q '^received 10 intact 10' "$tmp/s3" || fail "ue3 IPv6"
grep -q '^received 0 intact 0' "$tmp/r4" || fail "ue4 got IPv4 datagrams"
grep -q '^received 0 intact 0' "$tmp/s4" || fail "ue4 got IPv6 datagrams"
echo "ue2 and ue3 got every datagram; ue4, without the key, got none."

step "5. What an eavesdropper on the air sees"
filt='dst host 239.1.1.1 or dst host ff05::1:1'
run tcpdump -nn -X -c 1 -r "$tmp/air.pcap" "$filt" 2>/dev/null
run tcpdump -nn -c 2 -r "$tmp/air.pcap" 'dst host ff05::1:1' 2>/dev/null
n=$(tcpdump -nn -r "$tmp/air.pcap" "$filt" 2>/dev/null | grep -c '')
marks=$(tcpdump -A -r "$tmp/air.pcap" "$filt" 2>/dev/null | grep -c SLSEC-PLAIN-MARK)
echo "(each datagram carries the text SLSEC-PLAIN-MARK; a receiver prints it)"
echo "$n frames to the groups recorded; the marker appears in $marks of them."
[ "$n" -ge 20 ] || fail "capture holds $n frames"
[ "$marks" = 0 ] || fail "plaintext on the air"
echo "Every payload crossed the air sealed."

step "6. What each UE counted"
run "$slsec" -n ue1 -s group show dev air0 addr 239.1.1.1
run "$slsec" -n ue2 -s group show dev air0 addr 239.1.1.1
run "$slsec" -n ue4 -s group show
echo "(ue4 has no group: slsec does not touch its traffic, and the"
echo " sealed datagrams' protocol 253 means nothing to it)"
run "$slsec" -n ue2 sender show dev air0 addr 239.1.1.1

step "7. Rotation without loss: key 2 is distributed ahead by bundle, all switch at one instant"
head -c 16 /dev/urandom >"$tmp/group2.key"
$ip netns exec ue2 "$slsec" monitor >"$tmp/mon2" 2>&1 &
mon=$!
when=$($py -c 'import time; print("@%.3f" % (time.time() + 8))')
for i in 1 2 3; do
	run $ip netns exec mgr "$slsec" bundle seal kekfile "$tmp/kek$i" kek-id 1 \
		device $i seq 3 addr 239.1.1.1 sender $i id 2 keyfile "$tmp/group2.key" \
		activate at "$when" out "$tmp/r-$i"
	run "$slsec" -n ue$i bundle apply dev air0 "$tmp/r-$i"
done
pids=
for i in 2 3; do
	rm -f "$tmp/q$i.ready"
	$ip netns exec ue$i $py "$mcast" recv --group 239.1.1.1 --count 100 \
		--ready "$tmp/q$i.ready" --stop "$tmp/stop2" >"$tmp/q$i" &
	pids="$pids $!"
	while [ ! -e "$tmp/q$i.ready" ]; do sleep 0.1; done
done
run $ip netns exec ue1 $py "$mcast" send --group 239.1.1.1 --count 100 --interval 0.1
: >"$tmp/stop2"
for p in $pids; do wait "$p"; done
for i in 2 3; do echo "ue$i: $(head -1 "$tmp/q$i")"; done
grep -q '^received 100 intact 100' "$tmp/q2" || fail "ue2 lost datagrams in the rotation"
grep -q '^received 100 intact 100' "$tmp/q3" || fail "ue3 lost datagrams in the rotation"
run "$slsec" -n ue1 key show dev air0 addr 239.1.1.1
[ "$("$slsec" -n ue1 -j key show dev air0 addr 239.1.1.1 |
	$py -c 'import json,sys; print(" ".join(k["state"] for k in json.load(sys.stdin)))')" = "retiring active" ] ||
	fail "key 2 is not the active key"
echo "Both receivers got all 100 datagrams across the switch to key 2."

step "8. ue3 leaves the group: key 3 for ue1 and ue2 only, key 2 and sender 3 revoked"
head -c 16 /dev/urandom >"$tmp/group3.key"
for i in 1 2; do
	run $ip netns exec mgr "$slsec" bundle seal kekfile "$tmp/kek$i" kek-id 1 \
		device $i seq 4 addr 239.1.1.1 sender $i id 3 keyfile "$tmp/group3.key" \
		out "$tmp/l-$i"
	run "$slsec" -n ue$i bundle apply dev air0 "$tmp/l-$i"
	run "$slsec" -n ue$i key revoke dev air0 addr 239.1.1.1 id 2
	run "$slsec" -n ue$i sender revoke dev air0 addr 239.1.1.1 id 3
done
"$slsec" -n ue2 stats reset dev air0 addr 239.1.1.1
"$slsec" -n ue3 stats reset dev air0 addr 239.1.1.1
pids=
for i in 2 3; do
	rm -f "$tmp/v$i.ready"
	$ip netns exec ue$i $py "$mcast" recv --group 239.1.1.1 \
		--ready "$tmp/v$i.ready" --stop "$tmp/stop3" >"$tmp/v$i" &
	pids="$pids $!"
	while [ ! -e "$tmp/v$i.ready" ]; do sleep 0.1; done
done
run $ip netns exec ue1 $py "$mcast" send --group 239.1.1.1 --count 10
run $ip netns exec ue3 $py "$mcast" send --group 239.1.1.1 --count 10
: >"$tmp/stop3"
for p in $pids; do wait "$p"; done
kill $mon
echo "ue2: $(head -1 "$tmp/v2") (ue1's 10 only);  ue3: $(head -1 "$tmp/v3") (its own 10, looped back)"
grep -q '^received 10 intact 10' "$tmp/v2" || fail "ue2 should get ue1's 10 only"
grep -q '^received 10 intact 10' "$tmp/v3" || fail "ue3 should get only its own loopback"
run "$slsec" -n ue2 -s group show dev air0 addr 239.1.1.1
[ "$("$slsec" -n ue2 -j -s group show dev air0 addr 239.1.1.1 |
	$py -c 'import json,sys; s = json.load(sys.stdin)[0]["stats"]; print(s["rx_drop_revoked_key"] + s["rx_drop_revoked_sender"])')" = 10 ] ||
	fail "ue2 did not drop ue3's frames as revoked"
echo "ue2 dropped ue3's 10 frames (under the revoked key 2); ue3 cannot read key 3 traffic."
echo "What ue2's monitor printed:"
cat "$tmp/mon2"
grep -q 'key-revoked dev air0 addr 239.1.1.1 id 2' "$tmp/mon2" || fail "no key-revoked event"

# reboot I: what a reboot of ue I does to slsec, in this VM where all UEs
# share one kernel: its groups and its KEK are gone.  At boot the KEK comes
# back (from the device's secure storage into its keyring) with the bundle
# sequence number saved before, and the manager provisions the UE again
# with freshly numbered bundles of the groups' current keys.
reboot() {
	local i=$1 seq
	seq=$("$slsec" -n ue$i kek show | awk '$2 == 1 { print $6 }')
	"$slsec" -n ue$i group del dev air0 addr 239.1.1.1 || fail "group del"
	"$slsec" -n ue$i group del dev air0 addr ff05::1:1 || fail "group del"
	"$slsec" -n ue$i kek del id 1 || fail "kek del"
	echo "ue$i reboots: its groups and KEK are gone (bundle sequence number saved: $seq)"
	run "$slsec" -n ue$i group show
	[ -z "$("$slsec" -n ue$i group show)" ] || fail "ue$i kept a group"
	echo "(none)"
	run "$slsec" -n ue$i kek add id 1 device $i keyring slsec:kek$i min-seq "$seq" ||
		fail "kek add"
	run $ip netns exec mgr "$slsec" bundle seal kekfile "$tmp/kek$i" kek-id 1 \
		device $i seq $((seq + 1)) addr 239.1.1.1 sender $i id 3 \
		keyfile "$tmp/group3.key" out "$tmp/boot4-$i"
	$ip netns exec mgr "$slsec" bundle seal kekfile "$tmp/kek$i" kek-id 1 \
		device $i seq $((seq + 2)) addr ff05::1:1 sender $i id 1 \
		alg chacha20-poly1305 keyfile "$tmp/group6.key" out "$tmp/boot6-$i"
	run "$slsec" -n ue$i bundle apply dev air0 "$tmp/boot4-$i" || fail "bundle apply"
	"$slsec" -n ue$i bundle apply dev air0 "$tmp/boot6-$i" >/dev/null ||
		fail "bundle apply"
	echo "(and the IPv6 group's, seq $((seq + 2)))"
}
install_of() {
	"$slsec" -n "$1" -j key show dev air0 addr 239.1.1.1 |
		$py -c 'import json,sys; print([k["install"] for k in json.load(sys.stdin) if k["id"] == 3][0])'
}

step "9. ue1 reboots; it is heard again at once, and never reuses a nonce"
echo "Each installation of a key draws a random id that enters the traffic keys"
echo "and travels in every frame (key show prints it; it is not secret):"
run "$slsec" -n ue1 key show dev air0 addr 239.1.1.1
old=$(install_of ue1)
$ip netns exec ue2 "$slsec" monitor >"$tmp/mon9" 2>&1 &
mon=$!
sleep 0.5
reboot 1
new=$(install_of ue1)
run "$slsec" -n ue1 key show dev air0 addr 239.1.1.1
[ -n "$new" ] && [ "$new" != "$old" ] || fail "no new installation id ($old, $new)"
echo "Same group key, same sender id, packet numbers from 0 again: under the"
echo "new installation $new, so no (traffic key, nonce) pair repeats."
$ip netns exec air tcpdump -i br0 -U -s 0 -w "$tmp/rec.pcap" 'ip proto 253' \
	>/dev/null 2>&1 &
cap=$!
sleep 1
rm -f "$tmp/w2.ready"
$ip netns exec ue2 $py "$mcast" recv --group 239.1.1.1 --count 10 \
	--ready "$tmp/w2.ready" --stop "$tmp/stop4" >"$tmp/w2" &
rcv=$!
while [ ! -e "$tmp/w2.ready" ]; do sleep 0.1; done
run $ip netns exec ue1 $py "$mcast" send --group 239.1.1.1 --count 10 --interval 0.05
: >"$tmp/stop4"
wait $rcv
sleep 0.5
kill $cap; wait $cap 2>/dev/null
echo "ue2: $(head -1 "$tmp/w2")"
grep -q '^received 10 intact 10' "$tmp/w2" || fail "ue2 lost datagrams of the rebooted ue1"
run "$slsec" -n ue2 sender show dev air0 addr 239.1.1.1
"$slsec" -n ue2 sender show dev air0 addr 239.1.1.1 |
	grep -q "^sender 1 .*key 3 .*install $new restarts 1" ||
	fail "ue2 does not follow ue1's new installation"
echo "ue2 took the new installation at its first frame (restarts 1): nothing lost."
echo "What ue2's monitor printed:"
grep sender-restarted "$tmp/mon9" || fail "no sender-restarted event"

step "10. ue2 reboots; a frame recorded before is replayed to it, and refused"
reboot 2
rm -f "$tmp/x2.ready"
$ip netns exec ue2 $py "$mcast" recv --group 239.1.1.1 \
	--ready "$tmp/x2.ready" --stop "$tmp/stop5" >"$tmp/x2" &
rcv=$!
while [ ! -e "$tmp/x2.ready" ]; do sleep 0.1; done
echo "ue2 remembers nothing of ue1: no replay window.  An attacker replays three"
echo "of the frames recorded in step 9:"
for k in 0 1 2; do
	run $ip netns exec air $py "$repo/tests/scenarios/lib/frame.py" --pcap "$tmp/rec.pcap" \
		--dev br0 --index $k
done
sleep 0.5
run $ip netns exec ue1 $py "$mcast" send --group 239.1.1.1 --count 5 --interval 0.05
: >"$tmp/stop5"
wait $rcv
kill $mon
echo "ue2: $(head -1 "$tmp/x2") (ue1's 5 new ones only)"
grep -q '^received 5 intact 5' "$tmp/x2" || fail "ue2 should get ue1's 5 new datagrams only"
run "$slsec" -n ue2 -s group show dev air0 addr 239.1.1.1
[ "$("$slsec" -n ue2 -j -s group show dev air0 addr 239.1.1.1 |
	$py -c 'import json,sys; print(json.load(sys.stdin)[0]["stats"]["rx_drop_stale"])')" = 3 ] ||
	fail "ue2 did not drop the replayed frames as stale"
echo "Stamped before ue2 installed its key again: dropped as stale, unopened."
echo "The timestamp cannot be moved (the tag covers it); the window is the"
echo "group's freshness setting (group show: freshness 5s)."
grep stale-frame "$tmp/mon9"

step "11. Unload"
for ns in ue1 ue2 ue3 ue4 air mgr; do $ip netns del $ns; done
for i in 1 2 3; do keyctl unlink "$(keyctl search @u logon slsec:kek$i)" @u >/dev/null; done
rm -rf "$tmp"
run rmmod slsec && echo "demo: OK"
