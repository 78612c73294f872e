#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Protected key distribution: a group manager seals one bundle per UE
# under that UE's KEK; each UE applies its own and the group talks.  Every
# way a bundle can be wrong is refused with its reason and counter, and
# nothing is half-applied.  The require-sealed mode takes group keys only
# from bundles: key files, keyring keys and new KEKs are refused.
# The last sequence number applied, persisted and handed back with
# "kek add ... min-seq", keeps old bundles out across a module reload.
. "$(dirname "$0")/lib/lib.sh"

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
bstat() { ue_json "$1" "j['bundles']['$2']" info; }

pretty "the manager seals, each UE applies its own"
for i in 1 2 3; do
	check "ue$i: kek add id 1 device $i" ue_slsec $i kek add id 1 device $i keyfile "$tmp/kek$i"
	seal $i 1 id 1 keyfile "$tmp/gk1" hard-time 1h >"$tmp/b$i"
	check_eq "the manager sealed ue$i's bundle: 176 bytes" 176 "$(wc -c <"$tmp/b$i")"
done
check_output "seal refuses to write binary to a terminal or without a key" "required|terminal" \
	$IP netns exec "$NS_PREFIX-mgr" "$SLSEC_TOOL" bundle seal kekfile "$tmp/kek1" kek-id 1 device 1 seq 1 addr $G sender 1 id 1
for i in 1 2 3; do
	check_output "ue$i applies its bundle, which says kek 1 seq 1" "^kek 1 seq 1$" \
		ue_slsec $i bundle apply dev air0 "$tmp/b$i"
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

pretty "require-sealed mode: group keys only from bundles"
check "ue3: config set require-sealed on" ue_slsec 3 config set require-sealed on
check_output "info says so" "require-sealed on" ue_slsec 3 info
before=$(printf 'group show\nkek show\n' | ue_batch 3)
check_output "a raw key is refused" "require-sealed: group keys come only from sealed bundles" \
	ue_slsec 3 key add dev air0 addr $G id 5 keyfile "$tmp/gk1"
check_output "a raw KEK is refused too" "require-sealed: no KEK can be added any more" \
	ue_slsec 3 kek add id 2 device 3 keyfile "$tmp/kek3"
# A logon key's payload is whatever userspace wrote: a chosen key.
logon=$(keyctl padd logon slsec:rs @u <"$tmp/gk1")
check_output "a logon key planted with keyctl padd is refused as a group key" \
	"require-sealed: group keys come only from sealed bundles" \
	ue_slsec 3 key add dev air0 addr $G id 5 keyring slsec:rs pending
check_output "and by serial" "require-sealed: group keys come only from sealed bundles" \
	ue_slsec 3 key add dev air0 addr $G id 5 keyid "$logon" pending
kekl=$(keyctl padd logon slsec:rsk @u <"$tmp/kek3")
check_output "a logon KEK is refused: it would seal any bundle" \
	"require-sealed: no KEK can be added any more" \
	ue_slsec 3 kek add id 2 device 3 keyring slsec:rsk
check_eq "nothing was installed by the refusals" "$before" "$(printf 'group show\nkek show\n' | ue_batch 3)"
keyctl unlink "$kekl" @u >/dev/null 2>&1
$IP netns exec "$NS_PREFIX-mgr" "$SLSEC_TOOL" bundle seal kekfile "$tmp/kek3" kek-id 1 \
	device 3 seq 30 addr $G sender 3 id 6 keyfile "$tmp/gk1" out "$tmp/b30"
check "a bundle under the KEK installed before is accepted" ue_slsec 3 bundle apply dev air0 "$tmp/b30"
check_output "its key is installed" "id 6 alg aes-gcm-128 state " ue_slsec 3 key show
check_output "require-sealed cannot be turned off" "cannot be turned off" \
	ue_slsec 3 config set require-sealed off
keyctl unlink "$logon" @u >/dev/null 2>&1
check_output "kek show lists ids, device ids and the last seq applied, never bytes" \
	"^kek 1 device 3 seq 30$" ue_slsec 3 kek show
