#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The headers and release of a kernel the test bed boots, by kind:
#   stock  Debian 12's default kernel, 6.1 (linux-headers-amd64)
#   6.12   Debian 12's 6.12 LTS backport (linux-headers-6.12-amd64)
#   rt     its PREEMPT_RT flavour (linux-headers-6.12-rt-amd64)
# Each kind names a Debian metapackage, so the release is the one the
# archive ships, whatever else is installed beside it (make's own
# default, the newest headers, may be any of them).
# Usage: kdir.sh KIND; prints "KDIR KVER", fails if the headers or the
# image are missing.
set -eu
kind=${1:?usage: kdir.sh stock|6.12|rt}
case $kind in
stock)	meta=linux-headers-amd64 ;;
6.12)	meta=linux-headers-6.12-amd64 ;;
rt)	meta=linux-headers-6.12-rt-amd64 ;;
*)	echo "kdir.sh: unknown kernel kind '$kind'" >&2; exit 1 ;;
esac
pkg=$(dpkg-query -W -f='${Depends}' "$meta" 2>/dev/null |
	sed -n 's/^\(linux-headers-[^ ,]*\).*/\1/p')
kdir=/usr/src/${pkg:-none}
[ -d "$kdir" ] || { echo "kdir.sh: no headers for the $kind kernel ($meta; make deps)" >&2; exit 1; }
kver=$(sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
[ -f "/boot/vmlinuz-$kver" ] || { echo "kdir.sh: /boot/vmlinuz-$kver missing (make deps)" >&2; exit 1; }
echo "$kdir $kver"
