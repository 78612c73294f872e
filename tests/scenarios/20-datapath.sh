#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# End to end: three UEs on a bridge ("the air") share a group key.  IPv4
# and IPv6 multicast is sealed on the air and opened at every member; a
# UE without the key gets nothing; the sender's own listener still gets
# its loopback copy; unbound groups pass untouched; several groups share
# a device; datagrams above the MTU and GSO sends are sealed whole.
. "$(dirname "$0")/lib/lib.sh"

setup_air 1 2 3 4
printf '000102030405060708090a0b0c0d0e0f\n' >"$tmp/k1"
printf 'f0e0d0c0b0a090807060504030201000\n' >"$tmp/k2"
printf '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff' >"$tmp/k3"
G4=239.1.1.1 G6=ff05::1:1 G4B=239.1.1.2

for i in 1 2 3; do
	ue_slsec $i group add dev air0 addr $G4 sender $i
	ue_slsec $i key add dev air0 addr $G4 id 1 keyfile "$tmp/k1"
	ue_slsec $i group add dev air0 addr $G6 sender $i alg chacha20-poly1305
	ue_slsec $i key add dev air0 addr $G6 id 7 keyfile "$tmp/k3"
	ue_slsec $i group add dev air0 addr $G4B sender $((i + 10)) alg aes-gcm-128
	ue_slsec $i key add dev air0 addr $G4B id 2 keyfile "$tmp/k2"
done
# ue4 is in the group with the wrong key.
ue_slsec 4 group add dev air0 addr $G4 sender 4
ue_slsec 4 key add dev air0 addr $G4 id 1 keyfile "$tmp/k2"
check_output "group show: key and sender state" \
	"addr 239.1.1.1 sender 1 .* keys 1 tx-key 1 max-senders 256 senders 0" \
	ue_slsec 1 group show dev air0 addr $G4

# --- IPv4, with a capture on the air ---------------------------------
capture_start "$air" "$tmp/air.pcap" -i br0 -s 0 'ip proto 253 or udp'
for i in 2 3 4; do recv_start $i $G4 "$tmp/r$i" --count 20; done
recv_start 1 $G4 "$tmp/r1" --count 20	# the sender's own listener
check "ue1 sends 20 IPv4 datagrams" in_ue 1 "$PY" "$HERE/mcast.py" send \
	--group $G4 --count 20 --size 200
recv_wait
check_output "ue2 received all 20 intact" "^received 20 intact 20" cat "$tmp/r2"
check_output "ue3 received all 20 intact" "^received 20 intact 20" cat "$tmp/r3"
check_output "ue1's own listener got its loopback copy" "^received 20 intact 20" cat "$tmp/r1"
check_output "ue4 (wrong key) received nothing" "^received 0 intact 0" cat "$tmp/r4"
check_eq "ue2 counted 20 opened" 20 "$(stat 2 $G4 rx_packets)"
check_eq "ue1 counted 20 sealed" 20 "$(stat 1 $G4 tx_packets)"
check_eq "ue4 counted 20 auth failures" 20 "$(stat 4 $G4 rx_drop_auth)"
check_eq "ue4 keeps no state for the sender it cannot verify" 0 \
	"$(senders_of 4 $G4)"
check_output "ue2 holds state for sender 1" "sender 1 key 1 epoch 0 next-pn 20" \
	ue_slsec 2 sender show dev air0 addr $G4

# --- unbound group: untouched ----------------------------------------
recv_start 2 239.9.9.9 "$tmp/u2" --count 3
check "ue1 sends to an unbound group" in_ue 1 "$PY" "$HERE/mcast.py" send \
	--group 239.9.9.9 --count 3
recv_wait
check_output "unbound group delivered" "^received 3 intact 3" cat "$tmp/u2"
sleep 1
capture_stop
check_output "air capture holds sealed frames (ip proto 253)" "proto unknown \(253\)|ip-proto-253" \
	sh -c "tcpdump -nv -r $tmp/air.pcap 2>/dev/null"
check_eq "the marker never crosses the air for the group" 0 \
	"$(tcpdump -A -r "$tmp/air.pcap" 'dst host 239.1.1.1' 2>/dev/null | grep -c SLSEC-PLAIN-MARK)"
check_output "unbound traffic crosses in the clear" "SLSEC-PLAIN-MARK" \
	sh -c "tcpdump -A -r $tmp/air.pcap 'dst host 239.9.9.9' 2>/dev/null"

# --- a second group on the same device, its own key -------------------
recv_start 3 $G4B "$tmp/b3" --count 5
check "ue2 sends to a second group" in_ue 2 "$PY" "$HERE/mcast.py" send \
	--group $G4B --count 5
recv_wait
check_output "second group delivered" "^received 5 intact 5" cat "$tmp/b3"
check_eq "second group's counter, first untouched" "5 0" \
	"$(stat 3 $G4B rx_packets) $(stat 3 $G4 rx_drop_auth)"

# --- IPv6, ChaCha20-Poly1305 -----------------------------------------
for i in 1 3; do recv_start $i $G6 "$tmp/s$i" --count 10; done
check "ue2 sends 10 IPv6 datagrams" in_ue 2 "$PY" "$HERE/mcast.py" send \
	--group $G6 --count 10 --size 300
