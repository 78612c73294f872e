# SPDX-License-Identifier: GPL-2.0
# The configurations `make bench` compares, sourced by tests/bench/guest.sh
# after tests/scenarios/lib/lib.sh.  UE 1 sends; UEs 2..N+1 receive.  Each
# configuration is set up just before its run and torn down after it, so
# no run pays for another's state (an xfrm policy, say, slows every
# datagram of the namespace).
#
#   cfg_up NAME N     set NAME up between UE 1 and UEs 2..N+1
#   cfg_down NAME N   undo it
#   cfg_dst NAME      the address iperf sends to (group or unicast)
#
# Names: plain, slsec-gcm128, slsec-gcm256, slsec-chacha, macsec, esp
# (multicast); uplain, wireguard (unicast, N = 1 only).

BENCH_KEYS=${BENCH_KEYS:-/tmp/bench-keys}

# Each configuration its own group address, so a leftover of one can
# never touch another's traffic.
cfg_dst() {
	case $1 in
	plain) echo 239.5.5.1 ;;
	slsec-*) echo 239.5.5.2 ;;
	macsec) echo 239.5.5.3 ;;
	esp) echo 239.5.5.4 ;;
	uplain) echo 10.0.0.2 ;;
	wireguard) echo 10.2.0.2 ;;
	esac
}

cfg_keys() {
	mkdir -p "$BENCH_KEYS"
	chmod 700 "$BENCH_KEYS"
	umask 077
	head -c 16 /dev/urandom >"$BENCH_KEYS/k16"
	head -c 32 /dev/urandom >"$BENCH_KEYS/k32"
	wg genkey >"$BENCH_KEYS/wg1"
	wg genkey >"$BENCH_KEYS/wg2"
	wg pubkey <"$BENCH_KEYS/wg1" >"$BENCH_KEYS/wg1.pub"
	wg pubkey <"$BENCH_KEYS/wg2" >"$BENCH_KEYS/wg2.pub"
	# MACsec: 16 bytes; ESP rfc4106: 16 bytes of key and 4 of salt.
	MACSEC_KEY=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
	ESP_KEY=0x$(od -An -tx1 -N20 /dev/urandom | tr -d ' \n')
	umask 022
}

# slsec_up N ALG KEYFILE [GROUP-ADD-ARGS...]
slsec_up() {
	local n=$1 alg=$2 key=$3 i
	shift 3
	for i in $(seq 1 $((n + 1))); do
		ue_slsec "$i" group add dev air0 addr 239.5.5.2 sender "$i" \
			alg "$alg" "$@" || return 1
		ue_slsec "$i" key add dev air0 addr 239.5.5.2 id 1 \
			keyfile "$key" || return 1
	done
}

slsec_down() {
	local i
	for i in $(seq 1 $(($1 + 1))); do
		ue_slsec "$i" group del dev air0 addr 239.5.5.2
	done
}

mac_of() { in_ue "$1" cat /sys/class/net/air0/address; }

# MACsec on air0 in every UE, one TX SA each and an RX SC for every other
# UE (a receiver needs a TX SA even to send its IGMP reports).
macsec_up() {
	local n=$1 i j
	for i in $(seq 1 $((n + 1))); do
		in_ue "$i" $IP link add link air0 macsec0 type macsec \
			port 1 encrypt on cipher gcm-aes-128 || return 1
		in_ue "$i" $IP macsec add macsec0 tx sa 0 pn 1 on \
			key 01 "$MACSEC_KEY" || return 1
		for j in $(seq 1 $((n + 1))); do
			[ "$i" = "$j" ] && continue
			in_ue "$i" $IP macsec add macsec0 rx port 1 \
				address "$(mac_of "$j")" || return 1
			in_ue "$i" $IP macsec add macsec0 rx port 1 \
				address "$(mac_of "$j")" sa 0 pn 1 on \
				key 01 "$MACSEC_KEY" || return 1
		done
		in_ue "$i" $IP addr add 10.1.0."$i"/24 dev macsec0
		in_ue "$i" $IP link set macsec0 up
		in_ue "$i" $IP route add 239.5.5.3/32 dev macsec0
	done
}

macsec_down() {
	local i
	for i in $(seq 1 $(($1 + 1))); do
		in_ue "$i" $IP link del macsec0
	done
}

# ESP transport mode, one SA with the group as destination in every UE;
# the sender's outbound policy applies it.
esp_up() {
	local n=$1 i
	for i in $(seq 1 $((n + 1))); do
		in_ue "$i" $IP xfrm state add src 10.0.0.1 dst 239.5.5.4 \
			proto esp spi 0x1000 mode transport \
			aead 'rfc4106(gcm(aes))' "$ESP_KEY" 128 || return 1
	done
	in_ue 1 $IP xfrm policy add src 10.0.0.1 dst 239.5.5.4 dir out \
		tmpl src 10.0.0.1 dst 239.5.5.4 proto esp mode transport
}

esp_down() {
	local i
	for i in $(seq 1 $(($1 + 1))); do
		in_ue "$i" $IP xfrm policy flush
		in_ue "$i" $IP xfrm state flush
	done
}

# WireGuard between UE 1 and UE 2: 10.2.0.1 and 10.2.0.2, MTU 1440 so a
# 1400-byte datagram is not fragmented.
wg_up() {
	local i peer
	for i in 1 2; do
		peer=$((3 - i))
		in_ue "$i" $IP link add wg0 type wireguard || return 1
		in_ue "$i" wg set wg0 listen-port 51820 \
			private-key "$BENCH_KEYS/wg$i" \
			peer "$(cat "$BENCH_KEYS/wg$peer.pub")" \
			allowed-ips 10.2.0."$peer"/32 \
			endpoint 10.0.0."$peer":51820 || return 1
		in_ue "$i" $IP addr add 10.2.0."$i"/24 dev wg0
		in_ue "$i" $IP link set wg0 mtu 1440 up
	done
}

wg_down() { in_ue 1 $IP link del wg0; in_ue 2 $IP link del wg0; }

cfg_up() {
	case $1 in
	plain | uplain) ;;
	slsec-gcm128) slsec_up "$2" aes-gcm-128 "$BENCH_KEYS/k16" ;;
	slsec-gcm256) slsec_up "$2" aes-gcm-256 "$BENCH_KEYS/k32" ;;
	slsec-chacha) slsec_up "$2" chacha20-poly1305 "$BENCH_KEYS/k32" ;;
	macsec) macsec_up "$2" ;;
	esp) esp_up "$2" ;;
	wireguard) wg_up ;;
	esac
}

cfg_down() {
	case $1 in
	slsec-*) slsec_down "$2" ;;
	macsec) macsec_down "$2" ;;
	esp) esp_down "$2" ;;
	wireguard) wg_down ;;
	esac
}
