#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Protected key distribution: a group manager seals one bundle per UE
# under that UE's KEK; each UE applies its own and the group talks.  Every
# way a bundle can be wrong is refused with its reason and counter, and
# nothing is half-applied.  The require-sealed mode refuses raw keys.
. "$(dirname "$0")/lib.sh"

check "insmod slsec.ko" load_slsec
air_setup 1 2 3
netns_add mgr
tmp=$(mktemp -d)
umask 077
for i in 1 2 3; do head -c 32 /dev/urandom >"$tmp/kek$i"; done
head -c 16 /dev/urandom >"$tmp/gk1"
head -c 16 /dev/urandom >"$tmp/gk2"
G=239.7.7.7

# seal UE SEQ ARGS...: the manager seals a bundle for UE under its KEK.
seal() {
	local ue=$1 seq=$2
	shift 2
	$IP netns exec "$NS_PREFIX-mgr" "$SLSEC_TOOL" bundle seal \
		kekfile "$tmp/kek$ue" kek-id 1 device "$ue" seq "$seq" addr $G \
		sender "$ue" "$@"
}
# bstat N NAME: UE N's bundle counter NAME.
bstat() {
	ue_slsec "$1" -j info | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["bundles"][sys.argv[1]])' "$2"
}

pretty "the manager seals, each UE applies its own"
for i in 1 2 3; do
	check "ue$i: kek add id 1 device $i" ue_slsec $i kek add id 1 device $i keyfile "$tmp/kek$i"
	seal $i 1 id 1 keyfile "$tmp/gk1" hard-time 1h >"$tmp/b$i"
	check_eq "the manager sealed ue$i's bundle: 176 bytes" 176 "$(wc -c <"$tmp/b$i")"
done
check_output "seal refuses to write binary to a terminal or without a key" "required|terminal" \
	$IP netns exec "$NS_PREFIX-mgr" "$SLSEC_TOOL" bundle seal kekfile "$tmp/kek1" kek-id 1 device 1 seq 1 addr $G sender 1 id 1
for i in 1 2 3; do
	check "ue$i applies its bundle" ue_slsec $i bundle apply dev air0 "$tmp/b$i"
	check_output "ue$i: group made with the bundle's sender id, key 1 active" \
		"addr $G sender $i alg aes-gcm-128 .* keys 1 tx-key 1 " ue_slsec $i group show
done
check_output "the bundle's lifetime is the key's" "hard-time 3600s" ue_slsec 2 key show
recv_start 2 $G "$tmp/r2" --count 5
recv_start 3 $G "$tmp/r3" --count 5
check "ue1 sends 5" in_ue 1 "$PY" "$HERE/mcast.py" send --group $G --count 5
recv_wait
check_output "ue2 got all 5" "^received 5 intact 5" cat "$tmp/r2"
check_output "ue3 got all 5" "^received 5 intact 5" cat "$tmp/r3"

pretty "refusals, each with its reason and counter"
before=$(ue_slsec 2 group show; ue_slsec 3 group show)
check_output "a replayed bundle is refused" "not newer than the last one applied" \
	ue_slsec 2 bundle apply dev air0 "$tmp/b2"
check_eq "counted as replay" 1 "$(bstat 2 replay)"
check_output "ue2's bundle on ue3 does not authenticate" "does not authenticate" \
	ue_slsec 3 bundle apply dev air0 "$tmp/b2"
check_eq "counted as auth" 1 "$(bstat 3 auth)"
seal 3 5 id 1 keyfile "$tmp/gk1" >"$tmp/b3dev2"
$IP netns exec "$NS_PREFIX-mgr" "$SLSEC_TOOL" bundle seal kekfile "$tmp/kek3" kek-id 1 \
	device 2 seq 7 addr $G sender 3 id 2 keyfile "$tmp/gk2" >"$tmp/bwrongdev"
check_output "a bundle for another device is refused" "sealed for another device" \
	ue_slsec 3 bundle apply dev air0 "$tmp/bwrongdev"
head -c 100 "$tmp/b3dev2" >"$tmp/btrunc"
check_output "a truncated bundle is malformed" "malformed bundle" \
	ue_slsec 3 bundle apply dev air0 "$tmp/btrunc"
"$PY" -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[60] ^= 1; open(sys.argv[2], "wb").write(b)' \
	"$tmp/b3dev2" "$tmp/bflip"
check_output "a modified bundle does not authenticate" "does not authenticate" \
	ue_slsec 3 bundle apply dev air0 "$tmp/bflip"
$IP netns exec "$NS_PREFIX-mgr" "$SLSEC_TOOL" bundle seal kekfile "$tmp/kek3" kek-id 9 \
	device 3 seq 8 addr $G sender 3 id 2 keyfile "$tmp/gk2" >"$tmp/bnokek"
