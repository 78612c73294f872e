#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The hostile corpus (hostile.py): frames built from scratch and injected
# on the air -- every header field at its limits, lengths short and long,
# bit flips (installation and timestamp bytes too), re-addressed and
# re-labelled frames, IP options, IPv6 extension headers, fragments in
# and out of order and overlapping, the receiver's own sender id,
# timestamps outside the freshness window and before the receiver
# installed the key, a crafted sender restarting again and again and its
# replaced installations, floods of forged sender ids, of forged restarts
# of the member, and of unknown key ids; the learning path under a
# continuous forged flood (new sender ids and far epochs of a known
# sender) while a known sender rolls over and a new one joins, one
# sender id's share of the backlog, and reassembled 60 KB datagrams
# completed at once.  Each is dropped under its named
# counter (and no other), or, when valid, opened once.  A member's
# legitimate traffic runs all the while and loses nothing; data-path
# events stay rate-limited, and every restart is reported once.
#
#   air: br0 -- ue1 (legitimate sender 1), ue2 (receiver, sender id 2)
#        br1 -- ue2's second device air1 (the same group, its own key)
#
# Env: HOSTILE_FLOOD, HOSTILE_RESTARTS, HOSTILE_REINSTALLS: the sizes of
# the forged-sender flood (2000), of the forged restarts of the member
# (500) and of the valid restarts of a crafted sender (64), to see memory
# stay flat as they grow; HOSTILE_LEARN_RATE, forged frames a second
# while the learning path is measured (0: as fast as
# they go).
. "$(dirname "$0")/lib/lib.sh"

check "insmod slsec.ko" load_slsec
air_setup 1 2
air="$NS_PREFIX-air" ue2="$NS_PREFIX-ue2"
$IP -n "$air" link add br1 type bridge mcast_snooping 0
$IP -n "$air" link set br1 up
$IP -n "$ue2" link add air1 type veth peer name q2 netns "$air"
$IP -n "$air" link set q2 master br1 up
$IP -n "$ue2" addr add 10.1.0.2/24 dev air1
$IP -n "$ue2" link set air1 up
tmp=$(mktemp -d)
umask 077
printf '000102030405060708090a0b0c0d0e0f\n' >"$tmp/k1"
printf 'f0e0d0c0b0a090807060504030201000\n' >"$tmp/k2"
printf '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n' >"$tmp/k6"
G4=239.4.4.4 G4B=239.4.4.5 G6=ff05::4:4

ue_slsec 1 group add dev air0 addr $G4 sender 1
ue_slsec 1 key add dev air0 addr $G4 id 1 keyfile "$tmp/k1"
ue_slsec 2 group add dev air0 addr $G4 sender 2
ue_slsec 2 key add dev air0 addr $G4 id 1 keyfile "$tmp/k1"
ue_slsec 2 key add dev air0 addr $G4 id 2 keyfile "$tmp/k2" pending
check "ue2 revokes key 2" ue_slsec 2 key revoke dev air0 addr $G4 id 2
check "ue2 revokes sender 66" ue_slsec 2 sender revoke dev air0 addr $G4 id 66
ue_slsec 2 group add dev air0 addr $G4B sender 2
ue_slsec 2 key add dev air0 addr $G4B id 1 keyfile "$tmp/k1"
ue_slsec 2 group add dev air1 addr $G4 sender 2
ue_slsec 2 key add dev air1 addr $G4 id 1 keyfile "$tmp/k2"
ue_slsec 2 group add dev air0 addr $G6 sender 2 alg chacha20-poly1305
ue_slsec 2 key add dev air0 addr $G6 id 1 keyfile "$tmp/k6"
check_eq "ue2 holds four groups" 4 "$(groups_of 2)"

mon_start "$ue2" "$tmp/events" -j
mon=$MON_PID
# The corpus takes over 120 s (mcast.py's default) on the debug kernel.
recv_start 2 $G4 "$tmp/r4" --timeout 900
recv_start 2 $G6 "$tmp/r6" --timeout 900
# KASAN's quarantine holds freed objects back (up to 1/32 of memory):
# on the debug kernel slab growth after a flood is mostly that.
slab_bound=$([ "${SLSEC_MODE:-}" = debug ] && echo 16384 || echo 1024)
drops0=$(softnet_drops) rcvbuf0=$(rcvbuf_errors 2)
# The legitimate member: 50 datagrams a second until the corpus is done.
in_ue 1 "$PY" "$HERE/mcast.py" send --group $G4 --interval 0.02 \
	--until "$tmp/stop" >"$tmp/sent" 2>&1 &
