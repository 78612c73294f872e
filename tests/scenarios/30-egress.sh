#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Egress fails closed.  Group traffic must never leave a bound device
# unsealed, whatever path brings it there:
#  (a) a relay: ue1 forwards multicast from a source namespace onto its
#      air device by kernel multicast routing (MFC entries, mroute.py):
#      sealed on FORWARD with ue1's sender id and opened by ue2; forwarded
#      fragments, which cannot be sealed one by one, are dropped and
#      counted (tx_drop_unsealed);
#  (b) datagrams sent through a VLAN, a VLAN on that VLAN (a tag in the
#      frame) and a macvlan on the air device: dropped at the device's
#      egress hook, each counted, while IGMP / MLD reports to the group
#      and traffic to other groups through the same upper devices pass;
#      with the group deleted, the hook goes and the traffic passes;
#  (c) ue1's own datagrams on the air device: sealed and opened as ever.
# A capture on ue1's side of the air link is searched for the plaintext
# marker of each datagram sent to a group.  Both IPv4 and IPv6.
#
# +-------------+      +-------------------------------+   +----------------+
# | src         |      | ue1: the relay                |   | ue2            |
# |             | veth |                               |   |                |
# | s0 ---------+------+- in0 10.1.0.2/24, fd01::2/64  |   | air0 10.0.0.2  |
# | 10.1.0.1/24 |      |    | MFC in0 -> air0          |   | routes to      |
# | fd01::1/64  |      |    v (mroute.py)              |   | 10.1.0.0/24,   |
# +-------------+      | air0 10.0.0.1/24, fd00::1/64  |   | fd01::/64 via  |
#                      | +- air0.5 vlan 5     10.5.0.1 |   | ue1            |
#                      | | +- air0.5.7 vlan 7 10.6.0.1 |   |                |
#                      | +- mv0 macvlan       10.7.0.1 |   |                |
#                      +--------------+----------------+   +-------+--------+
#                                     | veth                       | veth
#                      +--------------+----------------------------+--------+
#                      | air          p1 (tcpdump)                 p2       |
#                      |              +------------ br0 -----------+        |
#                      +----------------------------------------------------+
#
# The upper devices also have fd05::1, fd06::1 and fd07::1 (/64); at
# the end a dummy device d0 in ue1 comes and goes.
. "$(dirname "$0")/lib/lib.sh"

setup_air 1 2
src="$NS_PREFIX-src"
printf '000102030405060708090a0b0c0d0e0f\n' >"$tmp/k1"
G4=239.3.3.3 G6=ff05::3:3

# The source: a namespace behind ue1 (s0 -- in0).
netns_add src
$IP -n "$src" link add s0 type veth peer name in0 netns "$NS_PREFIX-ue1"
$IP -n "$src" addr add 10.1.0.1/24 dev s0
$IP -n "$src" addr add fd01::1/64 dev s0 nodad
$IP -n "$src" link set s0 up
in_ue 1 $IP addr add 10.1.0.2/24 dev in0
in_ue 1 $IP addr add fd01::2/64 dev in0 nodad
in_ue 1 $IP link set in0 up
in_ue 2 $IP route add 10.1.0.0/24 via 10.0.0.1
in_ue 2 $IP route add fd01::/64 via fd00::1

for i in 1 2; do bind_keyed $i "$tmp/k1" $G4 $G6; done

# Everything ue1 puts on the air, from the far end of its link.
capture_start "$air" "$tmp/air.pcap" -i p1 -s 0

s1() { stat 1 "$1" "$2"; }
mroute() { "$PY" "$HERE/mroute.py" "$@"; }
# marks ADDR: plaintext markers in captured frames to ADDR, tagged or not.
marks() {
	tcpdump -A -r "$tmp/air.pcap" "dst host $1 or (vlan and (dst host $1 or (vlan and dst host $1)))" \
		2>/dev/null | grep -c SLSEC-PLAIN-MARK
}

# --- (c) this host's own datagrams: sealed at LOCAL_OUT ---------------
for G in $G4 $G6; do
	recv_start 2 $G "$tmp/c$G" --count 10
	check "ue1 sends 10 to $G on air0" in_ue 1 "$PY" "$HERE/mcast.py" send \
		--group $G --count 10 --size 200
	recv_wait
	check_output "$G: ue2 opened all 10" "^received 10 intact 10" cat "$tmp/c$G"
	check_eq "$G: ue1 sealed 10, none dropped unsealed" "10 0" \
		"$(s1 $G tx_packets) $(s1 $G tx_drop_unsealed)"
	ue_slsec 1 stats reset dev air0 addr $G
done

# --- (a) a relay: forwarded onto air0 by multicast routing ------------
in_ue 1 "$PY" "$HERE/mroute.py" mfc --iif in0 --oif air0 \
	--route 10.1.0.1,$G4 --route fd01::1,$G6 \
	--ready "$tmp/mfc.ready" --stop "$tmp/mfc.stop" >"$tmp/mfc.log" 2>&1 &
