# SPDX-License-Identifier: GPL-2.0
# Scaling runs for `make bench`, sourced by tests/bench/guest.sh: 64-byte
# AES-GCM-128 goodput from UE 1 to UE 2 while the device holds more
# groups, the group more learned senders, or the replay window is larger.
# Plaintext runs alternate with the slsec runs so each repetition gives a
# cost per datagram, 1/slsec - 1/plain, free of the host's drift.
# CSV rows: dim,level,rep,config,rx_pps,learned.

SCALE_G=239.5.5.2

# scale_pair DIM LEVEL REP [GROUP-ADD-ARGS...]: one plaintext and one
# slsec run; the slsec group is set up on UE 2 first so senders can be
# taught to it before UE 1 seals.
scale_pair() {
	local dim=$1 level=$2 rep=$3 rx learned=0
	shift 3
	rx=$(iperf_run "$(cfg_dst plain)" 1 64 "$SECS")
	rx=${rx% *}
	echo "$dim,$level,$rep,plain,$rx,0" >>"$out/scaling.csv"
	ue_slsec 2 group add dev air0 addr $SCALE_G sender 100000 \
		max-senders 1024 "$@" &&
		ue_slsec 2 key add dev air0 addr $SCALE_G id 1 \
			keyfile "$BENCH_KEYS/k16" || return 1
	if [ "$dim" = senders ] && [ "$level" -gt 1 ]; then
		$IP -n "$NS_PREFIX-air" link set p3 up
		in_ue 3 "$PY" "$here/senders.py" $SCALE_G "$BENCH_KEYS/k16" \
			2 $((level - 1))
		$IP -n "$NS_PREFIX-air" link set p3 down
	fi
	ue_slsec 1 group add dev air0 addr $SCALE_G sender 1 "$@" &&
		ue_slsec 1 key add dev air0 addr $SCALE_G id 1 \
			keyfile "$BENCH_KEYS/k16" || return 1
	learned=$(ue_slsec 2 -j group show dev air0 addr $SCALE_G |
		"$PY" -c 'import json,sys; print(json.load(sys.stdin)[0]["senders"])')
	rx=$(iperf_run $SCALE_G 1 64 "$SECS")
	rx=${rx% *}
	ue_slsec 1 group del dev air0 addr $SCALE_G
	ue_slsec 2 group del dev air0 addr $SCALE_G
	echo "$dim,$level,$rep,slsec,$rx,$learned" >>"$out/scaling.csv"
	echo "# scaling $dim=$level rep=$rep slsec rx_pps=$rx learned=$learned"
}

# more_groups COUNT: UEs 1 and 2 hold COUNT groups besides the measured one.
scale_have=0
more_groups() {
	local want=$(($1 - 1)) i
	[ "$want" -gt "$scale_have" ] || return 0
	for i in 1 2; do
		in_ue "$i" "$PY" "$here/groups.py" add air0 "$scale_have" \
			$((want - scale_have)) "$i" || return 1
	done
	scale_have=$want
}

scaling() {
	local level rep
	echo "dim,level,rep,config,rx_pps,learned" >"$out/scaling.csv"
	receivers 1
	for level in $GROUPS_LEVELS; do
		more_groups "$level" || { echo "# adding groups failed"; break; }
		echo "# groups in ue1: $(ue_slsec 1 info | sed -n 's/.*groups \([0-9]*\).*/\1/p')"
		for rep in $(seq "$SCALE_REPS"); do
			scale_pair groups "$level" "$rep"
		done
	done
	for i in 1 2; do
		in_ue "$i" "$PY" "$here/groups.py" del air0 0 "$scale_have" 0
	done
	for level in $SENDER_LEVELS; do
		for rep in $(seq "$SCALE_REPS"); do
			scale_pair senders "$level" "$rep"
		done
	done
	for level in 1024 8192; do
		for rep in $(seq "$SCALE_REPS"); do
			scale_pair window "$level" "$rep" replay-window "$level"
		done
	done
}