legit=$!
# Every case compares ue2's sender count: the member must be known
# before the first (its python3 takes a second or two to start).
# shellcheck disable=SC2317 # called through wait_until
member_heard() { ue_slsec 2 sender show dev air0 addr "$G4" | grep -q '^sender 1 '; }
wait_until 120 member_heard
t0=$(date +%s)
$IP netns exec "$air" "$PY" "$HERE/hostile.py" --ue "$ue2" \
	--ue-mac "$(in_ue 2 cat /sys/class/net/air0/address)" \
	--tool "$SLSEC_TOOL" --key "$tmp/k1" --key6 "$tmp/k6" \
	--g4 $G4 --g4b $G4B --g6 $G6 ${HOSTILE_FLOOD:+--flood $HOSTILE_FLOOD} \
	${HOSTILE_RESTARTS:+--restarts $HOSTILE_RESTARTS} \
	${HOSTILE_REINSTALLS:+--reinstalls $HOSTILE_REINSTALLS} \
	${HOSTILE_LEARN_RATE:+--learn-rate $HOSTILE_LEARN_RATE} \
	--slab-bound "$slab_bound" >"$tmp/corpus" 2>&1
t1=$(date +%s)
tap_lines <"$tmp/corpus"
check_output "hostile.py ran through the whole corpus" "^# corpus: [0-9]+ checks" \
	cat "$tmp/corpus"
sleep 1
: >"$tmp/stop"
wait $legit
sleep 1
recv_wait
mon_stop $mon

d4=$(sed -n 's/^# delivered4 //p' "$tmp/corpus")
d6=$(sed -n 's/^# delivered6 //p' "$tmp/corpus")
sent=$(sed -n 's/^sent //p' "$tmp/sent")
echo "# legitimate datagrams sent during the corpus: $sent; valid crafted: $d4 IPv4, $d6 IPv6"
src() { # FILE ADDR: "unique dups" of that source at the receiver
	awk -v a="$2" '$1 == "source" && $2 == a { print $4, $6 }' "$1"
}
# The floods are injected in bursts of up to 2000 frames: on the debug
# kernel the input backlogs and ue2's socket buffers overflow, which the
# kernel counts (slsec's own drops are each checked by the corpus).
read -r got dups <<<"$(src "$tmp/r4" 10.0.0.1)"
lost=$((sent - got))
outside=$(($(softnet_drops) - drops0 + $(rcvbuf_errors 2) - rcvbuf0))
echo "# legitimate: got $got of $sent, $dups dups, lost $lost; backlog and socket buffer drops $outside"
check "legitimate traffic: every datagram arrived once, losses only where the kernel counted drops outside slsec ($lost lost, $outside such drops)" \
	test "${dups:-x}" = 0 -a "$lost" -le "$outside"
check_eq "valid crafted IPv4 frames delivered once each" "$d4 0" \
	"$(src "$tmp/r4" 10.0.0.77)"
check_eq "valid crafted IPv6 frames delivered once each" "$d6 0" \
	"$(src "$tmp/r6" fd00::77)"
check_eq "the application got nothing that was not intact" \
	"$(sed -n 's/^received \([0-9]*\) intact.*/\1 \1/p' "$tmp/r4")" \
	"$(sed -n 's/^received \([0-9]*\) intact \([0-9]*\)/\1 \2/p' "$tmp/r4")"
check_eq "sender state: the member and the valid crafted senders only" 5 \
	"$(senders_of 2 $G4)"
# Data-path events are rate-limited to one a second per group and kind.
secs=$((t1 - t0 + 2))
nu=$(grep -c '"event":"unknown-key"' "$tmp/events")
nc=$(grep -c '"event":"sender-collision"' "$tmp/events")
nst=$(grep -c '"event":"stale-frame"' "$tmp/events")
nr=$(grep -c '"event":"sender-restarted"' "$tmp/events")
restarted=$(sed -n 's/^# restarted //p' "$tmp/corpus")
echo "# events in ${secs}s: unknown-key $nu, sender-collision $nc, stale-frame $nst, sender-restarted $nr"
check "unknown-key events: at least one, at most one a second" \
	test "$nu" -ge 1 -a "$nu" -le "$secs"
# Stale frames reach two groups (the IPv6 one once): one event a second each.
check "stale-frame events: at least one, at most one a second and group" \
	test "$nst" -ge 1 -a "$nst" -le $((secs + 1))
check_eq "a sender-collision event for each such frame (seconds apart)" 2 "$nc"
check_eq "one sender-restarted event for each installation that replaced one" \
	"$restarted" "$nr"
check_eq "sender-restarted events name sender 12 only" 0 \
	"$(grep '"event":"sender-restarted"' "$tmp/events" | grep -vc '"sender":12')"
check_eq "no event carries key material" 0 \
	"$(grep -ciE '000102030405060708090a0b|00112233445566778899aabb' "$tmp/events")"

for ns in 1 2; do $IP netns del "$NS_PREFIX-ue$ns"; done
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
