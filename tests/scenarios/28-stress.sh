#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Stress: rounds of multicast traffic between three UEs while other
# actors (stress.sh) rotate the group's key, add, activate, revoke and
# delete keys and sender ids of a second group, bind and unbind groups,
# and bring UEs onto the air and away again -- their devices moved to
# other namespaces, their namespaces deleted, their links flapped --
# with traffic in flight.  The module is unloaded and loaded between
# rounds, asynchronous crypto (cryptd) forced in every other round on
# the debug kernel.  Traffic between the stable UEs under keys that
# stayed valid must lose nothing beyond what the stack itself dropped
# (softnet backlog, socket buffers: counted and printed).
# Env: SLSEC_STRESS_ROUNDS, SLSEC_STRESS_SECONDS (per round); make check
# runs a short version, make stress a long one.
. "$(dirname "$0")/lib.sh"
. "$HERE/stress.sh"

debug=$([ "${SLSEC_MODE:-}" = debug ] && echo 1 || echo 0)
rounds=${SLSEC_STRESS_ROUNDS:-$([ $debug = 1 ] && echo 2 || echo 1)}
secs=${SLSEC_STRESS_SECONDS:-$([ $debug = 1 ] && echo 60 || echo 40)}
GS=239.7.7.1 GC=239.7.7.2
tmp=$(mktemp -d)
umask 077
for i in $(seq 1 40); do head -c 16 /dev/urandom >"$tmp/k$i"; done
head -c 32 /dev/urandom >"$tmp/k32"
echo "# $rounds rounds of $secs s"

softnet_drops() { # the second column of softnet_stat: backlog drops
	local s=0 _ d _r
	while read -r _ d _r; do s=$((s + 0x$d)); done </proc/net/softnet_stat
	echo $s
}
rcvbuf_errors() { # UE N's UDP receive-buffer drops
	in_ue "$1" awk '/^Udp:/ { if (h) { print $6; exit } h = 1 }' /proc/net/snmp
}
got() { # FILE SOURCE: datagrams received once, and duplicates
	awk -v a="$2" '$1 == "source" && $2 == a { print $4, $6 }' "$1"
}

round() {
	local r=$1 async=$2 i p pids= sent1 sent2 drops0 drops lost a b
	STOP=$tmp/stop-$r
	check "round $r: insmod slsec.ko crypto_async=$async" \
		load_slsec crypto_async=$async
	air_setup 1 2 3
	for i in 1 2 3; do
		ue_slsec $i group add dev air0 addr $GS sender $i grace 10s
		ue_slsec $i key add dev air0 addr $GS id 1 keyfile "$tmp/k1"
		ue_slsec $i group add dev air0 addr $GC sender $i
		ue_slsec $i key add dev air0 addr $GC id 1 keyfile "$tmp/k1"
	done
	echo 1 >"$tmp/current"
	ue_slsec 1 -j monitor >"$tmp/events-$r" 2>&1 &
	p=$!
	recv_start 1 $GS "$tmp/r1-$r"
	recv_start 2 $GS "$tmp/r2-$r"
	recv_start 3 $GS "$tmp/r3-$r"
	drops0=$(softnet_drops)
	in_ue 1 "$PY" "$HERE/mcast.py" send --group $GS --interval 0.02 \
		--until "$STOP.traffic" >"$tmp/sent1" 2>&1 &
	pids="$pids $!"
	in_ue 2 "$PY" "$HERE/mcast.py" send --group $GS --interval 0.02 \
		--until "$STOP.traffic" >"$tmp/sent2" 2>&1 &
	pids="$pids $!"
	in_ue 3 "$PY" "$HERE/mcast.py" send --group $GC --interval 0.01 \
		--until "$STOP.traffic" --ignore-errors >/dev/null 2>&1 &
	pids="$pids $!"
	rotator & a="$!"
	keys & a="$a $!"
	groups & a="$a $!"
	netns & a="$a $!"
	sleep "$secs"
	: >"$STOP"
	# shellcheck disable=SC2086
	wait $a
	sleep 1
	: >"$STOP.traffic"
	# shellcheck disable=SC2086
	wait $pids
	sleep 1
	recv_wait
	kill $p 2>/dev/null
	wait $p 2>/dev/null
	drops=$(($(softnet_drops) - drops0))
	sent1=$(sed -n 's/^sent //p' "$tmp/sent1")
	sent2=$(sed -n 's/^sent //p' "$tmp/sent2")
	read -r a b <"$tmp/ops-netns"
	echo "# round $r: sent ue1 $sent1 ue2 $sent2; ops: rotation $(cat "$tmp/ops-rotate")" \
		"(to key $(cat "$tmp/current")), keys $(cat "$tmp/ops-keys"), groups" \
		"$(cat "$tmp/ops-groups"), UEs come and gone $a, link flips $b;" \
		"events $(wc -l <"$tmp/events-$r"); softnet drops $drops"
	for a in "2 10.0.0.1 $sent1" "3 10.0.0.1 $sent1" "1 10.0.0.2 $sent2" \
		"3 10.0.0.2 $sent2"; do
		set -- $a
		b=$(got "$tmp/r$1-$r" "$2")
		lost=$(($3 - ${b% *}))
		echo "# round $r: ue$1 from $2: got ${b% *} of $3, ${b#* } dups," \
			"lost $lost; its socket buffer drops $(rcvbuf_errors "$1")"
		check "round $r: ue$1 got every datagram from $2 once ($lost lost)" \
			test "${b#* }" = 0 -a "$lost" -le $((drops + $(rcvbuf_errors "$1")))
	done
	check "round $r: the key rotated at least twice" \
		test "$(cat "$tmp/current")" -ge 3
	check "round $r: UEs came and went" test "$(cut -d' ' -f1 "$tmp/ops-netns")" -ge 2
	netns_cleanup
	check "round $r: rmmod slsec" rmmod slsec
}

for r in $(seq "$rounds"); do
	round "$r" $((debug && r % 2 == 0))
done
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
