#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Replay a captured frame on the air, as it was or altered: the attacker
of the threat model, who records, replays, flips bits and truncates.

Frames come from a tcpdump capture (pcap, Ethernet); --index picks one of
those that carry IP protocol 253 (slsec).  Offsets count from the start of
the IP payload (the slsec header); negative ones from the end (the tag).
After a truncation the IP lengths (and IPv4 checksum) are fixed up, so
the frame reaches slsec instead of failing IP's own checks.
"""
import argparse
import socket
import struct
import sys


def frames(path):
    with open(path, "rb") as f:
        data = f.read()
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack_from("<I", data, off + 8)[0]
        yield bytearray(data[off + 16:off + 16 + incl])
        off += 16 + incl


def ip_info(fr):
    """(version, IP header offset, payload offset, protocol) or None."""
    etype = struct.unpack_from("!H", fr, 12)[0]
    if etype == 0x0800:
        ihl = (fr[14] & 0xf) * 4
        frag = struct.unpack_from("!H", fr, 20)[0] & 0x3fff
        return None if frag else (4, 14, 14 + ihl, fr[23])
    if etype == 0x86dd:
        return (6, 14, 54, fr[20])
    return None


def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def fix_lengths(fr, ver, ipoff):
    if ver == 4:
        struct.pack_into("!H", fr, ipoff + 2, len(fr) - ipoff)
        struct.pack_into("!H", fr, ipoff + 10, 0)
        ihl = (fr[ipoff] & 0xf) * 4
        struct.pack_into("!H", fr, ipoff + 10, csum(bytes(fr[ipoff:ipoff + ihl])))
    else:
        struct.pack_into("!H", fr, ipoff + 4, len(fr) - ipoff - 40)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--pcap", required=True)
    p.add_argument("--dev", required=True)
    p.add_argument("--index", type=int, default=0)
    p.add_argument("--proto", type=int, default=253)
    p.add_argument("--flip", action="append", default=[],
                   help="OFFSET:BIT, offset from the IP payload")
    p.add_argument("--truncate", type=int, default=0)
    p.add_argument("--count", type=int, default=1)
    args = p.parse_args()

    sealed = [(fr, ip_info(fr)) for fr in frames(args.pcap)]
    sealed = [(fr, i) for fr, i in sealed if i and i[3] == args.proto]
    if args.index >= len(sealed):
        sys.exit("only %d frames of protocol %d in %s" %
                 (len(sealed), args.proto, args.pcap))
    fr, (ver, ipoff, poff, _) = sealed[args.index]
    for f in args.flip:
        o, bit = (int(x) for x in f.split(":"))
        fr[o + poff if o >= 0 else len(fr) + o] ^= 1 << bit
    if args.truncate:
        del fr[len(fr) - args.truncate:]
        fix_lengths(fr, ver, ipoff)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args.dev, 0))
    for _ in range(args.count):
        s.send(bytes(fr))
    print("injected %d frame(s) of %d bytes" % (args.count, len(fr)))


if __name__ == "__main__":
    main()
