#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The asynchronous AEAD path end to end (crypto_async=1 sends every seal
# and open through cryptd), keys added and removed while a group is in
# use, and teardown under traffic: deleting a group, deleting a namespace
# and unloading the module while datagrams are being sealed and opened.
#
# Forced asynchronous crypto runs on the debug kernel only: Debian's
# kernel self-tests every new crypto instance, and 6.1's test manager
# WARNs that cryptd "corrupted the request struct" (cryptd swaps the
# request's callback while it runs), which panic_on_warn makes fatal.
# The stock kernel runs the same steps synchronously.
. "$(dirname "$0")/lib/lib.sh"

async=0
[ "${SLSEC_MODE:-}" = debug ] && async=1
async=${SLSEC_ASYNC:-$async}
check "insmod slsec.ko crypto_async=$async" load_slsec crypto_async=$async
air_setup 1 2 3
tmp=$(mktemp -d)
umask 077
printf '000102030405060708090a0b0c0d0e0f\n' >"$tmp/k1"
printf '101112131415161718191a1b1c1d1e1f\n' >"$tmp/k2"
G=239.3.3.3 G6=ff05::3:3
cat "$tmp/k1" "$tmp/k2" | tr -d '\n' >"$tmp/k32"
for i in 1 2 3; do
	ue_batch $i <<-EOF
	group add dev air0 addr $G sender $i grace 10m
	key add dev air0 addr $G id 1 keyfile "$tmp/k1"
	group add dev air0 addr $G6 sender $i alg aes-gcm-256
	key add dev air0 addr $G6 id 1 keyfile "$tmp/k32"
	EOF
done

recv_start 2 $G "$tmp/r2" --count 20
recv_start 3 $G6 "$tmp/r3" --count 10
recv_start 1 $G "$tmp/r1" --count 20
check "$([ $async = 1 ] && echo async || echo sync): ue1 sends 20 IPv4" in_ue 1 "$PY" "$HERE/mcast.py" send --group $G --count 20 --size 600
check "$([ $async = 1 ] && echo async || echo sync): ue1 sends 10 IPv6 (AES-GCM-256)" in_ue 1 "$PY" "$HERE/mcast.py" send --group $G6 --count 10 --size 2000
recv_wait
check_output "$([ $async = 1 ] && echo async || echo sync): IPv4 all intact" "^received 20 intact 20" cat "$tmp/r2"
check_output "$([ $async = 1 ] && echo async || echo sync): IPv6 all intact" "^received 10 intact 10" cat "$tmp/r3"
check_output "$([ $async = 1 ] && echo async || echo sync): loopback copy intact" "^received 20 intact 20" cat "$tmp/r1"

# A newer key takes over sending; the older one is still accepted.
for i in 1 2 3; do ue_slsec $i key add dev air0 addr $G id 2 keyfile "$tmp/k2"; done
check_output "the newest key sends" "keys 1 2 tx-key 2" ue_slsec 1 group show dev air0 addr $G
recv_start 2 $G "$tmp/n2" --count 5
check "ue1 sends under key 2" in_ue 1 "$PY" "$HERE/mcast.py" send --group $G --count 5
recv_wait
check_output "received under key 2" "^received 5 intact 5" cat "$tmp/n2"
check_output "ue2 holds sender 1's state under both keys" \
	"sender 1 key 1 epoch 0 next-pn 20 install 0x[0-9a-f]{16} restarts 0 forgeries 0 key 2 epoch 0 next-pn 5 install 0x[0-9a-f]{16} restarts 0 forgeries 0" \
	ue_slsec 2 sender show dev air0 addr $G
check_output "deleting the active key without a successor is refused" \
	"no pending key can take over" ue_slsec 1 key del dev air0 addr $G id 2
check "ue1 installs key 3 pending" ue_slsec 1 key add dev air0 addr $G id 3 keyfile "$tmp/k1" pending
check "ue1 deletes key 2: pending key 3 takes over" ue_slsec 1 key del dev air0 addr $G id 2
check_output "key 3 sends" "keys 1 3 tx-key 3" ue_slsec 1 group show dev air0 addr $G
check "ue1 deletes key 3 (forced)" ue_slsec 1 key del dev air0 addr $G id 3 force
check_output "nothing sends now" "keys 1 max-senders" ue_slsec 1 group show dev air0 addr $G
check_output "a retiring key cannot send again" "retiring and cannot send again" \
	ue_slsec 1 key set dev air0 addr $G id 1 active
check "ue1 deletes retiring key 1 (no force needed)" ue_slsec 1 key del dev air0 addr $G id 1
check "ue1 installs key 1 anew (new bytes), active" ue_slsec 1 key add dev air0 addr $G id 1 keyfile "$tmp/k2"
check "ue2 deletes key 1" ue_slsec 2 key del dev air0 addr $G id 1
recv_start 2 $G "$tmp/d2"
check "ue1 sends under key 1" in_ue 1 "$PY" "$HERE/mcast.py" send --group $G --count 4
recv_wait
check_output "ue2 without key 1 receives nothing" "^received 0 intact 0" cat "$tmp/d2"
check_eq "counted as revoked-key drops" 4 "$(stat 2 $G rx_drop_revoked_key)"
check_output "its state under key 1 went with the key" "sender 1 key 2 epoch 0 next-pn 5 install 0x[0-9a-f]{16} restarts 0 forgeries 0$" \
	ue_slsec 2 sender show dev air0 addr $G
check_eq "no frame dropped for lack of memory anywhere" "0 0 0" \
	"$(stat 1 $G tx_drop_nomem) $(stat 2 $G rx_drop_nomem) $(stat 3 $G rx_drop_nomem)"

# Teardown under traffic.
in_ue 1 "$PY" "$HERE/mcast.py" send --group $G --duration 6 --interval 0.001 \
	--ignore-errors >"$tmp/bg1" 2>&1 &
bg1=$!
in_ue 2 "$PY" "$HERE/mcast.py" send --group $G6 --duration 6 --interval 0.001 \
	--ignore-errors >"$tmp/bg2" 2>&1 &
bg2=$!
sleep 2
check "group deleted under traffic" ue_slsec 2 group del dev air0 addr $G
check "and added back with its key" sh -c "\"$SLSEC_TOOL\" -n $NS_PREFIX-ue2 group add dev air0 addr $G sender 2 &&
	\"$SLSEC_TOOL\" -n $NS_PREFIX-ue2 key add dev air0 addr $G id 1 keyfile $tmp/k1"
check "namespace with groups deleted under traffic" $IP netns del "$NS_PREFIX-ue3"
sleep 1
check "module unloaded under traffic" rmmod slsec
wait $bg1 $bg2
check "module loads again" load_slsec
check_output "and starts empty" "groups 0" ue_slsec 1 info

for ns in 1 2; do $IP netns del "$NS_PREFIX-ue$ns"; done
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
