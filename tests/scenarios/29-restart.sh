#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Restart safety (wire format 2).  A sender whose key is installed again
# (key re-added, module reloaded: a reboot, as far as slsec can tell)
# never repeats a (traffic key, nonce), and its receivers hear it again
# at once; a receiver that restarted refuses frames recorded before (the
# freshness window and its key's installation time), and a rewritten
# timestamp does not authenticate; frames stamped within the window pass,
# beyond it they are stale, and with the window off everything passes,
# recorded frames included.  The window's setting, display and limits.
#
#   ue1 (sender 1) --- air (bridge br0, captures on ue1's port) --- ue2
#
# All UEs share the VM's kernel, so a module reload restarts both.
. "$(dirname "$0")/lib/lib.sh"

setup_air 1 2
printf '00112233445566778899aabbccddeeff\n' >"$tmp/k1"
G=239.9.2.1 G2=239.9.2.2 N=20

rp() { "$PY" "$HERE/restart.py" "$@"; }
in_air() { $IP netns exec "$air" "$@"; }

# provision N: ue N's group and key as provisioned, what a reboot re-applies.
provision() {
	ue_batch "$1" <<-EOF
	group add dev air0 addr $G sender $1
	key add dev air0 addr $G id 1 keyfile "$tmp/k1"
	EOF
}

# install_of N: the installation id of ue N's key 1, "0x" and 16 digits.
install_of() {
	ue_json "$1" '([k["install"] for k in j if k["id"] == 1] or ["-"])[0]' \
		key show dev air0 addr $G
}

# sk N FIELD: FIELD of ue N's receive state for sender 1 under key 1.
sk() {
	ue_json "$1" '
v = "-"
for s in j:
    for k in s["keys"]:
        if s["sender"] == 1 and k["key"] == 1:
            v = k.get("'"$2"'", "-")
print(v)' sender show dev air0 addr $G
}

# gj N FIELD [ADDR]: FIELD of ue N's group in "group show -j".
gj() { ue_json "$1" "j[0].get('$2', '-')" group show dev air0 addr "${3:-$G}"; }

# phase NAME: ue2 listens, ue1 sends N datagrams, paced (datagram i is
# the same plaintext in every phase); sets $got to what ue2 received.
phase() {
	recv_start 2 $G "$tmp/$1" --count $N
	check "$1: ue1 sends $N datagrams" in_ue 1 "$PY" "$HERE/mcast.py" send \
		--group $G --count $N --size 200 --interval 0.02
	recv_wait
	got=$(awk '/^received/ {print $4}' "$tmp/$1")
}

# monitor_start: ue2's monitor, appending to mon2, listening on return.
monitor_start() { mon_start "$NS_PREFIX-ue2" "$tmp/mon2"; mon=$MON_PID; }

reload() {
	mon_stop "$mon"
	check "rmmod slsec: every UE restarts (they share one kernel)" rmmod slsec
	check "insmod slsec.ko again" load_slsec
	check "ue1 provisioned again: same key bytes, same sender id" provision 1
	check "ue2 provisioned again" provision 2
	monitor_start
}

provision 1
provision 2

# --- d) the window's setting ------------------------------------------
pretty "freshness: default, set, shown, refused out of range"
check_output "group show prints the default window" "grace 30s freshness 5s$" \
	ue_slsec 2 group show dev air0 addr $G
check_eq "JSON: freshness_ms 5000" 5000 "$(gj 2 freshness_ms)"
check_output "freshness 5ms refused by the tool, with the range" \
	'invalid freshness "5ms": a window from 10ms to 1h' \
	ue_slsec 2 group set dev air0 addr $G freshness 5ms
check_eq "  exit code 1 (syntax)" 1 "$last_rc"
check_output "freshness 2h refused" 'invalid freshness "2h"' \
	ue_slsec 2 group set dev air0 addr $G freshness 2h
check_output "freshness 0.5ms refused (not silently off)" 'invalid freshness "0.5ms"' \
	ue_slsec 2 group add dev air0 addr $G2 sender 2 freshness 0.5ms
check_output "group add with freshness 2s" "addr $G2 .* freshness 2s$" \
	sh -c "$SLSEC_TOOL -n $NS_PREFIX-ue2 group add dev air0 addr $G2 sender 2 freshness 2s &&
	       $SLSEC_TOOL -n $NS_PREFIX-ue2 group show dev air0 addr $G2"
ue_slsec 2 group del dev air0 addr $G2
check "group set freshness off" ue_slsec 2 group set dev air0 addr $G freshness off
check_output "shown as off" "freshness off$" ue_slsec 2 group show dev air0 addr $G
check_eq "JSON: freshness_ms 0" 0 "$(gj 2 freshness_ms)"
check "group set freshness 500ms" ue_slsec 2 group set dev air0 addr $G freshness 500ms
check_output "shown as 500ms" "freshness 500ms$" ue_slsec 2 group show dev air0 addr $G
check "group set freshness 5s" ue_slsec 2 group set dev air0 addr $G freshness 5s
check_output "help names the option" "freshness WINDOW" sh -c "$SLSEC_TOOL group help 2>&1"