check_output "a bundle under an unknown KEK is refused" "KEK this device does not hold" \
	ue_slsec 3 bundle apply dev air0 "$tmp/bnokek"
$IP netns exec "$NS_PREFIX-mgr" "$SLSEC_TOOL" bundle seal kekfile "$tmp/kek3" kek-id 1 \
	device 3 seq 9 addr $G sender 3 id 2 alg aes-gcm-256 keyfile "$tmp/gk2" >"$tmp/blen"
check_output "a key length that does not match the algorithm is refused" "key length does not match" \
	ue_slsec 3 bundle apply dev air0 "$tmp/blen"
$IP netns exec "$NS_PREFIX-mgr" "$SLSEC_TOOL" bundle seal kekfile "$tmp/kek3" kek-id 1 \
	device 3 seq 10 addr $G sender 7 id 2 keyfile "$tmp/gk2" >"$tmp/bsender"
check_output "a bundle whose sender id differs from the group's is refused" "another sender id" \
	ue_slsec 3 bundle apply dev air0 "$tmp/bsender"
check_eq "nothing was half-applied" "$before" "$(ue_slsec 2 group show; ue_slsec 3 group show)"
check_eq "ue3 counted each reason (2 auth: ue2's bundle, the modified one)" "2 1 1 1 1 1 1" \
	"$(bstat 3 auth) $(bstat 3 wrong_device) $(bstat 3 malformed) $(bstat 3 no_kek) $(bstat 3 bad_key) $(bstat 3 wrong_group) $(bstat 3 applied)"

pretty "rotation by bundle: key 2, activated at a shared instant"
when=$("$PY" -c 'import time; print("@%.3f" % (time.time() + 10))')
for i in 1 2 3; do
	$IP netns exec "$NS_PREFIX-mgr" "$SLSEC_TOOL" bundle seal kekfile "$tmp/kek$i" kek-id 1 \
		device $i seq 20 addr $G sender $i id 2 keyfile "$tmp/gk2" activate at "$when" \
		out "$tmp/r$i.b"
	check "ue$i applies the key-2 bundle" ue_slsec $i bundle apply dev air0 "$tmp/r$i.b"
done
check_output "key 2 is pending until its time" "id 2 alg aes-gcm-128 state pending" ue_slsec 1 key show
for i in 1 2 3; do
	check "ue$i: key 2 active at that instant" sh -c "for t in \$(seq 100); do
		\"$SLSEC_TOOL\" -n $NS_PREFIX-ue$i group show dev air0 addr $G | grep -q 'tx-key 2 ' && exit 0
		sleep 0.2; done; exit 1"
done

pretty "require-sealed mode"
check "ue3: config set require-sealed on" ue_slsec 3 config set require-sealed on
check_output "info says so" "require-sealed on" ue_slsec 3 info
check_output "a raw key is refused" "requires sealed keys" \
	ue_slsec 3 key add dev air0 addr $G id 5 keyfile "$tmp/gk1"
check_output "a raw KEK is refused too" "requires sealed keys" \
	ue_slsec 3 kek add id 2 device 3 keyfile "$tmp/kek3"
logon=$(keyctl padd logon slsec:rs @u <"$tmp/gk1")
check "a keyring key is accepted" ue_slsec 3 key add dev air0 addr $G id 5 keyring slsec:rs pending
$IP netns exec "$NS_PREFIX-mgr" "$SLSEC_TOOL" bundle seal kekfile "$tmp/kek3" kek-id 1 \
	device 3 seq 30 addr $G sender 3 id 6 keyfile "$tmp/gk1" out "$tmp/b30"
check "a bundle is accepted" ue_slsec 3 bundle apply dev air0 "$tmp/b30"
check_output "require-sealed cannot be turned off" "cannot be turned off" \
	ue_slsec 3 config set require-sealed off
keyctl unlink "$logon" @u >/dev/null 2>&1
check_output "kek show lists ids and device ids, never bytes" "^kek 1 device 3$" ue_slsec 3 kek show
check "no KEK or key bytes in any output" sh -c "! { \"$SLSEC_TOOL\" -n $NS_PREFIX-ue3 -j info; \
	\"$SLSEC_TOOL\" -n $NS_PREFIX-ue3 -j key show; \"$SLSEC_TOOL\" -n $NS_PREFIX-ue3 kek show; } |
	grep -qiE '$(od -An -tx1 "$tmp/kek3" | tr -d ' \n')|$(od -An -tx1 "$tmp/gk1" | tr -d ' \n')'"
check "kek del" ue_slsec 1 kek del id 1
check_output "a bundle needs its KEK" "does not hold" ue_slsec 1 bundle apply dev air0 "$tmp/r1.b"

for i in 1 2 3; do $IP netns del "$NS_PREFIX-ue$i"; done
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
