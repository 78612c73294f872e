#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make deb: build slsec-dkms and slsec-tools with Debian's own tooling
# (dpkg-buildpackage, debhelper, dh-dkms) from a copy of the tree in
# build/deb/src, and run lintian over them.  The .debs land in build/deb.
set -eu
cd "$(dirname "$0")/.."
out=$PWD/build/deb
rm -rf "$out"
mkdir -p "$out/src"
git ls-files -z --cached --others --exclude-standard |
	grep -zv '^build/' | xargs -0 cp -a --parents -t "$out/src"
(cd "$out/src" && dpkg-buildpackage -b -us -uc) >"$out/build.log" 2>&1 ||
	{ tail -40 "$out/build.log"; echo "deb: dpkg-buildpackage failed" >&2; exit 1; }
ls "$out"/*.deb
if ! lintian --fail-on error,warning "$out"/*.changes; then
	echo "deb: lintian findings above" >&2
	exit 1
fi
echo "deb: lintian clean"
