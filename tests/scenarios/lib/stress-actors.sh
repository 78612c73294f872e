# SPDX-License-Identifier: GPL-2.0
# The actors of the churn scenario (28-churn.sh), sourced after lib.sh.
# Each runs until the file $STOP exists and counts what it did in
# $tmp/ops-NAME.  The stable UEs 1-3 keep group $GS; only their traffic
# under keys that stay valid is held to zero loss.

# rotator: make-before-break rotation of $GS on the stable UEs, every
# ~15 s: the next key pending everywhere, then active everywhere; the
# old one retires after the group's grace.
rotator() {
	local k=1 i ops=0
	while [ ! -e "$STOP" ]; do
		sleep 12
		[ -e "$STOP" ] && break
		k=$((k + 1))
		for i in 1 2 3; do
			ue_slsec $i key add dev air0 addr $GS id $k \
				keyfile "$tmp/k$k" pending && ops=$((ops + 1))
		done
		for i in 1 2 3; do
			ue_slsec $i key set dev air0 addr $GS id $k active &&
				ops=$((ops + 1))
		done
		echo $k >"$tmp/current"
	done
	echo $ops >"$tmp/ops-rotate"
}

# keys: random key operations on $GC, which carries traffic of its own
# that may be lost: add (now or pending), activate, delete, revoke (each
# with force now and then), sender revoke and restore, stats reset.
keys() {
	local ops=0 ue id
	while [ ! -e "$STOP" ]; do
		ue=$((RANDOM % 3 + 1)) id=$((RANDOM % 5 + 1))
		case $((RANDOM % 8)) in
		0 | 1) ue_slsec $ue key add dev air0 addr $GC id $id \
			keyfile "$tmp/k$id" ;;
		2) ue_slsec $ue key add dev air0 addr $GC id $id \
			keyfile "$tmp/k$id" pending ;;
		3) ue_slsec $ue key set dev air0 addr $GC id $id active ;;
		4) ue_slsec $ue key del dev air0 addr $GC id $id force ;;
		5) ue_slsec $ue key revoke dev air0 addr $GC id $id ;;
		6) ue_slsec $ue sender revoke dev air0 addr $GC id $((RANDOM % 4 + 1))
		   ue_slsec $ue sender restore dev air0 addr $GC id $((RANDOM % 4 + 1)) ;;
		7) ue_slsec $ue stats reset dev air0 addr $GC ;;
		esac
		ops=$((ops + 1))
	done >/dev/null 2>&1
	echo $ops >"$tmp/ops-keys"
}

# groups: groups bound and unbound on the stable UEs' device, with keys
# and settings changed in between.
groups() {
	local ops=0 ue a
	while [ ! -e "$STOP" ]; do
		ue=$((RANDOM % 3 + 1)) a=239.7.8.$((RANDOM % 6 + 1))
		case $((RANDOM % 4)) in
		0) ue_slsec $ue group add dev air0 addr $a sender $ue \
			alg aes-gcm-256 &&
		   ue_slsec $ue key add dev air0 addr $a id 1 keyfile "$tmp/k32" ;;
		1) ue_slsec $ue group del dev air0 addr $a ;;
		2) ue_slsec $ue group set dev air0 addr $a permissive \
			max-senders $((RANDOM % 100 + 1)) ;;
		3) ue_slsec $ue -s group show >/dev/null
		   ue_slsec $ue key show >/dev/null
		   ue_slsec $ue sender show dev air0 addr $GS >/dev/null ;;
		esac
		ops=$((ops + 1))
	done >/dev/null 2>&1
	echo $ops >"$tmp/ops-groups"
}

# netns: a UE joins the air, takes $GS's current key and sends, then
# goes in one of four ways while its traffic is in flight: its device
# moved to another namespace, its namespace deleted, its link down and
# up before it leaves, or its bridge port down.  $tmp/ops-netns says how
# many came and went so far.
netns() {
	local c=0 ops=0 flips=0 ns ns2 air="$NS_PREFIX-air" k
	while [ ! -e "$STOP" ]; do
		c=$((c + 1)) ns="$NS_PREFIX-c$c" ns2="$NS_PREFIX-m$c"
		k=$(cat "$tmp/current")
		$IP netns add "$ns" || break
		$IP -n "$ns" link add air0 type veth peer name cp$c netns "$air"
		$IP -n "$air" link set cp$c master br0 up
		$IP -n "$ns" addr add 10.0.1.$((c % 250 + 1))/16 dev air0
		$IP -n "$ns" link set air0 up
		$IP -n "$ns" route add 224.0.0.0/4 dev air0
		slsec -n "$ns" group add dev air0 addr $GS sender $((100 + c)) grace 10s
		slsec -n "$ns" key add dev air0 addr $GS id "$k" keyfile "$tmp/k$k"
		$IP netns exec "$ns" "$PY" "$HERE/mcast.py" send --group $GS \
			--count 300 --interval "${CHURN_INTERVAL:-0.005}" \
			--ignore-errors >/dev/null 2>&1 &
		sleep 1
		case $((c % 4)) in
		0) $IP netns add "$ns2"
		   $IP -n "$ns" link set air0 netns "$ns2"
		   sleep 0.5
		   $IP netns del "$ns2" ;;
		1) ;;
		2) $IP -n "$ns" link set air0 down; sleep 0.3
		   $IP -n "$ns" link set air0 up; flips=$((flips + 2)) ;;
		3) $IP -n "$air" link set cp$c down; sleep 0.3
		   flips=$((flips + 1)) ;;
		esac
		$IP netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
		$IP netns del "$ns"
		$IP -n "$air" link del cp$c 2>/dev/null
		ops=$((ops + 1))
		echo "$ops $flips" >"$tmp/ops-netns"	# the round waits on it
	done >/dev/null 2>&1
	echo "$ops $flips" >"$tmp/ops-netns"
}
