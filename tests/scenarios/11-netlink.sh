#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kernel's own validation, without the tool in front of it: raw
# generic netlink requests (lib/nlraw.py prints the TAP lines).
. "$(dirname "$0")/lib/lib.sh"

load_slsec || { echo "not ok 1 - insmod slsec.ko"; echo "1..1"; exit 1; }
netns_add raw
$IP netns exec "$NS_PREFIX-raw" "$PY" "$HERE/nlraw.py"
rc=$?
$IP netns del "$NS_PREFIX-raw"
rmmod slsec
exit $rc
