#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The netlink fuzzer (tests/fuzz/nlfuzz.c): seeded and bounded, in
# several namespaces at once, privileged and not.  Every refusal gives
# its reason, no refusal changes the state, no reply carries key bytes;
# the kernel stays splat-free (the run's console is checked) and leaks
# nothing.  Env: SLSEC_FUZZ_SEED, SLSEC_FUZZ_SECONDS (per context),
# SLSEC_FUZZ_ITERATIONS, SLSEC_FUZZ_PROCS.
. "$(dirname "$0")/lib/lib.sh"

fuzz=$SLSEC_REPO/tests/fuzz/nlfuzz
seed=${SLSEC_FUZZ_SEED:-1}
secs=${SLSEC_FUZZ_SECONDS:-$([ "${SLSEC_MODE:-}" = debug ] && echo 90 || echo 40)}
iters=${SLSEC_FUZZ_ITERATIONS:-100000}
procs=${SLSEC_FUZZ_PROCS:-2}

check "insmod slsec.ko" load_slsec
netns_add fuzz
out=$(mktemp)
echo "# nlfuzz -s $seed -n $iters -t $secs -p $procs"
start=$(date +%s)
$IP netns exec "$NS_PREFIX-fuzz" "$fuzz" -s "$seed" -n "$iters" -t "$secs" \
	-p "$procs" >"$out" 2>&1
rc=$?
echo "# fuzzing took $(($(date +%s) - start)) s"
tap_lines <"$out"
check_eq "nlfuzz exited 0" 0 "$rc"
check_output "every context reported" "^[0-9]+$" sh -c \
	"n=\$(grep -c 'ok - ' $out); [ \$n -eq $((procs + 4)) ] && echo \$n"
$IP netns del "$NS_PREFIX-fuzz"
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -f "$out"
finish
