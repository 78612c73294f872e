#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make stress: the long versions of the churn scenario (28-churn.sh)
# and of the netlink fuzzer (27-nlfuzz.sh), on the debug kernel (KASAN,
# lockdep, kmemleak, UBSAN), in one VM; ends with "N passed, N failed".
# Env: STRESS_ROUNDS (default 4), STRESS_SECONDS (per round, default
# 150), FUZZ_SECONDS (per context, default 300), FUZZ_SEED (default: the
# time, printed, so a finding can be replayed).
set -u
cd "$(dirname "$0")/.."
rounds=${STRESS_ROUNDS:-4} secs=${STRESS_SECONDS:-150}
fsecs=${FUZZ_SECONDS:-300} seed=${FUZZ_SEED:-$(date +%s)}
echo "stress: $rounds rounds of $secs s; fuzzing $fsecs s per context, seed $seed"
SLSEC_VM_TIMEOUT=$((rounds * (secs + 240) + fsecs + 900)) \
	exec tests/vm/scenario.sh '2[78]' debug SLSEC_STRESS_ROUNDS="$rounds" \
	SLSEC_STRESS_SECONDS="$secs" SLSEC_FUZZ_SECONDS="$fsecs" \
	SLSEC_FUZZ_SEED="$seed" \
	SLSEC_SCENARIO_TIMEOUT=$((rounds * (secs + 240) + fsecs + 600))
