#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Inside the VM (Debian's stock kernel): everything `make bench` measures,
# in one boot so that ratios between configurations mean something on a
# noisy host.  Writes CSV files to OUT; tests/bench/report.py reads them.
#
#   crypto.csv   the AEAD's own ns per seal and per open (slsec_bench.ko)
#   goodput.csv  iperf2 goodput per configuration x receivers x size x rep
#   scaling.csv  slsec and plaintext 64-byte goodput with 1..10000 groups,
#                1..1000 learned senders, replay window 1024 and 8192
#
# Usage: guest.sh OUT MODDIR REPO BENCH_KO QUICK
out=$1 moddir=$2 repo=$3 bench_ko=$4 quick=${5:-0}
export SLSEC_KO=$moddir/kmod/slsec.ko SLSEC_TOOL=$repo/tools/slsec
exec >"$out/guest.log" 2>&1
here=$repo/tests/bench
. "$repo/tests/scenarios/lib.sh"
. "$here/configs.sh"
. "$here/iperf.sh"

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
goodput
echo "# goodput done at $(($(date +%s) - start)) s"
. "$here/scaling.sh"
scaling
echo "# scaling done at $(($(date +%s) - start)) s"
echo "# pidof iperf after the runs: '$(pidof iperf)'"
echo "done"