# --- a) the sender restarts --------------------------------------------
pretty "a) ue1 restarts: key re-added, then the module reloaded"
# What ue1 puts on the air (frames injected later go the other way).
capture_start "$air" "$tmp/air.pcap" -i p1 -Q in -s 0 'ip proto 253'
: >"$tmp/mon2"
monitor_start
i1=$(install_of 1)
phase first
check_eq "first: ue2 received all $N" $N "$got"
check_eq "ue2 follows installation $i1, no restart yet" "$i1 0" "$(sk 2 install) $(sk 2 restarts)"

check "ue1's group deleted (its key goes with it)" ue_slsec 1 group del dev air0 addr $G
check "ue1 provisioned again: same key bytes, same sender id" provision 1
i2=$(install_of 1)
check "ue1's key has a new installation id ($i1 -> $i2)" \
	test "$i2" != "$i1" -a "${#i2}" = 18
phase reinstalled
echo "# reinstalled: ue2 received $got of $N, loss $((N - got))"
check_eq "ue2 heard the restarted sender at once (loss 0 of $N, sending paced)" 0 $((N - got))
check_eq "ue2 follows the new installation, restarts 1" "$i2 1" "$(sk 2 install) $(sk 2 restarts)"
check_output "sender show prints installation and restarts" \
	"^sender 1 key 1 epoch 0 next-pn $N install $i2 restarts 1 forgeries 0$" \
	ue_slsec 2 sender show dev air0 addr $G
mon_wait "$tmp/mon2" "\] sender-restarted "
check_output "ue2's monitor printed sender-restarted with the new id" \
	"\] sender-restarted dev air0 addr $G key 1 sender 1 install $i2$" cat "$tmp/mon2"
check_eq "no stale, superseded or auth drops at ue2 so far" "0 0 0" \
	"$(stat 2 $G rx_drop_stale) $(stat 2 $G rx_drop_superseded) $(stat 2 $G rx_drop_auth)"

# The installation ue2 left behind cannot come back.  Freshness off, so
# that the installation alone decides (the frames may be stale by now).
ue_slsec 2 group set dev air0 addr $G freshness off
recv_start 2 $G "$tmp/sup"
in_air "$PY" "$HERE/restart.py" replay --pcap "$tmp/air.pcap" --sender 1 --install "$i1" \
	>"$tmp/sup.inj"
recv_wait
check_output "$N frames of the first installation replayed" "^injected $N$" cat "$tmp/sup.inj"
check_eq "all counted superseded (no AEAD spent)" $N "$(stat 2 $G rx_drop_superseded)"
check_output "and none delivered" "^received 0 intact 0" cat "$tmp/sup"
check_eq "ue2 still follows $i2" "$i2" "$(sk 2 install)"
ue_slsec 2 group set dev air0 addr $G freshness 5s
check_output "-s group show names the counters" "busy 0 stale 0 superseded $N backlog 0 epoch 0 forgery-limit 0$" \
	ue_slsec 2 -s group show dev air0 addr $G

reload
i3=$(install_of 1)
check "ue1's key has a third installation id ($i3)" \
	test "$i3" != "$i1" -a "$i3" != "$i2" -a "${#i3}" = 18
phase reloaded
echo "# reloaded: ue2 received $got of $N, loss $((N - got))"
check_eq "ue2 (restarted as well) hears ue1 at once: loss 0 of $N" 0 $((N - got))
check_eq "ue2 follows $i3 from scratch" "$i3 0" "$(sk 2 install) $(sk 2 restarts)"
sleep 0.5
capture_stop
rp nonces --pcap "$tmp/air.pcap" --key "$tmp/k1" --sender 1 \
	--installs "$i1,$i2,$i3" --count $N >"$tmp/nonces" 2>&1
tap_lines <"$tmp/nonces"

# --- b) the receiver restarts ------------------------------------------
pretty "b) ue2 restarts; the frames recorded before it are replayed"
j1=$(install_of 2)
check "ue2 deletes its key" ue_slsec 2 key del dev air0 addr $G id 1 force
check "and adds it again, same bytes" ue_slsec 2 key add dev air0 addr $G id 1 keyfile "$tmp/k1"
check "ue2's own key has a new installation id" test "$(install_of 2)" != "$j1"
check_eq "ue2 forgot sender 1" - "$(sk 2 install)"
recv_start 2 $G "$tmp/rb"
s0=$(stat 2 $G rx_drop_stale) p0=$(stat 2 $G rx_packets) a0=$(stat 2 $G rx_drop_auth)
in_air "$PY" "$HERE/restart.py" replay --pcap "$tmp/air.pcap" --sender 1 --install "$i3" \
	>"$tmp/b1.inj"
