#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the test VM's initramfs: static busybox, tests/vm/init, and for
# a modular kernel (KVER set) the modules needed to mount 9p.
# Usage: initramfs.sh OUT.cpio.gz [KVER]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=$1
kver=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp"/{bin,proc,sys,dev,host,lib/mods}
cp /bin/busybox "$tmp/bin/busybox"
for a in sh mount umount mkdir cat ls insmod poweroff switch_root; do
	ln -s busybox "$tmp/bin/$a"
done
install -m 0755 "$here/init" "$tmp/init"

if [ -n "$kver" ]; then
	modprobe -S "$kver" -a --show-depends virtio_pci 9pnet_virtio 9p |
		awk '$1 == "insmod" { print $2 }' | awk '!seen[$0]++' |
	while read -r ko; do
		# busybox's insmod takes plain modules; 6.12's are xz'ed.
		name=$(basename "$ko" .xz)
		case $ko in
		*.xz) xz -dc "$ko" >"$tmp/lib/mods/$name" ;;
		*) cp "$ko" "$tmp/lib/mods/" ;;
		esac
		echo "$name" >>"$tmp/modules.order"
	done
fi
(cd "$tmp" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"
