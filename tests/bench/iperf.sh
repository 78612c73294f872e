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

# no_iperf: no iperf process left in the guest (SIGKILL, waited for).
# A background "in_ue ... iperf" is a subshell whose $! is not iperf's,
# and a server that outlives its run joins the next one on the same
# group, receiving its own copy of every datagram (BENCH-NOTES trap 3).
# iperf runs only for iperf_run, so all of them can go.
no_iperf() {
	local t
	for t in $(seq 50); do
		pidof iperf >/dev/null || return 0
		pkill -9 -x iperf
		sleep 0.1
	done
	echo "# iperf processes left: $(pidof iperf)" >&2
	return 1
}

# iperf_run DST N SIZE SECS: UE 1 sends to DST at full rate; UEs 2..N+1
# run servers (joined to DST when it is a group).  Prints "RX TX": the
# mean datagrams per second the servers received and the rate the client
# sent.  The client is pinned to CPU 0 and the servers to CPU 1: veth
# hands a datagram to its own CPU's backlog, so CPU 0 runs the whole
# data path (send, seal, bridge, receive, open), the part being compared,
# while the scheduler cannot move it about from run to run.  Each run
# starts and ends with no iperf left, and its servers write to files of
# their own.
iperf_run() {
	local dst=$1 n=$2 size=$3 secs=$4 i logs= log r rx tx d
	no_iperf || true
	d=$(mktemp -d)
	for i in $(seq 2 $((n + 1))); do
		in_ue "$i" taskset -c 1 stdbuf -oL iperf -s -u -B "$dst" -l 8192 \
			-y C -t $((secs + 3)) >"$d/srv$i" 2>&1 &
		logs="$logs $d/srv$i"
	done
	sleep 0.5
	in_ue 1 taskset -c 0 iperf -c "$dst" -u -T 1 -b 10000M -l "$size" \
		-t "$secs" -y C >"$d/cli" 2>&1
	# A server prints its report (line-buffered) when the client's last
	# datagram arrives.
	for i in $(seq 20); do
		# shellcheck disable=SC2086
		[ "$(cat $logs | grep -c ',.*,.*,.*,.*,.*,.*,')" -ge "$n" ] && break
		sleep 0.1
	done
	no_iperf || true
	wait 2>/dev/null
	# CSV: ...,interval,bytes,bits/s,...: datagrams = bytes / size, over
	# the interval's seconds; a server without a report counts 0, one
	# with more than one (it cannot, alone) fails the run.
	rx=0
	for log in $logs; do
		r=$(awk -F, -v s="$size" '
			NF >= 9 { split($7, t, "-"); d = t[2] - t[1]; n++
				  if (d > 0) r = $8 / s / d }
			END { if (n > 1) print "twice"; else printf "%.0f", r }' "$log")
		if [ "$r" = twice ]; then
			echo "# $log: two reports, the run does not count" >&2
			r=0
		fi
		rx=$((rx + r))
	done
	rx=$((rx / n))
	tx=$(awk -F, -v s="$size" 'NF >= 9 { split($7, t, "-"); d = t[2] - t[1]
		if (d > 0) r = $8 / s / d } END { printf "%.0f", r }' "$d/cli")
	rm -rf "$d"
	echo "$rx $tx"
}
