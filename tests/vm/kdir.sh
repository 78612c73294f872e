#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The headers and release of a kernel the test bed boots, by kind:
#   kdir.sh stock   Debian 12's default kernel (what linux-headers-amd64
#                   depends on), whatever else is installed beside it
# Prints "KDIR KVER"; fails if the headers or the image are missing.
set -eu
kind=${1:?usage: kdir.sh stock}
case $kind in
stock)
	pkg=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
		sed -n 's/^\(linux-headers-[^ ,]*\).*/\1/p') ;;
*)
	echo "kdir.sh: unknown kernel kind '$kind'" >&2; exit 1 ;;
esac
kdir=/usr/src/${pkg:-none}
[ -d "$kdir" ] || { echo "kdir.sh: no headers for the $kind kernel (make deps)" >&2; exit 1; }
kver=$(sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
[ -f "/boot/vmlinuz-$kver" ] || { echo "kdir.sh: /boot/vmlinuz-$kver missing (make deps)" >&2; exit 1; }
echo "$kdir $kver"
