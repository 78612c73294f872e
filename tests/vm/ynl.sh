#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kernel's YNL tools (tools/net/ynl) and netlink schemas
# (Documentation/netlink) from Debian's linux-source-6.12, for
# tests/scenarios/34-ynl.sh: only those two trees are unpacked, into
# $SLSEC_CACHE/ynl-<package version>/ where the test VM (which sees the
# host root read-only) finds them.  Prints the directory.
set -eu

cache=${SLSEC_CACHE:-/var/cache/slsec}
tarball=/usr/src/linux-source-6.12.tar.xz

[ -f "$tarball" ] || { echo "ynl.sh: $tarball missing (make deps)" >&2; exit 1; }
ver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
out=$cache/ynl-$ver
if [ ! -f "$out/.slsec-unpacked" ]; then
	mkdir -p "$cache"
	exec 9>"$cache/.lock-ynl"
	flock 9
	if [ ! -f "$out/.slsec-unpacked" ]; then
		echo "ynl.sh: unpacking tools/net/ynl from linux-source $ver" >&2
		rm -rf "$out" "$out.tmp"
		mkdir -p "$out.tmp"
		tar xJf "$tarball" -C "$out.tmp" --strip-components=1 \
			linux-source-6.12/tools/net/ynl \
			linux-source-6.12/Documentation/netlink
		touch "$out.tmp/.slsec-unpacked"
		mv "$out.tmp" "$out"
	fi
fi
echo "$out"
