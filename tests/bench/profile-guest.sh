#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Inside the VM: where a configuration's time goes.  iperf2 runs at full
# rate (UE 1 to UE 2, one configuration and size, the sender on CPU 0
# where the whole data path runs); once it is going, `perf record -a -g`
# samples it (cpu-clock: TCG has no hardware counters; perf takes seconds
# to start under TCG, so the load starts first and runs long enough to
# outlast it).  Writes
# OUT/profile-CONFIG-SIZE.txt: microseconds a datagram by symbol and under
# slsec's hooks (tests/bench/stacks.py).
# Usage: profile-guest.sh OUT MODDIR REPO CONFIG SIZE
out=$1 moddir=$2 repo=$3 cfg=${4:-slsec-gcm128} size=${5:-64}
. "$repo/tests/bench/guest-env.sh"
hz=2000 secs=8
modprobe -a aesni_intel ghash-clmulni-intel macsec esp4 xfrm_user \
	drbg sha512 seqiv
load_slsec || exit 1
air_setup 1 2
cfg_keys
receivers 1
cfg_up "$cfg" 1 || exit 1
dst=$(cfg_dst "$cfg")
in_ue 2 taskset -c 1 iperf -s -u -B "$dst" -l 8192 -y C -t $((secs + 25)) \
	>/dev/null 2>&1 &
srv=$!
sleep 0.5
in_ue 1 taskset -c 0 iperf -c "$dst" -u -T 1 -b 10000M -l "$size" \
	-t $((secs + 20)) -y C >"$out/client.csv" 2>&1 &
cli=$!
sleep 3
perf record -a -g -e cpu-clock -F $hz -o /tmp/perf.data -- sleep $secs \
	>/dev/null 2>&1
wait $cli
kill -9 $srv 2>/dev/null
wait $srv 2>/dev/null
# CSV field 8: bytes sent over field 7's interval.
rate=$(awk -F, -v s="$size" '{ split($7, t, "-"); d = t[2] - t[1]
	if (d > 0) r = $8 / s / d } END { printf "%.0f", r }' "$out/client.csv")
perf script -i /tmp/perf.data -C 0 >/tmp/stacks.txt 2>/dev/null
{
	echo "# $cfg $size B, sender at $rate datagrams/s"
	/usr/bin/python3 "$here/stacks.py" /tmp/stacks.txt $hz "$rate"
} >"$out/profile-$cfg-$size.txt"
cfg_down "$cfg" 1
echo "rate: $rate"
