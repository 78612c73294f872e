#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Length bounds on seal: sealing adds 44 bytes (wire format 2), and IPv4's
# total length and IPv6's payload length are 16 bits.  A datagram that
# would pass 65535 bytes sealed is refused before it is sealed: nothing
# of it crosses the air, tx_drop_too_big counts it and the sending socket
# gets EMSGSIZE.  The largest datagram that fits (IP length 65535 - 44)
# is still sealed, fragmented on the air and received whole.
# The air is lib.sh's with ue1 and ue2, captured on br0.
. "$(dirname "$0")/lib/lib.sh"

setup_air 1 2
printf '000102030405060708090a0b0c0d0e0f\n' >"$tmp/k1"
G4=239.33.0.1 G6=ff05::33:1
for i in 1 2; do bind_keyed $i "$tmp/k1" $G4 $G6; done

# sendto GROUP SIZE COUNT: COUNT datagrams of SIZE bytes from ue1 with a
# plain socket; prints what each sendto() returned ("sent N" or the
# errno's name), one line each.
sendto() {
	in_ue 1 "$PY" -c '
import errno, socket, sys, time
sys.path.insert(0, sys.argv[4])
import mcast
class A: pass
a = A(); a.group, a.port, a.dev = sys.argv[1], 5000, "air0"
s = mcast.open_socket(a, False)
for seq in range(int(sys.argv[3])):
    try:
        print("sent %d" % s.sendto(mcast.payload(seq, int(sys.argv[2])), (a.group, a.port)))
    except OSError as e:
        print(errno.errorcode[e.errno])
    time.sleep(0.05)' "$1" "$2" "$3" "$HERE"
}

# UDP payloads: IP length 65535 - 44 is the largest that fits sealed.
FIT4=$((65535 - 44 - 20 - 8)) FIT6=$((65535 - 44 - 8))

# capture FILE GROUP: what crosses the air to GROUP, in the background.
# Returns once the capture runs: it holds a probe ue1 sent in the clear.
# Immediate mode: a frame is in FILE once captured (see capture_start).
PROBE=239.33.9.9
capture() {
	$IP netns exec "$air" tcpdump -i br0 -U --immediate-mode -B 16384 -w "$1" -s 0 \
		"dst host $2 or dst host $PROBE" >/dev/null 2>&1 &
	cap=$!
	for _ in $(seq 100); do
		in_ue 1 bash -c "echo probe >/dev/udp/$PROBE/5000"
		[ "$(frames "$1" "dst host $PROBE")" -gt 0 ] && return 0
		sleep 0.1
	done
	echo "the capture did not start" >&2
	return 1
}
# capture_end FILE: stop the capture once FILE stops growing (a burst of
# 2 x 46 fragments takes a slow guest's tcpdump a while to write).
capture_end() {
	local n=-1 m
	for _ in $(seq 20); do
		sleep 0.5
		m=$(wc -c <"$1")
		[ "$m" = "$n" ] && break
		n=$m
	done
	kill $cap
	wait $cap 2>/dev/null
}
frames() { tcpdump -nr "$1" "$2" 2>/dev/null | wc -l; } # FILE FILTER

for fam in 4 6; do
	if [ $fam = 4 ]; then G=$G4 fit=$FIT4; else G=$G6 fit=$FIT6; fi
	pretty "IPv$fam: 65 500 bytes and one byte past the limit are refused"
	check "IPv$fam: a capture runs on the air" capture "$tmp/big$fam.pcap" $G
	recv_start 2 $G "$tmp/big$fam"
	check_eq "IPv$fam: 5 sends of 65 500 bytes, each gets EMSGSIZE" "5 EMSGSIZE" \
		"$(sendto $G 65500 5 | sort | uniq -c | awk '{ print $1, $2 }')"
	check_eq "IPv$fam: one byte past the limit ($((fit + 1))) gets EMSGSIZE" \
		EMSGSIZE "$(sendto $G $((fit + 1)) 1)"
	recv_wait
	capture_end "$tmp/big$fam.pcap"
	check_eq "IPv$fam: nothing of them crossed the air (no frame, no fragment)" 0 \
		"$(frames "$tmp/big$fam.pcap" "dst host $G")"
	check_output "IPv$fam: the receiver got none" "^received 0 intact 0" cat "$tmp/big$fam"
	check_eq "IPv$fam: tx_drop_too_big counted each, nothing sealed" "6 0" \
		"$(stat 1 $G tx_drop_too_big) $(stat 1 $G tx_packets)"

	pretty "IPv$fam: the largest datagram that fits is sealed and received whole"
	check "IPv$fam: a capture runs on the air" capture "$tmp/fit$fam.pcap" $G
	recv_start 2 $G "$tmp/fit$fam" --count 2
	check_eq "IPv$fam: 2 sends of $fit bytes (IP length 65491) succeed" \
		"2 sent $fit" "$(sendto $G $fit 2 | uniq -c | awk '{ print $1, $2, $3 }')"
	recv_wait
	capture_end "$tmp/fit$fam.pcap"
	check_output "IPv$fam: the receiver got both whole" "^received 2 intact 2" cat "$tmp/fit$fam"
	check_eq "IPv$fam: 2 sealed, 2 opened, no new refusal" "2 2 6" \
		"$(stat 1 $G tx_packets) $(stat 2 $G rx_packets) $(stat 1 $G tx_drop_too_big)"
	# 65535 bytes in 1500-byte frames: 45 fragments each (IPv6: 46).
	check_eq "IPv$fam: they crossed the air sealed, in $((fam == 4 ? 45 : 46)) fragments each" \
		$((fam == 4 ? 90 : 92)) "$(frames "$tmp/fit$fam.pcap" "dst host $G")"
	check_eq "IPv$fam: no marker on the air" 0 \
		"$(tcpdump -A -r "$tmp/fit$fam.pcap" 2>/dev/null | grep -c SLSEC-PLAIN-MARK)"
done

for ns in 1 2; do $IP netns del "$NS_PREFIX-ue$ns"; done
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
