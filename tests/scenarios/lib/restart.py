#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Restart safety on the air, for 29-restart.sh.

nonces:  read a capture of one sender's sealed frames over several
         installations of its key and check what wire format 2 promises:
         no (key id, sender, installation, packet number) twice, so no
         (traffic key, nonce) twice; equal plaintexts sealed differently
         by each installation; every frame opens under the traffic key of
         its own installation (derived here, independently of the kernel).
replay:  inject a capture's frames of one installation again, as they
         were or with the timestamp rewritten to the current time.
craft:   seal a datagram as a member would, stamped OFFSET ms off the
         clock, under a fresh random installation; write the frame, and
         inject it at once.
inject:  put frames written by craft on the air.

Prints "ok - DESC" / "not ok - DESC" lines for lib.sh's tap_lines.
"""
import argparse
import os
import socket
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "kunit"))
sys.path.insert(0, HERE)
import mcast  # noqa: E402  (payloads the receiver recognises)
import vectors  # noqa: E402  (KDF and sealing, independent of the kernel)
from hostile import csum  # noqa: E402  (the Internet checksum)

from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305  # noqa: E402

HDR_LEN, TAG_LEN, TS_OFF = 28, 16, 16
PROTO = 253
SRC4 = socket.inet_aton("10.0.0.77")
SRC_MAC = bytes.fromhex("020000000077")


def report(ok, desc, detail=""):
    print("%sok - %s" % ("" if ok else "not ", desc))
    if not ok and detail:
        print("#   " + detail)
    sys.stdout.flush()
    return ok


def read_pcap(path):
    """Each record's bytes (Ethernet), in capture order; a record cut
    short by a capture still being written ends the list."""
    with open(path, "rb") as f:
        data = f.read()
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack_from("<I", data, off + 8)[0]
        if off + 16 + incl > len(data):
            break
        yield bytearray(data[off + 16:off + 16 + incl])
        off += 16 + incl


def sealed(path):
    """(frame, slsec header offset, fields) of each unfragmented IPv4
    frame of protocol 253: fields as a dict."""
    for fr in read_pcap(path):
        if len(fr) < 34 or struct.unpack_from("!H", fr, 12)[0] != 0x0800:
            continue
        ihl = (fr[14] & 0xf) * 4
        if fr[23] != PROTO or struct.unpack_from("!H", fr, 20)[0] & 0x3fff:
            continue
        h = 14 + ihl
        if len(fr) < h + HDR_LEN + TAG_LEN:
            continue
        ver, nxt, key, flags, sender, install, ts, pn = struct.unpack_from(
            "!BBBBIQIQ", fr, h)
        yield fr, h, dict(version=ver, next=nxt, key=key, flags=flags,
                          sender=sender, install=install, ts=ts, pn=pn,
                          group=bytes(fr[30:34]),
                          hdr=bytes(fr[h:h + HDR_LEN]),
                          ct=bytes(fr[h + HDR_LEN:]))


def read_key(path):
    text = open(path, "rb").read().strip()
    return bytes.fromhex(text.decode())


def parse_install(s):
    return int(s, 16)


def opens(pgk, alg, f):
    """Does the frame open under its own installation's traffic key?"""
    epoch = f["pn"] >> vectors.ALGS[alg][2]
    _, key, iv = vectors.traffic(pgk, f["group"], f["key"], alg, f["sender"],
                                 f["install"], epoch)
    aead = ChaCha20Poly1305(key) if alg == 3 else AESGCM(key)
    try:
        aead.decrypt(vectors.nonce(iv, f["pn"]), f["ct"], f["group"] + f["hdr"])
    except Exception:
        return False, key, vectors.nonce(iv, f["pn"])
    return True, key, vectors.nonce(iv, f["pn"])


def cmd_nonces(args):
    pgk, alg = read_key(args.key), args.alg
    installs = [parse_install(i) for i in args.installs.split(",")]
    frames = [f for _, _, f in sealed(args.pcap) if f["sender"] == args.sender]
    order = []
    for f in frames:
        if not order or order[-1] != f["install"]:
            order.append(f["install"])
    report(order == installs,
           "the capture shows installations %s in turn, each once" %
           ", ".join("%016x" % i for i in installs),
           "seen in this order: %s" % ", ".join("%016x" % i for i in order))
    per = {i: [f for f in frames if f["install"] == i] for i in installs}
    report(all(len(v) == args.count for v in per.values()),
           "%d frames of each installation on the air" % args.count,
           "frames per installation: %s" %
           {"%016x" % i: len(v) for i, v in per.items()})
    report(all(sorted(f["pn"] for f in v) == list(range(args.count))
               for v in per.values()),
           "each installation numbers its frames from 0 (pn reused)",
           "pns: %s" % {"%016x" % i: [f["pn"] for f in v] for i, v in per.items()})
    ids = [(f["key"], f["sender"], f["install"], f["pn"]) for f in frames]
    report(len(ids) == len(set(ids)),
           "no (key id, sender, installation, pn) twice in %d frames" % len(ids),
           "%d repeated" % (len(ids) - len(set(ids))))
    results = [opens(pgk, alg, f) for f in frames]
    report(all(ok for ok, _, _ in results),
           "every frame opens under its own installation's traffic key",
           "%d of %d do not" % (sum(not ok for ok, _, _ in results), len(frames)))
    pairs = [(k, n) for _, k, n in results]
    report(len(pairs) == len(set(pairs)),
           "no (traffic key, nonce) pair twice across the restarts",
           "%d repeated" % (len(pairs) - len(set(pairs))))
    # Equal plaintexts: datagram seq=pn is the same bytes in every phase.
    same = 0
    for pn in range(args.count):
        cts = [f["ct"] for v in per.values() for f in v if f["pn"] == pn]
        same += len(cts) - len(set(cts))
    report(same == 0 and per and all(per.values()),
           "equal plaintexts under equal pn: ciphertexts all differ",
           "%d ciphertexts repeated" % same)
    times = [f["ts"] for f in frames]
    report(all(((b - a) & 0xffffffff) < 1 << 31 for a, b in zip(times, times[1:])),
           "timestamps never go back across the restarts",
           "timestamps: %s" % times)