check "no KEK or key bytes in any output" sh -c "! { \"$SLSEC_TOOL\" -n $NS_PREFIX-ue3 -j info; \
	\"$SLSEC_TOOL\" -n $NS_PREFIX-ue3 -j key show; \"$SLSEC_TOOL\" -n $NS_PREFIX-ue3 kek show; } |
	grep -qiE '$(od -An -tx1 "$tmp/kek3" | tr -d ' \n')|$(od -An -tx1 "$tmp/gk1" | tr -d ' \n')'"
check "kek del" ue_slsec 1 kek del id 1
check_output "a bundle needs its KEK" "does not hold" ue_slsec 1 bundle apply dev air0 "$tmp/r1.b"

pretty "restart safety: the last sequence number outlives a module reload"
# UE2 gets KEK 2 and group G2 from three bundles; bundle 3 replaces key 2
# (say it leaked), which is then revoked.  After a reload the recorded
# bundles 1 and 2 must not bring key 2 back.  $state stands for
# /var/lib/slsec, the recipe is slsec(8)'s.
G2=239.7.7.8 state=$tmp/state
mkdir "$state"
head -c 32 /dev/urandom >"$tmp/kekr"
for k in 1 2 3; do head -c 16 /dev/urandom >"$tmp/gr$k"; done
# sealr SEQ KEYID KEYFILE: a bundle under UE2's KEK 2 for G2.
sealr() {
	$IP netns exec "$NS_PREFIX-mgr" "$SLSEC_TOOL" bundle seal kekfile "$tmp/kekr" \
		kek-id 2 device 2 seq "$1" addr $G2 sender 2 id "$2" keyfile "$3" \
		out "$tmp/rb$1"
}
sealr 1 1 "$tmp/gr1"; sealr 2 2 "$tmp/gr2"; sealr 3 3 "$tmp/gr3"
sealr 4 3 "$tmp/gr3"	# after the reload: the manager re-seals the current key
# keyids N ADDR: the key ids UE N holds in group ADDR, by number.
keyids() { ue_json "$1" "' '.join(str(k['id']) for k in j if k['addr'] == '$2')" key show; }
# persist: the recipe's "save the seq after each apply".
persist() { ue_slsec 2 kek show | awk '$2 == 2 { print $6 }' >"$state/kek-2.seq"; }
# monitor_start FILE: UE2's "slsec -j monitor" to FILE, listening on
# return.  monitor_stop N: once it printed N bundle-applied events.
monitor_start() { mon_start "$NS_PREFIX-ue2" "$1" -j; MON_FILE=$1; }
monitor_stop() {
	mon_wait "$MON_FILE" '"event":"bundle-applied"' "$1"
	mon_stop "$MON_PID"
}
# applied FILE: the bundle-applied events in FILE, as "kek K seq S id I addr A".
applied() {
	"$PY" -c 'import json,sys
for l in open(sys.argv[1]):
    try:
        e = json.loads(l)
    except ValueError:
        print("not an event: " + l.strip())
        continue
    if e["event"] == "bundle-applied":
        print("kek %s seq %s id %s addr %s" % (e.get("kek"), e.get("seq"), e.get("id"), e.get("addr")))' "$1"
}

check "ue2: kek add id 2 device 2" ue_slsec 2 kek add id 2 device 2 keyfile "$tmp/kekr"
check_output "a new KEK starts at seq 0" "^kek 2 device 2 seq 0$" ue_slsec 2 kek show
monitor_start "$tmp/mon1"
for q in 1 2 3; do
	check_output "ue2 applies bundle $q and is told kek 2 seq $q" "^kek 2 seq $q$" \
		ue_slsec 2 bundle apply dev air0 "$tmp/rb$q"
	persist
done
monitor_stop 3
check_eq "one bundle-applied event per bundle, with its KEK, seq, key id and group" \
	"kek 2 seq 1 id 1 addr $G2