sleep 0.5
check_output "$N recorded frames replayed to ue2" "^injected $N$" cat "$tmp/b1.inj"
check_eq "key re-added: all $N stale" $N $(($(stat 2 $G rx_drop_stale) - s0))
check_eq "none opened, no AEAD spent on them" "0 0" \
	"$(($(stat 2 $G rx_packets) - p0)) $(($(stat 2 $G rx_drop_auth) - a0))"
check_output "ue2's monitor printed stale-frame" \
	"\] stale-frame dev air0 addr $G id 1 sender 1 unauthenticated$" cat "$tmp/mon2"

reload
in_air "$PY" "$HERE/restart.py" replay --pcap "$tmp/air.pcap" --sender 1 --install "$i3" \
	>"$tmp/b2.inj"
sleep 0.5
check_eq "module reloaded: all $N replayed frames stale" "$N 0" \
	"$(stat 2 $G rx_drop_stale) $(stat 2 $G rx_packets)"
in_air "$PY" "$HERE/restart.py" replay --pcap "$tmp/air.pcap" --sender 1 --install "$i3" \
	--ts-now >"$tmp/b3.inj"
for _ in $(seq 50); do
	[ "$(stat 2 $G rx_drop_auth)" -ge $N ] && break
	sleep 0.1
done
sleep 0.3
check_eq "timestamps rewritten to now: all $N fail authentication" "$N $N 0" \
	"$(stat 2 $G rx_drop_auth) $(stat 2 $G rx_drop_stale) $(stat 2 $G rx_packets)"
check_eq "and leave no receive state" - "$(sk 2 install)"
recv_wait
check_output "ue2's application received none of the replays" "^received 0 intact 0" \
	cat "$tmp/rb"

# --- c) clock skew -----------------------------------------------------
pretty "c) frames stamped off the clock: within the window, beyond it"
F=2000
check "group set freshness 2s" ue_slsec 2 group set dev air0 addr $G freshness 2s
# ue2's key must be older than the earliest stamp below (now - F/2).
sleep 1.2
# craft SENDER OFFSET SEQ: a frame stamped now + OFFSET ms, sent at once
# (and kept in $tmp/cSENDER).
craft() {
	in_air "$PY" "$HERE/restart.py" craft --key "$tmp/k1" --group $G \
		--sender "$1" --offset-ms "$2" --seq "$3" --out "$tmp/c$1" \
		--dev br0 >/dev/null
}
recv_start 2 $G "$tmp/rc"
s0=$(stat 2 $G rx_drop_stale) p0=$(stat 2 $G rx_packets)
craft 101 $((-F / 2)) 1001
craft 102 $((F / 2)) 1002
for _ in $(seq 30); do
	[ $(($(stat 2 $G rx_packets) - p0)) -ge 2 ] && break
	sleep 0.1
done
check_eq "stamped now - F/2 and now + F/2 (fresh installations): both opened" 2 \
	$(($(stat 2 $G rx_packets) - p0))
craft 103 $((-F - 1000)) 1003
craft 104 $((F + 1000)) 1004
sleep 0.5
check_eq "stamped now - F - 1s and now + F + 1s: both stale, nothing opened" "2 2" \
	"$(($(stat 2 $G rx_drop_stale) - s0)) $(($(stat 2 $G rx_packets) - p0))"
check "ue2 holds state for senders 101 and 102, not 103 or 104" sh -c "
	$SLSEC_TOOL -n $NS_PREFIX-ue2 sender show dev air0 addr $G >$tmp/cs &&
	grep -q '^sender 101 ' $tmp/cs && grep -q '^sender 102 ' $tmp/cs &&
	! grep -q '^sender 10[34] ' $tmp/cs"

pretty "freshness off: nothing is checked, recorded frames pass too"
check "group set freshness off" ue_slsec 2 group set dev air0 addr $G freshness off
p0=$(stat 2 $G rx_packets)
in_air "$PY" "$HERE/restart.py" inject "$tmp/c103" "$tmp/c104" >/dev/null
in_air "$PY" "$HERE/restart.py" replay --pcap "$tmp/air.pcap" --sender 1 --install "$i3" \
	>/dev/null
for _ in $(seq 50); do
	[ $(($(stat 2 $G rx_packets) - p0)) -ge $((N + 2)) ] && break
	sleep 0.1
done
check_eq "the two stale frames are opened now" "2" \
	"$(ue_slsec 2 sender show dev air0 addr $G | grep -c '^sender 10[34] ')"
check_eq "and so are the $N recorded frames (the price of off)" $((N + 2)) \
	$(($(stat 2 $G rx_packets) - p0))
recv_wait
check_output "ue2's application got the 4 crafted and the $N recorded datagrams" \
	"^received $((N + 4)) intact $((N + 4))" cat "$tmp/rc"
check "group set freshness 5s again" ue_slsec 2 group set dev air0 addr $G freshness 5s
check_output "shown as 5s" "freshness 5s$" ue_slsec 2 group show dev air0 addr $G

mon_stop "$mon"
for ns in 1 2; do $IP netns del "$NS_PREFIX-ue$ns"; done
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
