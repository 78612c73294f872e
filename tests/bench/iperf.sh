# SPDX-License-Identifier: GPL-2.0
# iperf2 runs for `make bench`, sourced by tests/bench/guest.sh.
#
# iperf2 because it sends UDP multicast at whatever rate the path takes
# (-b far above it), with any datagram size, and its server counts what
# actually arrived: goodput, not offered load.  A sender written in
# Python could not saturate the path; pktgen would bypass the socket,
# LOCAL_OUT hook and routing where slsec (and ESP) do their work.

# receivers N: only UEs 2..N+1 are on the air (bridge ports of the others
# down), so the bridge floods to exactly N receivers.
receivers() {
	local i
	for i in 2 3 4; do
		if [ "$i" -le $(($1 + 1)) ]; then
			$IP -n "$NS_PREFIX-air" link set "p$i" up
		else
			$IP -n "$NS_PREFIX-air" link set "p$i" down
		fi
	done
}

# iperf_run DST N SIZE SECS: UE 1 sends to DST at full rate; UEs 2..N+1
# run servers (joined to DST when it is a group).  Prints "RX TX": the
# mean datagrams per second the servers received and the rate the client
# sent.  The client is pinned to CPU 0 and the servers to CPU 1: veth
# hands a datagram to its own CPU's backlog, so CPU 0 runs the whole
# data path (send, seal, bridge, receive, open), the part being compared,
# while the scheduler cannot move it about from run to run.  Server pids
# are iperf's own ("ip netns exec" execs), and every server is gone
# before this returns (BENCH-NOTES trap 3).
iperf_run() {
	local dst=$1 n=$2 size=$3 secs=$4 i pids= logs= log rx tx
	for i in $(seq 2 $((n + 1))); do
		in_ue "$i" taskset -c 1 stdbuf -oL iperf -s -u -B "$dst" -l 8192 \
			-y C -t $((secs + 3)) >"/tmp/srv$i" 2>&1 &
		pids="$pids $!" logs="$logs /tmp/srv$i"
	done
	sleep 0.5
	in_ue 1 taskset -c 0 iperf -c "$dst" -u -T 1 -b 10000M -l "$size" \
		-t "$secs" -y C >/tmp/cli 2>&1
	# A server prints its report (line-buffered) when the client's last
	# datagram arrives; SIGTERM alone would leave iperf2 running.
	for i in $(seq 20); do
		# shellcheck disable=SC2086
		[ "$(cat $logs | grep -c ',.*,.*,.*,.*,.*,.*,')" -ge "$n" ] && break
		sleep 0.1
	done
	# shellcheck disable=SC2086
	kill -9 $pids 2>/dev/null
	# shellcheck disable=SC2086
	wait $pids 2>/dev/null
	# CSV: ...,interval,bytes,bits/s,...: datagrams = bytes / size, over
	# the interval's seconds; a server without a report counts 0.
	rx=0
	for log in $logs; do
		rx=$(tail -n 3 "$log" | awk -F, -v s="$size" -v acc="$rx" '
			NF >= 9 { split($7, t, "-"); d = t[2] - t[1]
				  if (d > 0) r = $8 / s / d }
			END { printf "%.0f", acc + r }')
	done
	rx=$((rx / n))
	tx=$(awk -F, -v s="$size" 'NF >= 9 { split($7, t, "-"); d = t[2] - t[1]
		if (d > 0) r = $8 / s / d } END { printf "%.0f", r }' /tmp/cli)
	echo "$rx $tx"
}