kek 2 seq 2 id 2 addr $G2
kek 2 seq 3 id 3 addr $G2" "$(applied "$tmp/mon1")"
check "key 2 revoked (bundle 3 replaced it)" ue_slsec 2 key revoke dev air0 addr $G2 id 2
check_eq "keys 1 (retiring) and 3 remain" "1 3" "$(keyids 2 $G2)"
check_eq "the persisted seq is 3" 3 "$(cat "$state/kek-2.seq")"
check_eq "JSON kek show has it too" 3 \
	"$(ue_json 2 '[k["seq"] for k in j if k["id"] == 2][0]' kek show)"

# reload: what a reboot does to the kernel's state.
reload() { rmmod slsec && load_slsec; }
check "reload the module (a reboot)" reload
check "without min-seq: kek add id 2" ue_slsec 2 kek add id 2 device 2 keyfile "$tmp/kekr"
check_output "without min-seq the recorded bundle 2 applies" "^kek 2 seq 2$" \
	ue_slsec 2 bundle apply dev air0 "$tmp/rb2"
check_eq "...and the revoked key 2 is back: why the seq must be persisted" "2" "$(keyids 2 $G2)"

check "reload the module again" reload
monitor_start "$tmp/mon2"
check "kek add id 2 ... min-seq \$(cat kek-2.seq)" \
	ue_slsec 2 kek add id 2 device 2 keyfile "$tmp/kekr" min-seq "$(cat "$state/kek-2.seq")"
check_output "kek show: seq 3 before any bundle" "^kek 2 device 2 seq 3$" ue_slsec 2 kek show
replay0=$(bstat 2 replay) applied0=$(bstat 2 applied)
for q in 1 2; do
	check_output "the recorded bundle $q is refused as a replay" \
		"not newer than the last one applied" ue_slsec 2 bundle apply dev air0 "$tmp/rb$q"
	check_eq "...with exit code 2" 2 "$last_rc"
done
check_eq "the replay counter rose by exactly 2, applied by 0" "2 0" \
	"$(($(bstat 2 replay) - replay0)) $(($(bstat 2 applied) - applied0))"
check_eq "the revoked key 2 is not installed (nor any key of G2)" "" "$(keyids 2 $G2)"
check_output "the refusals left the seq at 3" "^kek 2 device 2 seq 3$" ue_slsec 2 kek show
check_output "the re-provisioned bundle 4 applies" "^kek 2 seq 4$" \
	ue_slsec 2 bundle apply dev air0 "$tmp/rb4"
monitor_stop 1
check_eq "G2 holds key 3 only" "3" "$(keyids 2 $G2)"
check_output "kek show: seq 4" "^kek 2 device 2 seq 4$" ue_slsec 2 kek show
check_eq "one event, for bundle 4 (none for the refused ones)" "kek 2 seq 4 id 3 addr $G2" \
	"$(applied "$tmp/mon2")"

pretty "min-seq refusals"
check_output "min-seq 2^64-1 is refused by the kernel, with its reason" \
	"^Error: min-seq must be below 2\^64-1" \
	ue_slsec 2 kek add id 3 device 2 keyfile "$tmp/kekr" min-seq 18446744073709551615
check_eq "...exit code 2" 2 "$last_rc"
for bad in 18446744073709551616 -1 abc 12x ""; do
	check_output "min-seq \"$bad\" is a syntax error" "^Error: invalid min-seq" \
		ue_slsec 2 kek add id 3 device 2 keyfile "$tmp/kekr" min-seq "$bad"
	check_eq "...exit code 1" 1 "$last_rc"
done
check_output "min-seq needs a value" "incomplete option" \
	ue_slsec 2 kek add id 3 device 2 keyfile "$tmp/kekr" min-seq
check_output "kek del takes no min-seq" "takes only" ue_slsec 2 kek del id 2 min-seq 3
check_output "none of them added a KEK" "^kek 2 device 2 seq 4$" ue_slsec 2 kek show
check_eq "...only KEK 2 is listed" 1 "$(ue_slsec 2 kek show | wc -l)"

for i in 1 2 3; do $IP netns del "$NS_PREFIX-ue$i"; done
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
