#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build slsec.ko through DKMS from the source tree the slsec-dkms package
# ships (dkms.conf, Kbuild, kmod/, uapi/), for each kernel release given,
# in a DKMS tree of its own under build/dkms (nothing of the host's DKMS
# state is touched).  Each result is left, uncompressed, at
# build/dkms/KVER/kmod/slsec.ko, where the test VMs load it from.
# Usage: tests/dkms.sh KVER...
set -eu
cd "$(dirname "$0")/.."
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
top=$PWD/build/dkms
rm -rf "$top"
mkdir -p "$top/src/slsec-$ver" "$top/tree"
cp -a Kbuild dkms.conf kmod uapi "$top/src/slsec-$ver/"

dk() { dkms "$@" -m slsec -v "$ver" --dkmstree "$top/tree" --sourcetree "$top/src"; }
dk add >"$top/add.log" 2>&1 || { cat "$top/add.log"; exit 1; }
for kv in "$@"; do
	log=$top/build-$kv.log
	dk build -k "$kv" >"$log" 2>&1 || { cat "$log"; cat "$top/tree/slsec/$ver/build/make.log" 2>/dev/null; exit 1; }
	ko=$(find "$top/tree/slsec/$ver/$kv" -name 'slsec.ko*' | head -1)
	[ -n "$ko" ] || { echo "dkms: no slsec.ko built for $kv" >&2; exit 1; }
	mkdir -p "$top/$kv/kmod"
	case $ko in
	*.xz) xz -dc "$ko" ;;
	*) cat "$ko" ;;
	esac >"$top/$kv/kmod/slsec.ko"
	echo "dkms: $kv: $(modinfo -F vermagic "$top/$kv/kmod/slsec.ko")"
done
