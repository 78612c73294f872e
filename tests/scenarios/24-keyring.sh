#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Group keys from the kernel keyring: a "logon" key (userspace can write
# it, never read it back) and an "encrypted" key (made in the kernel,
# sealed by a master key), by description and by serial, end to end; and
# a clear refusal for each way a keyring key can be wrong; and none of
# them accepted once the namespace requires sealed keys.
. "$(dirname "$0")/lib/lib.sh"

setup_air 1 2
head -c 16 /dev/urandom >"$tmp/k16"
head -c 20 /dev/urandom >"$tmp/k20"
head -c 32 /dev/urandom >"$tmp/kmk"
G=239.6.6.1 G2=239.6.6.2 G3=ff05::6:3 GX=239.6.6.9
KR=@u	# the user keyring: the same in every network namespace

for i in 1 2; do
	ue_batch $i <<-EOF
	group add dev air0 addr $G sender $i
	group add dev air0 addr $G2 sender $i
	group add dev air0 addr $G3 sender $i alg chacha20-poly1305
	group add dev air0 addr $GX sender $i
	EOF
done

# talk ADDR: ue1 sends 5 datagrams to ADDR; ue2 must get all intact.
talk() {
	local f=$tmp/r-$1 rc=0
	recv_start 2 "$1" "$f" --count 5 || return 1
	in_ue 1 "$PY" "$HERE/mcast.py" send --group "$1" --count 5 || rc=1
	recv_wait
	grep -q "^received 5 intact 5" "$f" || { cat "$f"; rc=1; }
	return $rc
}

pretty "a logon key: written once, never readable from userspace"
logon=$(keyctl padd logon slsec:g1 $KR <"$tmp/k16")
check "logon key slsec:g1 created" test -n "$logon"
check_fails "userspace cannot read it back" keyctl pipe "$logon"
for i in 1 2; do
	check "ue$i: key add keyring slsec:g1" \
		ue_slsec $i key add dev air0 addr $G id 1 keyring slsec:g1
done
check "traffic under the logon key" talk $G
for i in 1 2; do
	check "ue$i: key add keyid $logon" \
		ue_slsec $i key add dev air0 addr $G2 id 1 keyid "$logon"
done
check "traffic under the same key by serial" talk $G2

pretty "an encrypted key sealed by a master key"
keyctl padd user slsec:kmk $KR <"$tmp/kmk" >/dev/null
enc=$(keyctl add encrypted slsec:g3 "new default user:slsec:kmk 32" $KR)
check "encrypted key slsec:g3 created (32 random bytes, kernel-made)" test -n "$enc"
check_output "userspace sees only the sealed blob" "^default user:slsec:kmk 32 " keyctl print "$enc"
for i in 1 2; do
	check "ue$i: key add keyring encrypted:slsec:g3" \
		ue_slsec $i key add dev air0 addr $G3 id 1 keyring encrypted:slsec:g3
done
check "traffic under the encrypted key (ChaCha20-Poly1305)" talk $G3

pretty "refusals"
before=$(ue_slsec 1 group show)
user=$(keyctl padd user slsec:u $KR <"$tmp/k16")
check_output "a user key is refused (it can be read back)" 'not a "logon" or "encrypted" key' \
	ue_slsec 1 key add dev air0 addr $GX id 1 keyid "$user"
check_output "no such logon key" "no usable key of that type" \
	ue_slsec 1 key add dev air0 addr $GX id 1 keyring slsec:nosuch
check_output "a key of the wrong type is not found" "no usable key of that type" \
	ue_slsec 1 key add dev air0 addr $GX id 1 keyring encrypted:slsec:g1
short=$(keyctl padd logon slsec:short $KR <"$tmp/k20")
check_output "wrong length refused" "key length does not match" \
	ue_slsec 1 key add dev air0 addr $GX id 1 keyring slsec:short
rev=$(keyctl padd logon slsec:rev $KR <"$tmp/k16")
keyctl revoke "$rev"
check_output "revoked key refused" "revoked" \
	ue_slsec 1 key add dev air0 addr $GX id 1 keyring slsec:rev
exp=$(keyctl padd logon slsec:exp $KR <"$tmp/k16")
keyctl timeout "$exp" 1
sleep 2
check_output "expired key refused (the keyring search skips it)" "none, or expired" \
	ue_slsec 1 key add dev air0 addr $GX id 1 keyring slsec:exp
nop=$(keyctl padd logon slsec:noperm $KR <"$tmp/k16")
keyctl setperm "$nop" 0
check_output "a key the caller may not search is refused" "may not use|no usable key" \
	ue_slsec 1 key add dev air0 addr $GX id 1 keyring slsec:noperm
check_output "a key source is required, only one" "exactly one of" \
	ue_slsec 1 key add dev air0 addr $GX id 1 keyring slsec:g1 keyfile "$tmp/k16"
check_eq "nothing was installed by the refusals" "$before" "$(ue_slsec 1 group show)"
check "no key bytes in any output" sh -c "! { \"$SLSEC_TOOL\" -n $NS_PREFIX-ue1 -j key show; \
	\"$SLSEC_TOOL\" -n $NS_PREFIX-ue1 key show; } | grep -qi '$(od -An -tx1 "$tmp/k16" | tr -d ' \n')'"

pretty "require-sealed: no keyring key is a group key or a KEK any more"
# A logon key's payload is what userspace wrote with keyctl padd; an
# encrypted key's plaintext is chosen by whoever holds the master key.
planted=$(keyctl padd logon slsec:planted $KR <"$tmp/k16")
pkek=$(keyctl padd logon slsec:pkek $KR <"$tmp/kmk")
check "ue2: config set require-sealed on" ue_slsec 2 config set require-sealed on
before=$(printf 'group show\nkek show\n' | ue_batch 2)
check_output "a logon key planted with keyctl padd is refused" \
	"require-sealed: group keys come only from sealed bundles" \
	ue_slsec 2 key add dev air0 addr $GX id 1 keyring slsec:planted
check_output "by serial too" "require-sealed: group keys come only from sealed bundles" \
	ue_slsec 2 key add dev air0 addr $GX id 1 keyid "$planted"
check_output "an encrypted key is refused" "require-sealed: group keys come only from sealed bundles" \
	ue_slsec 2 key add dev air0 addr $GX id 1 keyring encrypted:slsec:g3
check_output "a KEK from the keyring is refused" "require-sealed: no KEK can be added any more" \
	ue_slsec 2 kek add id 1 device 2 keyring slsec:pkek
check_eq "nothing was installed by the refusals" "$before" "$(printf 'group show\nkek show\n' | ue_batch 2)"
check "ue1, not in the mode, still takes the same logon key" \
	ue_slsec 1 key add dev air0 addr $GX id 1 keyring slsec:planted
check "and the same KEK" ue_slsec 1 kek add id 1 device 1 keyring slsec:pkek

for k in "$logon" "$enc" "$user" "$short" "$nop" "$planted" "$pkek"; do keyctl unlink "$k" $KR >/dev/null 2>&1; done
keyctl unlink "$(keyctl search $KR user slsec:kmk)" $KR >/dev/null 2>&1
for i in 1 2; do $IP netns del "$NS_PREFIX-ue$i"; done
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
