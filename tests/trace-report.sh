#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Where a scenario's time goes: sum a trace written by SLSEC_TRACE=1
# (tests/vm/guest.sh) by source line and print the costliest lines.
# A traced command is charged until the next traced command of any shell
# starts, so time spent waiting on a background job lands on the line
# that waits.
#   tests/vm/scenario.sh 20 debug SLSEC_TRACE=1
#   tests/trace-report.sh build/scenario-debug/debug/trace-20-datapath.txt
# Usage: trace-report.sh TRACE [LINES]
set -eu
trace=${1:?usage: trace-report.sh TRACE [LINES]}
awk -v top="${2:-25}" '
$1 ~ /^\++$/ && $2 ~ /^[0-9]+\.[0-9]+$/ {
	if (prev != "") { cost[prev] += $2 - t; calls[prev]++ }
	if (first == "") first = $2
	t = $2; prev = $3; last = $2
}
END {
	printf "%.1f s traced\n", last - first
	for (k in cost) printf "%8.1f s %5d  %s\n", cost[k], calls[k], k | "sort -rn | head -" top
}' "$trace"
