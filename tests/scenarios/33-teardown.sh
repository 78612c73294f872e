#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Teardown while the data path queues work: for ~30 s, round after round,
# groups and whole namespaces are deleted while datagrams flow and keys
# rotate on packet lifetimes that fire every few dozen datagrams.  Every
# datagram past a hard limit kicks the group's life_work from the send
# path, and every new sender or installation parks a frame and queues the
# group's work item from the receive path, so both are queued around
# slsec_group_del() and namespace exit.  On the debug kernel KASAN,
# lockdep, kmemleak and CONFIG_DEBUG_ATOMIC_SLEEP (transforms freed
# where they may sleep) report anything in the console, which fails the
# run.
#
# +----------------+  +----------------+  +- each round N: two namespaces -+
# | ue1 10.0.0.1   |  | ue2 10.0.0.2   |  | rN 10.0.0.100   sN 10.0.0.101  |
# | sender 1, all  |  | receiver; its  |  | receiver        sender 1000+N  |
# | along; keys on |  | G4 deleted and |  | both deleted under traffic     |
# | 25-packet      |  | bound again    |  |                                |
# | lifetimes      |  | each round     |  |                                |
# +-------+--------+  +-------+--------+  +----+---------------+-----------+
#         | p1                | p2             | prN           | psN
# +-------+-------------------+----------------+---------------+-----------+
# | air   +-------------------+----- br0 ------+---------------+           |
# +------------------------------------------------------------------------+
. "$(dirname "$0")/lib/lib.sh"

DURATION=${SLSEC_TEARDOWN_SECS:-30}
setup_air 1 2
KEYS="1 2 3"
for i in $KEYS; do printf '%02x%030x\n' "$i" "$i" >"$tmp/k$i"; done
G4=239.33.1.1 G6=ff05::33:2

# ns_ue NAME N: a namespace on the air as air_setup makes them, its port
# on the bridge named after NAME (a deleted namespace's port goes away
# asynchronously).
ns_ue() { air_join "$1" "p$1" "$2"; }

# groups NS SENDER tx|rx [ADDR...]: both groups (or the ADDRs) in
# namespace NS with keys 1..3.  A
# sender's key 1 sends and the others wait, each with a 25-packet hard
# limit: the newest pending one takes over at each limit, the old one
# retires after 100 ms.  A receiver holds them all (accepted as soon as
# installed).
groups() {
	local ns=$1 s=$2 role=$3 a id how addrs
	shift 3
	addrs=${*:-$G4 $G6}
	for a in $addrs; do
		slsec -n "$ns" group add dev air0 addr $a sender "$s" grace 100ms || return 1
		for id in $KEYS; do
			how=pending
			[ "$role$id" = tx1 ] && how="activate now"
			if [ "$role" = tx ]; then
				slsec -n "$ns" key add dev air0 addr $a id $id keyfile "$tmp/k$id" \
					$how soft-packets 10 hard-packets 25 || return 1
			else
				slsec -n "$ns" key add dev air0 addr $a id $id keyfile "$tmp/k$id" \
					pending || return 1
			fi
		done
	done
}

# rekey NS: the sender's retired keys come back, each sending at once
# (new installations, which every receiver learns anew from the backlog).
rekey() {
	local a id
	for a in $G4 $G6; do
		for id in $KEYS; do
			slsec -n "$1" key add dev air0 addr $a id $id keyfile "$tmp/k$id" \
				hard-packets 25 2>/dev/null
		done
	done
	return 0
}

# send_bg NS GROUP...: until $tmp/stop exists (or the process is killed).
send_bg() {
	local ns=$1 a
	shift
	for a in "$@"; do
		$IP netns exec "$ns" "$PY" "$HERE/mcast.py" send --group $a --until "$tmp/stop" \
			--interval 0.0005 --ignore-errors >/dev/null 2>&1 &
		BG="$BG $!"
	done
}

check "ue1 (sender) set up, keys on 25-packet lifetimes" groups "$NS_PREFIX-ue1" 1 tx
check "ue2 (receiver) set up" groups "$NS_PREFIX-ue2" 2 rx
BG=
send_bg "$NS_PREFIX-ue1" $G4 $G6
ue1bg=$BG

# At least 3 rounds, for at least $DURATION s (the debug kernel is slower).
pretty "rounds of group and namespace deletion under traffic for $DURATION s"
end=$(($(date +%s) + DURATION))
rounds=0 fails=0
while [ "$(date +%s)" -lt $end ] || [ $rounds -lt 3 ]; do
	rounds=$((rounds + 1))
	r="$NS_PREFIX-r$rounds" s="$NS_PREFIX-s$rounds"
	# A receiver and a sender of their own, a different id each round.
	{ ns_ue r$rounds 100 && groups "$r" 100 rx &&
		ns_ue s$rounds 101 && groups "$s" $((1000 + rounds)) tx; } >"$tmp/err" 2>&1 ||
		{ fails=$((fails + 1)); cat "$tmp/err"; }
	BG=
	send_bg "$s" $G4
	sleep 0.3
	rekey "$NS_PREFIX-ue1"
	# The receiver's groups go and come back while frames park and learn;
	# the round's sender loses a group under its own traffic.
	{ slsec -n "$NS_PREFIX-ue2" group del dev air0 addr $G4 &&
		groups "$NS_PREFIX-ue2" 2 rx $G4 &&
		slsec -n "$s" group del dev air0 addr $G4; } >"$tmp/err" 2>&1 ||
		{ fails=$((fails + 1)); cat "$tmp/err"; }
	sleep 0.3
	# Whole namespaces: the receiver's under incoming traffic, then the
	# sender's as its senders die.
	$IP netns del "$r" || fails=$((fails + 1))
	kill $BG 2>/dev/null
	wait $BG 2>/dev/null
	$IP netns del "$s" || fails=$((fails + 1))
done
check_eq "every round's configuration and deletion succeeded" 0 $fails
pretty "$rounds rounds"
check "ue1's senders kicked life_work past hard limits (key-expired drops)" \
	test "$(stat 1 $G4 tx_drop_key_expired)" -gt 0
check_output "ue1 rotated keys: sealed more than 3 keys' 75 datagrams" "^([0-9]{4,}|[1-9][0-9]{2})$" \
	stat 1 $G4 tx_packets

: >"$tmp/stop"
wait $ue1bg
pretty "afterwards the data path works"
for i in 1 2; do
	check "ue$i adds key 20, active" ue_slsec $i key add dev air0 addr $G4 id 20 keyfile "$tmp/k1"
done
recv_start 2 $G4 "$tmp/last" --count 5
check "ue1 sends 5" in_ue 1 "$PY" "$HERE/mcast.py" send --group $G4 --count 5
recv_wait
check_output "ue2 received all 5 intact" "^received 5 intact 5" cat "$tmp/last"

for ns in 1 2; do $IP netns del "$NS_PREFIX-ue$ns"; done
check "rmmod slsec (namespace exits done, nothing queued)" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
