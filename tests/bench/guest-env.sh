# SPDX-License-Identifier: GPL-2.0
# Sourced by the guest scripts of tests/bench once they have set out,
# moddir and repo: the tool and module the scenario helpers use, the
# log, and the helpers every benchmark needs.
export SLSEC_KO=$moddir/kmod/slsec.ko SLSEC_TOOL=$repo/tools/slsec
exec >"$out/guest.log" 2>&1
here=$repo/tests/bench
. "$repo/tests/scenarios/lib/lib.sh"
. "$here/configs.sh"
. "$here/iperf.sh"
