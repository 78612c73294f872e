#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Make a receiver learn many senders, for the scaling benchmark: one
valid sealed datagram (packet number 0) from each sender id in [FIRST,
FIRST + COUNT), sent on a raw IP socket to the group.  Each sender seals
under an installation id of its own, drawn at random as a sender's
kernel would, and stamps the time of sealing, so the receiver's
freshness window passes the frames.  Run in a namespace that has no
slsec group of its own for GROUP (it would seal the frames again).
Sealing follows Documentation/wire-format.rst (wire format 2), with the
key derivation of tests/kunit/vectors.py.

Usage: senders.py GROUP KEYFILE FIRST COUNT"""
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "kunit"))
import vectors  # noqa: E402

IPPROTO_SLSEC, ALG_AES_GCM_128, KEY_ID = 253, 1, 1


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    group = socket.inet_aton(sys.argv[1])
    with open(sys.argv[2], "rb") as f:
        pgk = f.read()
    first, count = int(sys.argv[3]), int(sys.argv[4])
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, IPPROTO_SLSEC)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
    udp = struct.pack(">HHHH", 40000, 9, 8 + 4, 0) + b"scal"
    for sender in range(first, first + count):
        install = struct.unpack(">Q", os.urandom(8))[0]
        ts = int(time.time() * 1000)
        _, key, iv = vectors.traffic(pgk, group, KEY_ID, ALG_AES_GCM_128,
                                     sender, install, 0)
        hdr = vectors.header(vectors.IPPROTO_UDP, KEY_ID, sender, install,
                             ts, 0)
        _, _, sealed = vectors.seal(ALG_AES_GCM_128, key, iv, group, hdr, 0, udp)
        sock.sendto(hdr + sealed, (sys.argv[1], 0))


main()
