#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The tool's command shape: -batch (from a file and from stdin, comments,
# quotes, the line that failed, -force, global options on every line, no
# state carried from one line to the next, stdin taken by the batch) and
# the one dispatcher (help on stdout, the default of each object, the
# message and exit code of an unknown command).
. "$(dirname "$0")/lib/lib.sh"

check "insmod slsec.ko" load_slsec
air_setup 1 2
OBJECTS="group key sender monitor kek bundle config stats info"
dir=$(mktemp -d)
umask 077
printf '000102030405060708090a0b0c0d0e0f\n' >"$dir/k 1.hex"
printf '0f0e0d0c0b0a09080706050403020100\n' >"$dir/k2.hex"

# show1 ARGS...: the text of "ARGS" in UE 1.
show1() { ue_slsec 1 "$@" 2>&1; }

cat >"$dir/setup" <<EOT
# a comment line, then a blank one

group add dev air0 addr 239.1.1.1 sender 1 permissive   # trailing comment
	group add dev air0 addr 239.1.1.2 sender 1
key add dev air0 addr 239.1.1.1 id 1 keyfile "$dir/k 1.hex" pending
key add dev air0 addr 239.1.1.1 id 2 keyfile '$dir/k2.hex'
EOT
check "batch from a file: comments, blank lines, quoted path with a blank" \
	ue_slsec 1 -batch "$dir/setup"
check_output "its groups are bound" "dev air0 addr 239.1.1.2 sender 1" \
	show1 group show
check_output "a quoted key file path was one word" \
	"addr 239.1.1.1 id 1 alg aes-gcm-128 state pending" show1 key show
check_output "the mode of line 3 did not carry over to line 4" \
	"addr 239.1.1.2 sender 1 alg aes-gcm-128 replay-window 1024 strict" \
	show1 group show dev air0 addr 239.1.1.2
check_output "the activation of line 5 did not carry over to line 6" \
	"addr 239.1.1.1 id 2 alg aes-gcm-128 state active" show1 key show

check "batch from stdin" ue_batch 2 <<EOT
group add dev air0 addr 239.2.2.2 sender 2
key add dev air0 addr 239.2.2.2 id 1 keyfile $dir/k2.hex
EOT
check_output "stdin batch applied" "addr 239.2.2.2 id 1 alg aes-gcm-128 state active" \
	ue_slsec 2 key show
check_output "a quoted word with a blank stays one argument" \
	'device "no such0" does not exist' \
	sh -c "echo 'group add dev \"no such0\" addr 239.1.1.9 sender 1' | \"$SLSEC_TOOL\" -batch -"
check_output "an unterminated quote fails its line" \
	"unterminated quoted string.*Command failed -:1" \
	sh -c "echo 'group show dev \"air0' | \"$SLSEC_TOOL\" -n $NS_PREFIX-ue1 -batch - 2>&1 | tr '\n' ' '"

cat >"$dir/fail" <<EOT
group add dev air0 addr 239.3.3.1 sender 1
# line 2: a comment still counts
group add dev air0 addr 239.1.1.1 sender 1
group add dev air0 addr 239.3.3.4 sender 1
EOT
check_output "an error at line 3 is reported after the kernel's message" \
	"Error: group already bound on this device.*Command failed $dir/fail:3" \
	sh -c "\"$SLSEC_TOOL\" -n $NS_PREFIX-ue1 -batch $dir/fail 2>&1 | tr '\n' ' '"
ue_slsec 1 -batch "$dir/fail" >/dev/null 2>&1
check_eq "a failed batch exits 1 (the kernel error alone would be 2)" 1 $?
check_output "the line before it was applied" "addr 239.3.3.1 " show1 group show
check "nothing after it was" \
	sh -c "! \"$SLSEC_TOOL\" -n $NS_PREFIX-ue1 group show | grep -q 239.3.3.4"
ue_slsec 1 group del dev air0 addr 239.3.3.1
check_output "-force runs every line and reports the failed one" \
	"Command failed $dir/fail:3" ue_slsec 1 -force -batch "$dir/fail"
check_eq "-force still exits 1" 1 "$last_rc"
check_output "-force: the line after the error was applied" "addr 239.3.3.4 " \
	show1 group show
check_output "a key from stdin inside a stdin batch is refused" \
	"cannot read a key from standard input: the batch is read from it" \
	ue_batch 1 <<<"key add dev air0 addr 239.1.1.2 id 9 keyfile -"
check_eq "and exits 1" 1 "$last_rc"
check "a key from stdin inside a batch file is read" sh -c \
	"echo 'key add dev air0 addr 239.1.1.2 id 9 keyfile -' >$dir/stdin-key &&
	 \"$SLSEC_TOOL\" -n $NS_PREFIX-ue1 -batch $dir/stdin-key <$dir/k2.hex"

# Global options before -batch apply to every line.
out=$(ue_batch 2 -j <<EOT
group show
key show dev air0
info
EOT
)
check_eq "-j: one JSON document per line" 3 "$(echo "$out" | "$PY" -c '
import json, sys
print(sum(1 for l in sys.stdin if l.strip() and json.loads(l) is not None))')"
check_output "-n: every line acted in ue2" '"addr":"239.2.2.2"' echo "$out"
check "-n: nothing of ue2 in ue1" \
	sh -c "! \"$SLSEC_TOOL\" -n $NS_PREFIX-ue1 key show | grep -q 239.2.2.2"

# The dispatcher: help, defaults, unknown commands, for every object.
for o in $OBJECTS; do
	check_output "$o help: usage on stdout" "^Usage: slsec $o " \
		sh -c "\"$SLSEC_TOOL\" $o help 2>/dev/null"
	check_eq "$o help exits 0" 0 "$last_rc"
	check_output "$o: unknown command" \
		"^Command \"bogus\" is unknown, try \"slsec $o help\"\.$" \
		ue_slsec 1 $o bogus
	check_eq "$o bogus exits 1" 1 "$last_rc"
done
# json1 ARGS...: UE 1's JSON without the times that move between calls.
json1() { ue_slsec 1 -j "$@" | sed -E 's/"(age|active_for)_ms":[0-9]+,?//g'; }
for o in group key kek stats info; do
	check_eq "slsec $o alone is $o show" "$(json1 $o show)" "$(json1 $o)"
done
check_output "...and shows something" '"addr":"239.1.1.1","id":1' json1 key
check_output "slsec sender alone is sender show (which needs the group)" \
	'"dev DEV" is required' ue_slsec 1 sender
check_eq "slsec sender exits 1, as sender show" 1 "$last_rc"
for o in bundle config; do
	check_output "slsec $o alone (no show): its usage" "^Usage: slsec $o " \
		ue_slsec 1 $o
	check_eq "slsec $o alone exits 1" 1 "$last_rc"
done
timeout 2 "$SLSEC_TOOL" -n "$NS_PREFIX-ue1" monitor >/dev/null 2>&1
check_eq "slsec monitor alone listens (stopped by timeout)" 124 $?
check_output "slsec help: on stdout" "-batch FILE" \
	sh -c "\"$SLSEC_TOOL\" help 2>/dev/null"
check_output "unknown object" '^Object "bogus" is unknown, try "slsec help"\.$' \
	slsec bogus
check_eq "unknown object exits 1" 1 "$last_rc"

rm -rf "$dir"
netns_cleanup
check "rmmod" rmmod slsec
finish