def cmd_replay(args):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args.dev, 0))
    install = parse_install(args.install) if args.install else None
    n = 0
    for fr, h, f in sealed(args.pcap):
        if f["sender"] != args.sender or \
                (install is not None and f["install"] != install):
            continue
        if args.ts_now:
            now = int(time.time() * 1000) & 0xffffffff
            struct.pack_into("!I", fr, h + TS_OFF, now)
        s.send(bytes(fr))
        n += 1
        if args.pace:
            time.sleep(args.pace)
    print("injected %d" % n)


def udp(dst, seq, size):
    data = mcast.payload(seq, size)
    hdr = struct.pack("!HHHH", 40000, 5000, 8 + len(data), 0)
    pseudo = SRC4 + dst + struct.pack("!BBH", 0, 17, 8 + len(data))
    c = csum(pseudo + hdr + data) or 0xffff
    return hdr[:6] + struct.pack("!H", c) + data


def ipv4(dst, proto, payload):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, 1,
                    proto, 0, SRC4, dst)
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def cmd_craft(args):
    pgk, alg = read_key(args.key), args.alg
    grp = socket.inet_aton(args.group)
    install = int.from_bytes(os.urandom(8), "big")
    ts = int(time.time() * 1000) + args.offset_ms
    _, key, iv = vectors.traffic(pgk, grp, args.key_id, alg, args.sender,
                                 install, 0)
    hdr = vectors.header(17, args.key_id, args.sender, install, ts, 0)
    _, _, ct = vectors.seal(alg, key, iv, grp, hdr, 0,
                            udp(grp, args.seq, args.size))
    mac = bytes([1, 0, 0x5e, grp[1] & 0x7f, grp[2], grp[3]])
    fr = mac + SRC_MAC + b"\x08\x00" + ipv4(grp, PROTO, hdr + ct)
    with open(args.out, "wb") as f:
        f.write(fr)
    # Stamped against the clock of now: sent at once, if it is to be.
    if args.dev:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.bind((args.dev, 0))
        s.send(fr)
    print("sender %d install %016x ts %+d ms%s" %
          (args.sender, install, args.offset_ms, " injected" if args.dev else ""))


def cmd_inject(args):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args.dev, 0))
    for p in args.frames:
        s.send(open(p, "rb").read())
    print("injected %d" % len(args.frames))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("nonces")
    c.add_argument("--pcap", required=True)
    c.add_argument("--key", required=True)
    c.add_argument("--alg", type=int, default=1)
    c.add_argument("--sender", type=int, required=True)
    c.add_argument("--installs", required=True, help="hex, comma-separated")
    c.add_argument("--count", type=int, required=True)
    c = sub.add_parser("replay")
    c.add_argument("--pcap", required=True)
    c.add_argument("--dev", default="br0")
    c.add_argument("--sender", type=int, required=True)
    c.add_argument("--install", default="")
    c.add_argument("--ts-now", action="store_true")
    c.add_argument("--pace", type=float, default=0.005)
    c = sub.add_parser("craft")
    c.add_argument("--key", required=True)
    c.add_argument("--alg", type=int, default=1)
    c.add_argument("--key-id", type=int, default=1)
    c.add_argument("--group", required=True)
    c.add_argument("--sender", type=int, required=True)
    c.add_argument("--offset-ms", type=int, required=True)
    c.add_argument("--seq", type=int, default=0)
    c.add_argument("--size", type=int, default=100)
    c.add_argument("--out", required=True)
    c.add_argument("--dev", default="", help="and inject it on DEV")
    c = sub.add_parser("inject")
    c.add_argument("--dev", default="br0")
    c.add_argument("frames", nargs="+")
    args = p.parse_args()
    {"nonces": cmd_nonces, "replay": cmd_replay, "craft": cmd_craft,
     "inject": cmd_inject}[args.cmd](args)


if __name__ == "__main__":
    main()
