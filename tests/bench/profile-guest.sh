#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Inside the VM: where a configuration's time goes.  Runs iperf2 at full
# rate (UE 1 to UE 2, one configuration and size) under `perf record -a`
# (cpu-clock sampling: TCG has no hardware counters) and writes the
# flat and the call-graph profile to OUT/profile-CONFIG-SIZE.txt.
# Usage: profile-guest.sh OUT MODDIR REPO CONFIG SIZE
out=$1 moddir=$2 repo=$3 cfg=${4:-slsec-gcm128} size=${5:-64}
. "$repo/tests/bench/guest-env.sh"
modprobe -a aesni_intel ghash-clmulni-intel macsec esp4 xfrm_user
load_slsec || exit 1
air_setup 1 2
cfg_keys
receivers 1
cfg_up "$cfg" 1 || exit 1
# perf takes seconds to start under TCG: start it first, then the load,
# and keep the recording no longer than the load.
perf record -a -g -F 1000 -e cpu-clock -o /tmp/perf.data -- sleep 12 &
perf=$!
sleep 6
iperf_run "$(cfg_dst "$cfg")" 1 "$size" 5 >"$out/rate"
wait $perf
echo "rate: $(cat "$out/rate")"
{
	echo "# $cfg $size B: rx tx datagrams/s $(cat "$out/rate")"
	echo "# by task"
	perf report -i /tmp/perf.data --no-children --sort comm --stdio -g none \
		2>/dev/null | grep -v '^#' | grep -v '^$'
	# CPU 0 runs the data path (tests/bench/iperf.sh); -n gives
	# sample counts, comparable across runs as samples per datagram.
	echo "# CPU 0, by symbol"
	perf report -i /tmp/perf.data --cpu 0 -n --no-children --sort sym \
		--stdio -g none --percent-limit 0.5 2>/dev/null |
		grep -v '^$' | grep -v '^# [A-Z(]'
	echo "# CPU 0, with children"
	perf report -i /tmp/perf.data --cpu 0 -n --children --sort sym \
		--stdio -g none --percent-limit 1.5 2>/dev/null |
		grep -v '^$' | grep -v '^# [A-Z(]'
} >"$out/profile-$cfg-$size.txt"
cfg_down "$cfg" 1
