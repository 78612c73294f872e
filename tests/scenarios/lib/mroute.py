#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Kernel multicast routing for 30-egress, without a routing daemon.

mfc:  become the namespace's multicast router (MRT_INIT / MRT6_INIT), add
      a virtual interface for each of --iif and --oif, and one (source,
      group) forwarding entry from --iif to --oif for each --route
      SOURCE,GROUP (IPv4 or IPv6); touch --ready, then hold the socket
      (closing it flushes the tables) until --stop exists.
send: as mcast.py send, with a TTL / hop limit above 1 so that the
      datagrams may be forwarded.
"""
import argparse
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mcast  # noqa: E402

# linux/mroute.h and linux/mroute6.h
MRT_INIT, MRT_ADD_VIF, MRT_ADD_MFC = 200, 202, 204
VIFF_USE_IFINDEX = 0x8
MAXVIFS = 32


def vifctl(vifi, ifindex):
    # struct vifctl: vifi, flags, threshold, rate_limit, lcl ifindex, rmt
    return struct.pack("@HBBIiI", vifi, VIFF_USE_IFINDEX, 1, 0, ifindex, 0)


def mfcctl(src, grp, parent, oif_vifi):
    ttls = bytearray(MAXVIFS)
    ttls[oif_vifi] = 1
    # struct mfcctl: origin, group, parent, ttls[32], 3 counters, expire
    return struct.pack("@4s4sH32sIIIi", socket.inet_aton(src),
                       socket.inet_aton(grp), parent, bytes(ttls), 0, 0, 0, 0)


def mif6ctl(mifi, ifindex):
    # struct mif6ctl: mifi, flags, threshold, physical ifindex, rate_limit
    return struct.pack("@HBBHI", mifi, 0, 1, ifindex, 0)


def sin6(addr):
    return struct.pack("@HHI16sI", socket.AF_INET6, 0, 0,
                       socket.inet_pton(socket.AF_INET6, addr), 0)


def mf6cctl(src, grp, parent, oif_mifi):
    bits = [0] * 8
    bits[oif_mifi // 32] |= 1 << (oif_mifi % 32)
    # struct mf6cctl: origin, group (sockaddr_in6), parent, if_set
    return sin6(src) + sin6(grp) + struct.pack("@H2x8I", parent, *bits)


def mfc(args):
    iif, oif = (socket.if_nametoindex(d) for d in (args.iif, args.oif))
    routes = [r.split(",") for r in args.route]
    socks = []
    if any(":" not in g for _, g in routes):
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
        s.setsockopt(socket.IPPROTO_IP, MRT_INIT, struct.pack("i", 1))
        s.setsockopt(socket.IPPROTO_IP, MRT_ADD_VIF, vifctl(0, iif))
        s.setsockopt(socket.IPPROTO_IP, MRT_ADD_VIF, vifctl(1, oif))
        for src, grp in routes:
            if ":" not in grp:
                s.setsockopt(socket.IPPROTO_IP, MRT_ADD_MFC,
                             mfcctl(src, grp, 0, 1))
        socks.append(s)
    if any(":" in g for _, g in routes):
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                          socket.IPPROTO_ICMPV6)
        s.setsockopt(socket.IPPROTO_IPV6, MRT_INIT, struct.pack("i", 1))
        s.setsockopt(socket.IPPROTO_IPV6, MRT_ADD_VIF, mif6ctl(0, iif))
        s.setsockopt(socket.IPPROTO_IPV6, MRT_ADD_VIF, mif6ctl(1, oif))
        for src, grp in routes:
            if ":" in grp:
                s.setsockopt(socket.IPPROTO_IPV6, MRT_ADD_MFC,
                             mf6cctl(src, grp, 0, 1))
        socks.append(s)
    open(args.ready, "w").close()
    while not os.path.exists(args.stop):
        time.sleep(0.1)


def send(args):
    s = mcast.open_socket(args, False)
    if mcast.family(args.group) == socket.AF_INET:
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, args.ttl)
    else:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS,
                     args.ttl)
    for seq in range(args.count):
        s.sendto(mcast.payload(seq, args.size), (args.group, args.port))
    print("sent %d" % args.count)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["mfc", "send"])
    p.add_argument("--iif", default="")
    p.add_argument("--oif", default="")
    p.add_argument("--route", action="append", default=[],
                   help="SOURCE,GROUP")
    p.add_argument("--ready", default="/dev/null")
    p.add_argument("--stop", default="")
    p.add_argument("--group", default="")
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--dev", default="")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--size", type=int, default=100)
    p.add_argument("--ttl", type=int, default=8)
    args = p.parse_args()
    mfc(args) if args.mode == "mfc" else send(args)


if __name__ == "__main__":
    main()
