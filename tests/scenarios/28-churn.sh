#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Stress: rounds of multicast traffic between three UEs while other
# actors (stress-actors.sh) rotate the group's key, add, activate, revoke and
# delete keys and sender ids of a second group, bind and unbind groups,
# and bring UEs onto the air and away again -- their devices moved to
# other namespaces, their namespaces deleted, their links flapped --
# with traffic in flight.  The module is unloaded and loaded between
# rounds, asynchronous crypto (cryptd) forced in every other round on
# the debug kernel.  Traffic between the stable UEs under keys that
# stayed valid must lose nothing beyond what the stack itself dropped
# (softnet backlog, socket buffers, and in the asynchronous rounds the
# cryptd queue, whose overflow slsec counts as busy: all printed).
# Env: SLSEC_STRESS_ROUNDS, SLSEC_STRESS_SECONDS (per round); make check
# runs a short version, make stress a long one.
. "$(dirname "$0")/lib/lib.sh"
# shellcheck source=lib/stress-actors.sh
. "$HERE/stress-actors.sh"

debug=$([ "${SLSEC_MODE:-}" = debug ] && echo 1 || echo 0)
rounds=${SLSEC_STRESS_ROUNDS:-$([ $debug = 1 ] && echo 2 || echo 1)}
secs=${SLSEC_STRESS_SECONDS:-40}
GS=239.7.7.1 GC=239.7.7.2
tmp=$(mktemp -d)
umask 077
for i in $(seq 1 40); do head -c 16 /dev/urandom >"$tmp/k$i"; done
head -c 32 /dev/urandom >"$tmp/k32"
echo "# $rounds rounds of $secs s"

drops_of() { # N DIR: UE N's DIR (tx, rx) drop counters on group GS, the
	# crypto queue's (busy) first
	ue_json "$1" '
d = "'"$2"'_drop_"
s = j[0]["stats"]
o = {k: v for k, v in s.items() if k.startswith(d) and k != d + "busy"}
print(s[d + "busy"], sum(o.values()),
      ",".join("%s=%d" % kv for kv in sorted(o.items()) if kv[1]))' \
		-s group show dev air0 addr $GS
}
got() { # FILE SOURCE: datagrams received once, and duplicates
	awk -v a="$2" '$1 == "source" && $2 == a { print $4, $6 }' "$1"
}

# round_done: the round's actors did what its checks need: the key
# rotated twice, two UEs came and went (read without a fork).
# shellcheck disable=SC2317 # called through wait_until
round_done() {
	local k='' u=''
	read -r k 2>/dev/null <"$tmp/current"
	read -r u _ 2>/dev/null <"$tmp/ops-netns"
	[ "${k:-0}" -ge 3 ] && [ "${u:-0}" -ge 2 ]
}

round() {
	local r=$1 async=$2 i p pids= sent1 sent2 drops0 drops lost a b d e f iv ivc
	STOP=$tmp/stop-$r
	# cryptd runs the debug kernel's generic AES at a fraction of the
	# inline rate: offer the asynchronous rounds a quarter of the load.
	iv=$([ "$async" = 1 ] && echo 0.08 || echo 0.02)
	ivc=$([ "$async" = 1 ] && echo 0.04 || echo 0.01)
	CHURN_INTERVAL=$([ "$async" = 1 ] && echo 0.02 || echo 0.005)
	check "round $r: insmod slsec.ko crypto_async=$async" \
		load_slsec crypto_async=$async
	air_setup 1 2 3
	# Freshness is not what churn tests: a window of a minute, so that a
	# frame a loaded debug guest delays past the default 5 s window is
	# not counted lost (seen once: 15 of ue2's frames rx_drop_stale).
	for i in 1 2 3; do
		ue_slsec $i group add dev air0 addr $GS sender $i grace 10s freshness 1m
		ue_slsec $i key add dev air0 addr $GS id 1 keyfile "$tmp/k1"
		ue_slsec $i group add dev air0 addr $GC sender $i
		ue_slsec $i key add dev air0 addr $GC id 1 keyfile "$tmp/k1"
	done
	echo 1 >"$tmp/current"
	rm -f "$tmp/ops-netns"
	mon_start "$NS_PREFIX-ue1" "$tmp/events-$r" -j
	p=$MON_PID
	# A receiver gives up after --timeout (default 120 s): outlast the round.
	recv_start 1 $GS "$tmp/r1-$r" --timeout $((secs + 600))
	recv_start 2 $GS "$tmp/r2-$r" --timeout $((secs + 600))
	recv_start 3 $GS "$tmp/r3-$r" --timeout $((secs + 600))
	drops0=$(softnet_drops)
	in_ue 1 "$PY" "$HERE/mcast.py" send --group $GS --interval $iv \
		--until "$STOP.traffic" --ignore-errors >"$tmp/sent1" 2>&1 &
	pids="$pids $!"
	in_ue 2 "$PY" "$HERE/mcast.py" send --group $GS --interval $iv \
		--until "$STOP.traffic" --ignore-errors >"$tmp/sent2" 2>&1 &
	pids="$pids $!"
	in_ue 3 "$PY" "$HERE/mcast.py" send --group $GC --interval $ivc \
		--until "$STOP.traffic" --ignore-errors >/dev/null 2>&1 &
	pids="$pids $!"
	rotator & a="$!"
	keys & a="$a $!"
	groups & a="$a $!"
	netns & a="$a $!"
	sleep "$secs"
	# A slow guest's actors take longer: the round goes on (5 minutes at
	# most) until they did what its checks below ask, and they check it.
	wait_until 300 round_done
	: >"$STOP"
	# shellcheck disable=SC2086
	wait $a
	sleep 1
	: >"$STOP.traffic"
	# shellcheck disable=SC2086
	wait $pids
	sleep 1
	recv_wait
	mon_stop $p
	drops=$(($(softnet_drops) - drops0))
	# A send is refused only when the crypto queue (cryptd) is full,
	# which only the asynchronous rounds have: load, counted as busy.
	for i in 1 2; do
		a=$(sed -n 's/^errors //p' "$tmp/sent$i")
		grep -m3 -v '^sent \|^errors ' "$tmp/sent$i" | sed 's/^/# ue'$i': /'
		read -r b d <<<"$(drops_of $i tx)"
		echo "# round $r: ue$i: ${a:-?} sends refused; tx drops: busy $b," \
			"other $d; rx drops (busy, other): $(drops_of $i rx)"
		check "round $r: ue$i's refused sends were all busy drops ($a, $b)" \
			test "${a:-x}" = "$b" -a "$d" = 0 -a \( "$b" = 0 -o "$async" = 1 \)
	done
	# Datagrams the kernel took: those the receivers must get.
	sent1=$(awk '/^sent / { s = $2 } /^errors / { e = $2 } END { print s - e }' "$tmp/sent1")
	sent2=$(awk '/^sent / { s = $2 } /^errors / { e = $2 } END { print s - e }' "$tmp/sent2")
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
		read -r d e f <<<"$(drops_of "$1" rx)"
		echo "# round $r: ue$1 from $2: got ${b% *} of $3, ${b#* } dups," \
			"lost $lost; its socket buffer drops $(rcvbuf_errors "$1")," \
			"crypto queue drops $d; other rx drops $e ${f:-}"
		check "round $r: ue$1 got every datagram from $2 once ($lost lost)" \
			test "${b#* }" = 0 -a "$lost" -le \
			$((drops + $(rcvbuf_errors "$1") + d))
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
