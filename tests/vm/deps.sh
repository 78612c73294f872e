#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install every Debian package slsec needs to build, test and demo, and
# unpack the kernel's YNL tools into the cache (tests/vm/ynl.sh).
# Idempotent and quiet when everything is present.
# Usage: deps.sh [bench|analyze|deb]   (also what `make bench`, `make
# analyze` / `make deb` need)
set -eu

PKGS="build-essential bc bison flex cpio xz-utils kmod pkg-config
libelf-dev libssl-dev libmnl-dev
linux-source-6.1 linux-image-amd64 linux-headers-amd64
linux-image-6.12-amd64 linux-headers-6.12-amd64
linux-image-6.12-rt-amd64 linux-headers-6.12-rt-amd64
qemu-system-x86 busybox-static
iproute2 ethtool jq keyutils tcpdump socat iperf python3 python3-scapy python3-cryptography
sparse perl dkms
linux-source-6.12 python3-yaml python3-jsonschema"
# The 6.12 images and headers: the kernel matrix (tests/vm/kdir.sh).
# linux-source-6.12: the kernel's YNL CLI and schemas (34-ynl, tests/vm/ynl.sh).
# make bench: WireGuard's tool, and matplotlib for the plots.
[ "${1:-}" = bench ] && PKGS="$PKGS wireguard-tools python3-matplotlib"
# make deb: Debian's packaging tools.
[ "${1:-}" = deb ] && PKGS="$PKGS dpkg-dev debhelper dh-dkms lintian"
[ "${1:-}" = analyze ] && PKGS="$PKGS cppcheck clang-tidy coccinelle ocaml-nox"

missing=
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing="$missing $p"
done
here=$(dirname "$0")
[ -z "$missing" ] && exec "$here/ynl.sh" >/dev/null

echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" != 0 ]; then
	echo "deps: need root to install packages (run: sudo make deps)" >&2
	exit 1
fi
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
"$here/ynl.sh" >/dev/null
