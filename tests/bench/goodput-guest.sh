#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Inside the VM: iperf2 UDP multicast goodput from ue1 to ue2 across the
# bridge, plaintext against sealed (AES-GCM-128), interleaved, in the same
# boot.  Goodput is what the receiving iperf server counted.
# Usage: goodput-guest.sh OUT MODDIR REPO [REPS] [SECONDS] [LEN]
out=$1 moddir=$2 repo=$3 reps=${4:-3} secs=${5:-5} len=${6:-1400}
export SLSEC_KO=$moddir/kmod/slsec.ko SLSEC_TOOL=$repo/tools/slsec
exec >"$out/goodput.txt" 2>&1
. "$repo/tests/scenarios/lib.sh"
G=239.5.5.5
# A Debian system's udev loads the CPU's AES-NI driver at boot; this
# initramfs-less guest has no udev, and without it gcm(aes) would be
# built on aes-generic.  Measure what a deployed UE runs.
modprobe aesni_intel || echo "# aesni_intel not available"
load_slsec || exit 1
air_setup 1 2
key=$(mktemp)
head -c 16 /dev/urandom >"$key"

protect() {
	local i
	for i in 1 2; do
		ue_slsec $i group add dev air0 addr $G sender $i &&
			ue_slsec $i key add dev air0 addr $G id 1 keyfile "$key"
	done
}
unprotect() { ue_slsec 1 group del dev air0 addr $G; ue_slsec 2 group del dev air0 addr $G; }

# run CONFIG REP: one iperf run; prints "CONFIG REP MBIT/S".
run() {
	local log
	log=$(mktemp)
	in_ue 2 timeout $((secs + 6)) iperf -s -u -B $G -f m >"$log" 2>&1 &
	local srv=$!
	sleep 1
	in_ue 1 iperf -c $G -u -b 10000M -l "$len" -t "$secs" -T 1 -f m >"$log.c" 2>&1
	wait $srv
	# The server's report: "... <n> MBytes  <rate> Mbits/sec ...".
	echo "$1 $2 $(grep -Eo '[0-9.]+ Mbits/sec' "$log" | tail -1 | cut -d' ' -f1)"
	echo "# $1 $2 offered $(grep -Eo '[0-9.]+ Mbits/sec' "$log.c" | tail -1)"
	rm -f "$log" "$log.c"
}

echo "# iperf2 UDP multicast, $len-byte datagrams, $secs s a run, accel $(cat "$out/accel" 2>/dev/null)"
for r in $(seq "$reps"); do
	run plain "$r"
	protect
	run sealed "$r"
	if [ "$r" = 1 ]; then
		ue_slsec 1 -s group show | sed 's/^/# ue1 /'
		ue_slsec 2 -s group show | sed 's/^/# ue2 /'
		awk '/^name/{n=$3} /^driver/{d=$3} /^refcnt/{c=$3}
		     /^$/{ if (n == "gcm(aes)") print "# gcm(aes) driver", d, "refcnt", c }' /proc/crypto
	fi
	unprotect
done
echo "done"
