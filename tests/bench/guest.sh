#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Inside the VM (Debian's stock kernel): everything `make bench` measures,
# in one boot so that ratios between configurations mean something on a
# noisy host.  Writes CSV files to OUT; tests/bench/report.py reads them.
#
#   crypto.csv   the AEAD's own ns per seal and per open (slsec_bench.ko)
#   timing.csv   ns per datagram in slsec's seal and open hooks, and in
#                the AEAD calls inside them
#   goodput.csv  iperf2 goodput per configuration x receivers x size x rep
#   scaling.csv  slsec and plaintext 64-byte goodput with 1..10000 groups,
#                1..1000 learned senders, replay window 1024 and 8192
#
# Usage: guest.sh OUT MODDIR REPO BENCH_KO QUICK
out=$1 moddir=$2 repo=$3 bench_ko=$4 quick=${5:-0}
. "$repo/tests/bench/guest-env.sh"

if [ "$quick" = 1 ]; then
	REPS=2 SECS=1 SIZES="64 1400" NS=1
	GROUPS_LEVELS="1 100" SENDER_LEVELS="1 100" SCALE_REPS=1
	CRYPTO_ARGS="msecs=50 trials=3"
else
	REPS=5 SECS=1 SIZES="64 512 1400 2000" NS="1 3"
	GROUPS_LEVELS="1 100 10000" SENDER_LEVELS="1 100 1000" SCALE_REPS=3
	CRYPTO_ARGS="msecs=100 trials=5"
fi
MCAST="plain slsec-gcm128 slsec-gcm256 slsec-chacha macsec esp"
UNICAST="uplain wireguard"

echo "# accel $(cat "$out/accel" 2>/dev/null) kernel $(uname -r) quick $quick"
echo "# cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
# A Debian system's udev loads the CPU's AES-NI driver at boot; this
# guest has no udev.  Load what a deployed UE runs, and what xfrm and
# MACsec need (BENCH-NOTES: seqiv wants drbg).
modprobe -a aesni_intel ghash-clmulni-intel chacha20poly1305 \
	chacha-x86_64 poly1305-x86_64 drbg sha512 seqiv esp4 xfrm_user \
	macsec wireguard || echo "# some crypto modules did not load"

# crypto.csv: text lengths are the UDP header plus each payload size.
crypto() {
	local lens
	lens=$(for s in $SIZES; do echo $((s + 8)); done | paste -sd,)
	dmesg -C
	insmod "$bench_ko" lens="$lens" $CRYPTO_ARGS 2>/dev/null
	echo "alg,driver,len,seal_ns,open_ns,ops" >"$out/crypto.csv"
	dmesg | sed -n 's/.*slsec_bench: //p' | tee -a "$out/raw-crypto.txt" |
		awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		       gsub(/,/, "+", v["driver"])
		       print v["alg"] "," v["driver"] "," v["len"] "," v["seal_ns"] "," v["open_ns"] "," v["ops"] }' \
		>>"$out/crypto.csv"
	[ "$(wc -l <"$out/crypto.csv")" -gt 1 ]
}

# One configuration at every size: CSV rows config,n,size,rep,rx_pps,tx_pps.
# Set up once for its sizes, so setup (a dozen tool runs for MACsec)
# does not dominate the run time.
goodput_cfg() {
	local cfg=$1 n=$2 rep=$3 size r
	if ! cfg_up "$cfg" "$n"; then
		echo "# $cfg n=$n: setup failed"
		cfg_down "$cfg" "$n" 2>/dev/null
		return 1
	fi
	for size in $SIZES; do
		# (No process substitution: the guest has no /dev/fd.)
		r=$(iperf_run "$(cfg_dst "$cfg")" "$n" "$size" "$SECS")
		echo "$cfg,$n,$size,$rep,${r% *},${r#* }" >>"$out/goodput.csv"
		echo "# $cfg n=$n size=$size rep=$rep rx_pps=${r% *} tx_pps=${r#* }"
	done
	cfg_down "$cfg" "$n"
}

# timing.csv: slsec's own CPU time per datagram, from its hooks' timing
# (debugfs slsec/timing, kmod/timing.h), one receiver, each algorithm
# and size: the seal and open hooks and the AEAD calls inside them.
timing() {
	local f=/sys/kernel/debug/slsec/timing cfg size
	echo "config,size,seal_ns,seal_aead_ns,open_ns,open_aead_ns,count" \
		>"$out/timing.csv"
	receivers 1
	for cfg in slsec-gcm128 slsec-gcm256 slsec-chacha; do
		cfg_up "$cfg" 1 || return 1
		for size in $SIZES; do
			echo 1 >$f
			iperf_run "$(cfg_dst "$cfg")" 1 "$size" "$SECS" >/dev/null
			echo 0 >$f
			awk -v c="$cfg" -v s="$size" '{ v[$1] = $7; n[$1] = $3 }
				END { print c "," s "," v["seal"] "," v["seal_aead"] "," \
				      v["open"] "," v["open_aead"] "," n["open"] }' $f \
				>>"$out/timing.csv"
		done
		cfg_down "$cfg" 1
	done
}

# Every repetition runs every configuration once, back to back, so each
# repetition gives its own ratios.
goodput() {
	local rep n cfg
	echo "config,n,size,rep,rx_pps,tx_pps" >"$out/goodput.csv"
	for rep in $(seq "$REPS"); do
		for n in $NS; do
			receivers "$n"
			for cfg in $MCAST; do
				goodput_cfg "$cfg" "$n" "$rep"
			done
			[ "$n" = 1 ] || continue
			for cfg in $UNICAST; do
				goodput_cfg "$cfg" 1 "$rep"
			done
		done
	done
}

load_slsec || exit 1
air_setup 1 2 3 4
cfg_keys
start=$(date +%s)
crypto || echo "# crypto benchmark failed"
echo "# crypto done at $(($(date +%s) - start)) s"
timing || echo "# timing failed"
echo "# timing done at $(($(date +%s) - start)) s"
goodput
echo "# goodput done at $(($(date +%s) - start)) s"
. "$here/scaling.sh"
scaling
echo "# scaling done at $(($(date +%s) - start)) s"
echo "# pidof iperf after the runs: '$(pidof iperf)'"
echo "done"