mfc=$!
for _ in $(seq 50); do [ -e "$tmp/mfc.ready" ] && break; sleep 0.1; done
check "ue1 routes multicast in0 -> air0 (MRT_ADD_MFC, MRT6_ADD_MFC)" test -e "$tmp/mfc.ready"
for G in $G4 $G6; do
	recv_start 2 $G "$tmp/f$G" --count 10
	check "the source sends 10 to $G through ue1" $IP netns exec "$src" \
		"$PY" "$HERE/mroute.py" send --group $G --dev s0 --count 10 --size 200
	recv_wait
	check_output "$G forwarded: ue2 opened all 10" "^received 10 intact 10" cat "$tmp/f$G"
	check_eq "$G forwarded: ue1 sealed 10 (FORWARD), none dropped" "10 0" \
		"$(s1 $G tx_packets) $(s1 $G tx_drop_unsealed)"
	check_output "$G forwarded: ue2 heard them under ue1's sender id" \
		"sender 1 key 1 epoch 0 next-pn 20" ue_slsec 2 sender show dev air0 addr $G
	# 3000 bytes: three fragments each (MTU 1500), forwarded one by one.
	check "the source sends 2 x 3000 bytes (fragmented) to $G" $IP netns exec "$src" \
		"$PY" "$HERE/mroute.py" send --group $G --dev s0 --count 2 --size 3000
	sleep 0.5
	check_eq "$G forwarded fragments: 6 dropped unsealed, none sealed" "6 10" \
		"$(s1 $G tx_drop_unsealed) $(s1 $G tx_packets)"
	ue_slsec 1 stats reset dev air0 addr $G
done
: >"$tmp/mfc.stop"; wait $mfc

# --- (b) upper devices on air0 ----------------------------------------
in_ue 1 $IP link add link air0 name air0.5 type vlan id 5
in_ue 1 $IP link add link air0.5 name air0.5.7 type vlan id 7
in_ue 1 $IP link add link air0 name mv0 type macvlan mode private
n6=5
for d in air0.5 air0.5.7 mv0; do
	in_ue 1 $IP addr add 10.$n6.0.1/24 dev $d
	in_ue 1 $IP addr add fd0$n6::1/64 dev $d nodad
	in_ue 1 $IP link set $d up
	n6=$((n6 + 1))
done
# Reports to the group's own address: IGMPv2, MLDv1.
in_ue 1 sh -c 'echo 2 >/proc/sys/net/ipv4/conf/air0.5/force_igmp_version &&
	echo 1 >/proc/sys/net/ipv6/conf/air0.5/force_mld_version'
i=0
for d in air0.5 air0.5.7 mv0; do
	i=$((i + 1))
	for G in $G4 $G6; do
		check "ue1 sends 5 to $G through $d" in_ue 1 "$PY" "$HERE/mcast.py" send \
			--group $G --dev $d --count 5 --size 200 --ignore-errors
		check_eq "$G through $d: each dropped unsealed, none sealed" "$((5 * i)) 0" \
			"$(s1 $G tx_drop_unsealed) $(s1 $G tx_packets)"
	done
	check "ue1 sends 3 to other groups through $d" sh -c "
		$IP netns exec $NS_PREFIX-ue1 $PY $HERE/mcast.py send --group 239.9.9.$i --dev $d --count 3 &&
		$IP netns exec $NS_PREFIX-ue1 $PY $HERE/mcast.py send --group ff05::9:$i --dev $d --count 3"
done
# ue1 joins both groups on the VLAN: its reports, to the group's address.
for G in $G4 $G6; do
	in_ue 1 "$PY" "$HERE/mcast.py" recv --group $G --dev air0.5 --timeout 3 \
		>/dev/null 2>&1 &
	joins="${joins:-} $!"
done
# shellcheck disable=SC2086
wait $joins
check_eq "the joins' reports are not dropped" "15 15" \
	"$(s1 $G4 tx_drop_unsealed) $(s1 $G6 tx_drop_unsealed)"

# With the groups deleted, the hook is gone: the same datagrams pass.
ue_slsec 1 group del dev air0 addr $G4
ue_slsec 1 group del dev air0 addr $G6
for G in $G4 $G6; do
	check "group deleted: ue1 sends 2 to $G through air0.5" in_ue 1 "$PY" \
		"$HERE/mcast.py" send --group $G --dev air0.5 --count 2
done
sleep 1
capture_stop

for G in $G4 $G6; do
	check_eq "the marker of $G crossed the air only after the group was deleted" 2 "$(marks $G)"
done
check_output "sealed frames crossed the air (ip proto 253)" "proto unknown \(253\)|ip-proto-253|next-header unknown \(253\)|ip6-proto-253" \
	sh -c "tcpdump -nv -r $tmp/air.pcap 2>/dev/null"
for i in 1 2 3; do
	check_eq "other groups through upper device $i crossed in the clear" 6 \
		"$(($(marks 239.9.9.$i) + $(marks ff05::9:$i)))"
done
check_output "IGMPv2 report for $G4 on the VLAN left in the clear" "igmp v2 report $G4" \
	sh -c "tcpdump -n -r $tmp/air.pcap 'vlan and dst host $G4' 2>/dev/null"
check_output "MLDv1 report for $G6 on the VLAN left in the clear" "multicast listener report" \
	sh -c "tcpdump -n -r $tmp/air.pcap 'vlan and dst host $G6' 2>/dev/null"

# A device's removal takes its groups and its hook along.
in_ue 1 $IP link add d0 type dummy
in_ue 1 $IP link set d0 up
check "a group on a dummy device" ue_slsec 1 group add dev d0 addr $G4 sender 1
check "the dummy device goes" in_ue 1 $IP link del d0
check_eq "its group went with it" 0 \
	"$(groups_of 1)"

for ns in src ue1 ue2; do $IP netns del "$NS_PREFIX-$ns"; done
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
