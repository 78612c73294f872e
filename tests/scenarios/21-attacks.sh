#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The threat model's attacks on the air, each mounted and checked against
# its named drop counter: replay of a captured frame, bit flips in the
# header, payload and tag, truncation, a frame under an unknown key id, a
# frame claiming the receiver's own sender id, a frame moved to another
# installation of its sender, plaintext into a strict
# group (dropped) and a permissive one (passed, counted), the sender limit.
# Legitimate traffic still flows afterwards, and no attack frame reaches
# the receiving application.
. "$(dirname "$0")/lib/lib.sh"

setup_air 1 2 3 4
printf '000102030405060708090a0b0c0d0e0f\n' >"$tmp/k1"
G=239.2.2.2
# Replays here come tens of seconds after the capture under TCG: a
# window of an hour lets them reach the replay check they are aimed at
# (the window itself is 29-restart's and 26-hostile's).
for i in 1 2 3; do
	ue_slsec $i group add dev air0 addr $G sender $i freshness 1h
	ue_slsec $i key add dev air0 addr $G id 1 keyfile "$tmp/k1"
done
ue_slsec 3 group set dev air0 addr $G permissive
inject() { $IP netns exec "$air" "$PY" "$HERE/frame.py" --pcap "$tmp/air.pcap" --dev br0 "$@"; }

# Record five sealed frames from ue1.
capture_start "$air" "$tmp/air.pcap" -i br0 -s 0 'ip proto 253'
recv_start 2 $G "$tmp/r2" --count 5
check "ue1 sends 5 datagrams" in_ue 1 "$PY" "$HERE/mcast.py" send --group $G --count 5
recv_wait
sleep 1
capture_stop
check_output "ue2 got them" "^received 5 intact 5" cat "$tmp/r2"

# Every attack while ue2's application listens: it must get nothing.
# Forgeries also change the packet number to one not seen yet, so that
# the replay check (which runs first, being cheaper) does not catch them.
recv_start 2 $G "$tmp/a2"
check "replay of a captured frame" inject --index 0
check "replay of it again, three times" inject --index 1 --count 3
# Header offsets (wire-format.rst): sender 4-7, installation 8-15,
# timestamp 16-19, packet number 20-27 (its last byte 27).
check "bit flip in the payload" inject --index 2 --flip 33:0 --flip 27:3
check "bit flip in the tag" inject --index 2 --flip=-1:7 --flip 27:4
check "bit flip in the packet number (fresh pn, forged)" inject --index 4 --flip 27:3
check "version changed" inject --index 3 --flip 0:1
check "flags set" inject --index 3 --flip 3:0
check "installation changed (an older one's, as far as ue2 knows)" inject --index 3 --flip 15:0
check "key id changed to one not installed" inject --index 3 --flip 2:2
check "truncated below header + tag" inject --index 3 --truncate 120
check "tag truncated by one byte" inject --index 3 --truncate 1 --flip 27:6
check "sender id changed (a new sender, forged)" inject --index 3 --flip 7:4
recv_wait
check_output "ue2's application received none of them" "^received 0 intact 0" cat "$tmp/a2"
check_eq "replays counted (1 + 3)" 4 "$(stat 2 $G rx_drop_replay)"
check_eq "forgeries counted as auth failures (payload, tag, pn, short tag, sender)" 5 \
	"$(stat 2 $G rx_drop_auth)"
check_eq "malformed headers counted (version, flags, truncated)" 3 \
	"$(stat 2 $G rx_drop_bad_header)"
check_eq "an installation stamped no later than the one followed: superseded" 1 \
	"$(stat 2 $G rx_drop_superseded)"
check_eq "unknown key id counted" 1 "$(stat 2 $G rx_drop_unknown_key)"
check_eq "forged sender got no state" 1 \
	"$(senders_of 2 $G)"
check_eq "ue1 sees its own id from the air: collisions" 9 "$(stat 1 $G rx_drop_collision)"

# Plaintext to the group from a UE without slsec.
recv_start 2 $G "$tmp/p2" --count 3
recv_start 3 $G "$tmp/p3" --count 3
check "ue4 sends plaintext to the group" in_ue 4 "$PY" "$HERE/mcast.py" send --group $G --count 3
recv_wait
check_output "strict ue2: plaintext not delivered" "^received 0 intact 0" cat "$tmp/p2"
check_eq "strict ue2: counted as plaintext drops" 3 "$(stat 2 $G rx_drop_plaintext)"
check_output "permissive ue3: plaintext delivered" "^received 3 intact 3" cat "$tmp/p3"
check_eq "permissive ue3: counted as plaintext passed" 3 "$(stat 3 $G rx_plaintext)"

# The sender limit: ue3 keeps state for one sender only.
ue_slsec 3 group set dev air0 addr $G max-senders 1
recv_start 3 $G "$tmp/m3" --count 3
check "ue2 sends 3 (ue3 already holds sender 1)" in_ue 2 "$PY" "$HERE/mcast.py" send --group $G --count 3
recv_wait
check_output "ue3 refuses a second sender's state" "^received 0 intact 0" cat "$tmp/m3"
check_eq "counted as no-state drops" 3 "$(stat 3 $G rx_drop_no_state)"
check_output "max-senders shown" "max-senders 1 senders 1" ue_slsec 3 group show dev air0 addr $G

# Legitimate traffic is unaffected by all of the above.
recv_start 2 $G "$tmp/l2" --count 5
check "ue1 sends 5 more" in_ue 1 "$PY" "$HERE/mcast.py" send --group $G --count 5
recv_wait
check_output "ue2 received them all" "^received 5 intact 5" cat "$tmp/l2"
check_eq "and counted 10 opened in all" 10 "$(stat 2 $G rx_packets)"

for ns in 1 2 3 4; do $IP netns del "$NS_PREFIX-ue$ns"; done
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
