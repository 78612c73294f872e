#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build (or reuse) the debug test kernel from Debian's linux-source-6.1.
# The build tree is cached under $SLSEC_CACHE keyed by a hash of the source
# version, the config fragment and this script; prints its path on stdout.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${SLSEC_CACHE:-/var/cache/slsec}
tarball=/usr/src/linux-source-6.1.tar.xz
frag=$here/debug.config

[ -f "$tarball" ] || { echo "kernel.sh: $tarball missing (make deps)" >&2; exit 1; }
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
key=$( { echo "$srcver"; cat "$frag" "$0"; } | sha256sum | cut -c1-16)
src=$cache/src-$srcver
out=$cache/kernel-$key

if [ -f "$out/.slsec-built" ]; then
	echo "$out"
	exit 0
fi

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ -f "$out/.slsec-built" ]; then
	echo "$out"
	exit 0
fi

if [ ! -f "$src/.slsec-unpacked" ]; then
	echo "kernel.sh: unpacking linux-source $srcver" >&2
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar xJf "$tarball" -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.slsec-unpacked"
	mv "$src.tmp" "$src"
fi

echo "kernel.sh: building debug kernel in $out (cold: ~15 min)" >&2
start=$(date +%s)
rm -rf "$out"
mkdir -p "$out"
(
	cd "$src"
	KCONFIG_CONFIG=$out/.config ARCH=x86_64 \
		scripts/kconfig/merge_config.sh -n -O "$out" "$frag" >/dev/null
)
# A fragment line that did not survive Kconfig fails loudly.
bad=0
while read -r line; do
	case "$line" in CONFIG_*) ;; *) continue ;; esac
	grep -qx "$line" "$out/.config" || { echo "kernel.sh: dropped: $line" >&2; bad=1; }
done <"$frag"
[ $bad = 0 ] || exit 1

make -C "$src" O="$out" ARCH=x86_64 -j"$(nproc)" -s bzImage modules \
	>"$out/build.log" 2>&1 || { tail -40 "$out/build.log" >&2; exit 1; }
echo "$(($(date +%s) - start))" >"$out/.build-seconds"
touch "$out/.slsec-built"
echo "kernel.sh: built in $(cat "$out/.build-seconds") s" >&2
echo "$out"