recv_wait
check_output "IPv6: ue3 received all 10" "^received 10 intact 10" cat "$tmp/s3"
check_output "IPv6: ue1 received all 10" "^received 10 intact 10" cat "$tmp/s1"
check_eq "IPv6: ue3 counted 10 opened" 10 "$(stat 3 $G6 rx_packets)"

# --- IPv4 options, IPv6 hop-by-hop header: the AAD is not in one run
# of bytes then (ip.c, slsec_ip_to_sg), the other way through the AEAD.
recv_start 3 $G4 "$tmp/o3" --count 3
recv_start 1 $G6 "$tmp/o1" --count 3
check "ue2 sends IPv4 datagrams with options" in_ue 2 "$PY" "$HERE/mcast.py" \
	send --group $G4 --count 3 --size 200 --ipopts
check "ue2 sends IPv6 datagrams with a hop-by-hop header" in_ue 2 "$PY" \
	"$HERE/mcast.py" send --group $G6 --count 3 --size 200 --ipopts
recv_wait
check_output "IPv4 with options: all arrived intact" "^received 3 intact 3" cat "$tmp/o3"
check_output "IPv6 with hop-by-hop: all arrived intact" "^received 3 intact 3" cat "$tmp/o1"

# --- larger than the MTU: sealed once, fragmented, reassembled --------
recv_start 3 $G4 "$tmp/f3" --count 4
recv_start 1 $G6 "$tmp/f1" --count 4
check "ue2 sends 4000-byte IPv4 datagrams" in_ue 2 "$PY" "$HERE/mcast.py" send \
	--group $G4 --count 4 --size 4000
check "ue2 sends 4000-byte IPv6 datagrams" in_ue 2 "$PY" "$HERE/mcast.py" send \
	--group $G6 --count 4 --size 4000
recv_wait
check_output "IPv4 4000 bytes: all arrived intact" "^received 4 intact 4" cat "$tmp/f3"
check_output "IPv6 4000 bytes: all arrived intact" "^received 4 intact 4" cat "$tmp/f1"

# --- checksum offload: on by default on veth, and off -----------------
check_output "ue1's veth offloads UDP checksums (CHECKSUM_PARTIAL)" "tx-checksumming: on" \
	in_ue 1 ethtool -k air0
recv_start 2 $G4 "$tmp/c2" --count 5
check "ue1 turns tx checksum offload off" in_ue 1 ethtool -K air0 tx off
check "ue1 sends 5 with checksums computed in software" in_ue 1 "$PY" "$HERE/mcast.py" send \
	--group $G4 --count 5 --size 700
recv_wait
check_output "checksums computed in software arrive intact too" "^received 5 intact 5" cat "$tmp/c2"
in_ue 1 ethtool -K air0 tx on

# --- UDP GSO: one send, segmented, each segment sealed ----------------
recv_start 3 $G4 "$tmp/g3" --count 8
check "ue1 sends with UDP_SEGMENT (8 x 500 bytes)" in_ue 1 "$PY" "$HERE/mcast.py" send \
	--group $G4 --count 1 --size 4000 --gso 500
recv_wait
check_output "GSO: 8 segments arrived intact" "^received 8 intact 8" cat "$tmp/g3"

check_eq "no drops at ue2 or ue3 beyond the wrong-key UE's" "0 0 0 0" \
	"$(stat 2 $G4 rx_drop_auth) $(stat 3 $G4 rx_drop_auth) $(stat 2 $G4 rx_drop_replay) $(stat 3 $G4 rx_drop_no_state)"
check "stats reset" ue_slsec 2 stats reset dev air0 addr $G4
check_eq "counters restart from zero" 0 "$(stat 2 $G4 rx_packets)"
check_output "slsec -s group show prints counters" "rx drop: bad-header 0 unknown-key 0 revoked-key 0 retired-key 0 auth 0" \
	ue_slsec 2 -s group show dev air0 addr $G4

# --- data path timing for make bench (debugfs slsec/timing) -----------
t=/sys/kernel/debug/slsec/timing
check "timing on" sh -c "echo 1 >$t"
recv_start 3 $G4 "$tmp/t3" --count 5
check "ue2 sends 5 while timed" in_ue 2 "$PY" "$HERE/mcast.py" send \
	--group $G4 --count 5
recv_wait
check "timing off" sh -c "echo 0 >$t"
check_output "timing: 5 seals, each with its AEAD call" \
	"^seal count 5 .*seal_aead count 5 " sh -c "tr '\n' ' ' <$t"
# ue1, ue3 and ue4 each take 5 into the open hook; ue4 holds the wrong
# key, never gets sender state, and parks its frames for the work item,
# whose open is not timed: 10 AEAD calls in the hooks.
check_output "timing: 15 opens, 10 AEAD calls in the hook" \
	"open count 15 .*open_aead count 10 " sh -c "tr '\n' ' ' <$t"
in_ue 2 "$PY" "$HERE/mcast.py" send --group $G4 --count 2 >/dev/null
check_output "timing off: nothing added" "^seal count 5 " cat $t
check_fails "timing refuses anything but a boolean" sh -c "echo x >$t"

for ns in 1 2 3 4; do $IP netns del "$NS_PREFIX-ue$ns"; done
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
