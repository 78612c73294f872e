#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Multicast UDP test traffic for the scenarios.

send: COUNT datagrams of SIZE bytes, each "SLSEC-PLAIN-MARK seq=N " and a
      pattern derived from N, so a receiver can tell a datagram that
      arrived intact from one that did not.
recv: join the group, count datagrams until COUNT arrived, or the STOP
      file exists and a second and a half passed without a datagram, or
      TIMEOUT seconds passed in all; print "received R intact I" and the
      sequence numbers seen, then per source address "source A unique U
      dups D max M" (for counting loss and duplication per sender).
      Its socket buffer holds RCVBUF bytes (4 MiB; the default 208 KiB is
      a second of a few hundred datagrams, which a receiver starved of
      CPU on a slow guest would overflow: a loss that is not slsec's).
"""
import argparse
import os
import socket
import struct
import sys
import time

MARK = b"SLSEC-PLAIN-MARK"
UDP_SEGMENT = 103
SO_RCVBUFFORCE = 33


def payload(seq, size):
    head = MARK + b" seq=%d " % seq
    body = bytes((seq + i) & 0xff for i in range(max(0, size - len(head))))
    return (head + body)[:size] if size >= len(head) else head


def intact(data):
    if not data.startswith(MARK + b" seq="):
        return None
    try:
        seq = int(data.split(b" ")[1][4:])
    except ValueError:
        return None
    return seq if payload(seq, len(data)) == data else None


def family(group):
    return socket.AF_INET6 if ":" in group else socket.AF_INET


def open_socket(args, bind):
    fam = family(args.group)
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    idx = socket.if_nametoindex(args.dev)
    if fam == socket.AF_INET:
        if bind:
            s.bind((args.group, args.port))
            mreq = struct.pack("4s4si", socket.inet_aton(args.group),
                               socket.inet_aton("0.0.0.0"), idx)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
        else:
            mreqn = struct.pack("4s4si", socket.inet_aton("0.0.0.0"),
                                socket.inet_aton("0.0.0.0"), idx)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, mreqn)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
    else:
        if bind:
            s.bind((args.group, args.port, 0, idx))
            mreq = socket.inet_pton(socket.AF_INET6, args.group) + \
                struct.pack("I", idx)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, mreq)
        else:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, idx)
    return s


# IPv4 Router Alert (RFC 2113); IPv6 hop-by-hop header with a PadN option.
IPOPT_RA = b"\x94\x04\x00\x00"
HOPOPTS_PADN = b"\x00\x00\x01\x04\x00\x00\x00\x00"
IPV6_HOPOPTS = 54


def send(args):
    s = open_socket(args, False)
    if args.ipopts:
        if family(args.group) == socket.AF_INET:
            s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, IPOPT_RA)
        else:
            s.setsockopt(socket.IPPROTO_IPV6, IPV6_HOPOPTS, HOPOPTS_PADN)
    if args.gso:
        s.setsockopt(socket.IPPROTO_UDP, UDP_SEGMENT, args.gso)
    dst = (args.group, args.port)
    end = time.time() + args.duration if args.duration else None
    seq = errors = 0
    while (end and time.time() < end) or \
            (args.until and not os.path.exists(args.until)) or \
            (not end and not args.until and seq < args.count):
        if args.gso:
            # One send, segmented into datagrams of args.gso bytes.
            data = b"".join(payload(seq + k, args.gso)
                            for k in range(args.size // args.gso))
            seq += args.size // args.gso
        else:
            data = payload(seq, args.size)
            seq += 1
        try:
            s.sendto(data, dst)
        except OSError as e:
            if not args.ignore_errors:
                raise
            errors += 1
            print("send error:", seq, e, file=sys.stderr)
        if args.interval:
            time.sleep(args.interval)
    print("sent %d" % seq)
    if args.ignore_errors:
        print("errors %d" % errors)


def recv(args):
    s = open_socket(args, True)
    if args.rcvbuf:
        try:    # root (CAP_NET_ADMIN) may pass net.core.rmem_max
            s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, args.rcvbuf)
        except OSError:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, args.rcvbuf)
    s.settimeout(0.25)
    open(args.ready, "w").close()
    got, good, seqs, per_src = 0, 0, [], {}
    end = time.time() + args.timeout
    idle_since = None
    while (args.count == 0 or got < args.count) and time.time() < end:
        try:
            data, src = s.recvfrom(70000)
        except socket.timeout:
            if args.stop and os.path.exists(args.stop):
                idle_since = idle_since or time.time()
                if time.time() - idle_since > 1.5:
                    break
            continue
        idle_since = None
        got += 1
        seq = intact(data)
        if seq is not None:
            good += 1
            seqs.append(seq)
            per_src.setdefault(src[0], []).append(seq)
    print("received %d intact %d" % (got, good))
    print("seqs " + " ".join(map(str, sorted(seqs))))
    for a, ss in sorted(per_src.items()):
        print("source %s unique %d dups %d max %d" %
              (a, len(set(ss)), len(ss) - len(set(ss)), max(ss)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["send", "recv"])
    p.add_argument("--group", required=True)
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--dev", default="air0")
    p.add_argument("--count", type=int, default=0)
    p.add_argument("--size", type=int, default=100)
    p.add_argument("--gso", type=int, default=0)
    p.add_argument("--ipopts", action="store_true",
                   help="IPv4 options / an IPv6 hop-by-hop header")
    p.add_argument("--interval", type=float, default=0.0)
    p.add_argument("--duration", type=float, default=0.0)
    p.add_argument("--timeout", type=float, default=120.0)
    p.add_argument("--stop", default="")
    p.add_argument("--until", default="",
                   help="send: keep sending until this file exists")
    p.add_argument("--ready", default="/dev/null")
    p.add_argument("--rcvbuf", type=int, default=4 << 20,
                   help="recv: the socket's buffer in bytes (0: the default)")
    p.add_argument("--ignore-errors", action="store_true")
    args = p.parse_args()
    send(args) if args.mode == "send" else recv(args)


if __name__ == "__main__":
    main()
