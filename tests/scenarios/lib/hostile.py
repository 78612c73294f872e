#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The hostile corpus: frames built from scratch, malformed or malicious,
injected on the air (a packet socket on the bridge) the way anyone in
radio range could, while a member sends legitimate traffic.

Each case names what its frames must do at the receiving UE: the drop
counters that must move, by how much (every other drop counter must stay
still), and for frames that are valid the sender state they leave.  The
attacker knows the group key where a case needs a frame that
authenticates (an insider, or a frame sealed for another purpose), and
otherwise does not.  Prints "ok - CASE" / "not ok - CASE" lines for
lib.sh's tap_lines; the valid frames carry mcast.py payloads, so the
receiving application's own count (checked by the caller) shows what
was delivered.

Frames follow wire format 2: every crafted sender seals under one random
installation id of its own (so replay windows carry on between cases)
and stamps the time of sealing, unless a case says otherwise; cases that
need the time checked at the receiver build their frames at injection.

Run in the air namespace: hostile.py --ue NS --key KEYFILE ...
"""
import argparse
import json
import mmap
import os
import socket
import struct
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "kunit"))
sys.path.insert(0, HERE)
import mcast  # noqa: E402  (payloads the receiver recognises)
import vectors  # noqa: E402  (KDF and sealing, independent of the kernel)

AES128, CHACHA = 1, 3
UDP, HOPOPTS, DSTOPTS, FRAGMENT = 17, 0, 60, 44
SRC4, SRC6 = socket.inet_aton("10.0.0.77"), socket.inet_pton(socket.AF_INET6, "fd00::77")
SRC_MAC = bytes.fromhex("020000000077")
PORT = 5000
HDR = vectors.HDR_LEN           # the slsec header, 28 bytes
IPH = 20                        # an IPv4 header without options
# Offsets in the slsec header (wire-format.rst)
O_NEXT, O_SENDER, O_INSTALL, O_TS, O_PN = 1, 4, 8, 16, 20
FRESHNESS = 5000                # the groups' window, ms (the default)
FLOOD_HEAD = 300                # learning: each kind's frames before it measures

# What a case's frames may move: every drop counter, and the number of
# senders with receive state.  rx_packets/rx_bytes also move with the
# legitimate traffic and are not compared.
DROPS = ["rx_drop_bad_header", "rx_drop_unknown_key", "rx_drop_revoked_key",
         "rx_drop_retired_key", "rx_drop_auth", "rx_drop_replay",
         "rx_drop_too_old", "rx_drop_no_state", "rx_drop_plaintext",
         "rx_drop_collision", "rx_drop_revoked_sender", "rx_drop_nomem",
         "rx_drop_busy", "rx_drop_stale", "rx_drop_superseded",
         "rx_drop_backlog", "rx_drop_epoch", "rx_drop_forgery_limit",
         "rx_plaintext"]


def now_ms():
    """CLOCK_REALTIME in ms, as a sender stamps frames."""
    return int(time.time() * 1000)


def new_install():
    """A random installation id, as a sender's kernel draws one."""
    return struct.unpack("!Q", os.urandom(8))[0]


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def udp(src, dst, seq, size):
    """A UDP datagram carrying mcast.py's payload number seq."""
    data = mcast.payload(seq, size)
    hdr = struct.pack("!HHHH", 40000, PORT, 8 + len(data), 0)
    if len(src) == 4:
        pseudo = src + dst + struct.pack("!BBH", 0, UDP, 8 + len(data))
    else:
        pseudo = src + dst + struct.pack("!IxxxB", 8 + len(data), UDP)
    c = csum(pseudo + hdr + data) or 0xffff
    return hdr[:6] + struct.pack("!H", c) + data


def ipv4(dst, proto, payload, opts=b"", tot_len=None, frag=0, ident=1):
    ihl = 5 + len(opts) // 4
    tl = tot_len if tot_len is not None else ihl * 4 + len(payload)
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, tl, ident, frag, 1, proto,
                    0, SRC4, dst) + opts
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def ipv6(dst, nexthdr, payload):
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), nexthdr, 1,
                       SRC6, dst) + payload


def eth(ip):
    """Addressed to the IP destination's multicast MAC (or ue2's)."""
    if ip[0] >> 4 == 4:
        d = ip[16:20]
        mac = bytes([1, 0, 0x5e, d[1] & 0x7f, d[2], d[3]]) if d[0] >= 224 \
            else UE_MAC
        return mac + SRC_MAC + b"\x08\x00" + ip
    return b"\x33\x33" + ip[36:40] + SRC_MAC + b"\x86\xdd" + ip


class Group:
    def __init__(self, addr, alg, pgk):
        self.addr, self.alg, self.pgk = addr, alg, pgk
        self.raw = socket.inet_pton(socket.AF_INET6 if ":" in addr else
                                    socket.AF_INET, addr)
        self.shift = vectors.ALGS[alg][2]
        # (sender, key id): the installation a crafted sender seals under
        self.installs = {}

    def install(self, sender, key_id=1):
        return self.installs.setdefault((sender, key_id), new_install())

    def sealed(self, sender, pn, body, key_id=1, install=None, ts=None,
               epoch=None, pgk=None, seal_group=None, version=2, flags=0,
               next_proto=UDP):
        """slsec header || ciphertext || tag, sealed as a member would: by
        default under the sender's installation, stamped now.  @epoch
        picks another epoch's traffic key than @pn's (the wire has no
        epoch field to disagree with)."""
        install = self.install(sender, key_id) if install is None else install
        ts = now_ms() if ts is None else ts
        epoch = pn >> self.shift if epoch is None else epoch
        grp = seal_group or self.raw
        _, key, iv = vectors.traffic(pgk or self.pgk, grp, key_id, self.alg,
                                     sender, install, epoch & 0xffffffff)
        hdr = vectors.header(next_proto, key_id, sender, install, ts, pn)
        _, _, ct = vectors.seal(self.alg, key, iv, grp, hdr, pn, body)
        hdr = bytes([version]) + hdr[1:3] + bytes([flags]) + hdr[4:]
        return hdr + ct

    def forged(self, sender, pn, size=68, key_id=1, install=None, ts=None):
        """A header as a member would send, and random bytes for the
        ciphertext and tag: what an outsider can make."""
        install = self.install(sender, key_id) if install is None else install
        ts = now_ms() if ts is None else ts
        return vectors.header(UDP, key_id, sender, install, ts, pn) + \
            os.urandom(size + vectors.TAG_LEN)

    def datagram(self, seq, size=60):
        src = SRC4 if len(self.raw) == 4 else SRC6
        return udp(src, self.raw, seq, size)


def flip(b, off, bit=0):
    b = bytearray(b)
    b[off] ^= 1 << bit
    return bytes(b)


def frags4(dst, payload, pieces, ident, order=None):
    """IPv4 fragments of one datagram: (offset, length) pieces, sent in
    @order (default: as listed)."""
    out = []
    for off, ln in pieces:
        mf = 0x2000 if off + ln < len(payload) else 0
        out.append(ipv4(dst, 253, payload[off:off + ln], frag=mf | off // 8,
                        ident=ident))
    return [out[i] for i in order] if order else out


def frags6(dst, payload, pieces, ident=0x6666):
    out = []
    for off, ln in pieces:
        m = 1 if off + ln < len(payload) else 0
        fh = struct.pack("!BBHI", 253, 0, off | m, ident)
        out.append(ipv6(dst, FRAGMENT, fh + payload[off:off + ln]))
    return out


def exthdrs(n, inner_next=253):
    """n destination-options headers (8 bytes each, PadN) before slsec."""
    out = b""
    for i in range(n):
        nxt = inner_next if i == n - 1 else DSTOPTS
        out += struct.pack("!BB", nxt, 0) + b"\x01\x04\0\0\0\0"
    return out


def tool(ns, *args):
    r = subprocess.run([TOOL, "-n", ns, "-j"] + list(args),
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout) if r.stdout.strip() else []


def counters(ns):
    """{(dev, addr): {counter: value}} for every group of the UE."""
    out = {}
    for g in tool(ns, "-s", "group", "show"):
        out[(g["dev"], g["addr"])] = dict(g["stats"], senders=g["senders"])
    return out


def sender_keys(ns, dev, addr):
    """{sender id: {key id: its entry of the sender dump}}: next_pn, and
    install and restarts where the tool prints them."""
    out = {}
    for s in tool(ns, "sender", "show", "dev", dev, "addr", addr):
        for k in s.get("keys", []):
            out.setdefault(s["sender"], {})[k["key"]] = k
    return out


def senders(ns, dev, addr, key_id=1):
    """{sender id: next_pn under @key_id}: the UE's receive state."""
    return {s: keys[key_id]["next_pn"]
            for s, keys in sender_keys(ns, dev, addr).items()
            if key_id in keys}


def install_of(entry):
    """The installation a sender dump entry follows, or None."""
    v = entry.get("install")
    return None if v is None else int(v, 0) if isinstance(v, str) else v


def slab_kib():
    """The kernel's slab memory, all of it and the unreclaimable part
    (KiB; a trend, not an account)."""
    out = {"Slab": 0, "SUnreclaim": 0}
    with open("/proc/meminfo") as f:
        for line in f:
            name = line.split(":")[0]
            if name in out:
                out[name] = int(line.split()[1])
    return out["Slab"], out["SUnreclaim"]


def delta(before, after):
    d = {}
    for gid, c in after.items():
        for name in DROPS + ["senders"]:
            v = c.get(name, 0) - before.get(gid, {}).get(name, 0)
            if v:
                d[(gid, name)] = v
    return d


class Corpus:
    def __init__(self, args):
        self.args = args
        self.s = {}
        for dev in ("br0", "br1"):
            self.s[dev] = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            self.s[dev].bind((dev, 0))
        self.n = self.failed = 0
        self.seq = 100000
        self.delivered = {4: 0, 6: 0}
        self.restarted = 0      # installations that replaced one

    def inject(self, frames, dev="br0", pace=0):
        for i, f in enumerate(frames):
            self.s[dev].send(f)
            if pace and i % pace == pace - 1:
                time.sleep(0.02)

    def report(self, ok, name, detail=""):
        self.n += 1
        print("%sok - %s" % ("" if ok else "not ", name))
        if not ok:
            self.failed += 1
            print("#   " + detail)
        sys.stdout.flush()

    def case(self, name, frames, expect=None, dev="br0", state=None,
             delivered=0, family=4, settle=0.3, wait=5.0, pace=0, key_id=1):
        """Inject @frames (or what the callable @frames returns, built at
        the last moment: timestamps the receiver checks); the receiver's
        drop counters must move by exactly @expect ({(dev, addr,
        counter): n}), its receive state must show @state ({sender:
        next_pn} under @key_id on @family's group)."""
        ns = self.args.ue
        want = {((d, a), c): v for (d, a, c), v in (expect or {}).items()}
        before = counters(ns)
        if callable(frames):
            frames = frames()
        self.inject(frames, dev, pace)
        end = time.time() + wait
        while True:
            got = delta(before, counters(ns))
            if all(got.get(k, 0) >= v for k, v in want.items()) or \
                    time.time() > end:
                break
            time.sleep(0.1)
        time.sleep(settle)      # and nothing else follows
        got = delta(before, counters(ns))
        ok = got == want
        detail = "counters moved %r, expected %r" % (got, want)
        if ok and state:
            grp = self.args.g4 if family == 4 else self.args.g6
            have = senders(ns, "air0", grp, key_id)
            ok = all(have.get(s) == pn for s, pn in state.items())
            detail = "sender state %r, expected %r" % (have, state)
        self.delivered[family] += delivered
        self.report(ok, name, detail)
        return ok

    def next_seq(self):
        self.seq += 1
        return self.seq

    def group_set(self, addr, *args):
        tool(self.args.ue, "group", "set", "dev", "air0", "addr", addr, *args)


def cases(c, g4, g4b, g6):
    """The corpus.  Sender 1 is the legitimate member, 2 the receiver;
    the crafted members are 7, 8 and 9 (and 12, whose installations
    come and go)."""
    A, A6 = "air0", "air0"
    G4, G4B, G6 = g4.addr, g4b.addr, g6.addr
    F = FRESHNESS

    def d4(seq=None):
        return g4.datagram(seq if seq is not None else c.next_seq())

    def v4(sender, pn, **kw):
        return ipv4(g4.raw, 253, g4.sealed(sender, pn, d4(), **kw))

    def e(name, n=1, grp=G4, dev=A):
        return {(dev, grp, name): n}

    def at(off):
        """Offset of a slsec header field in an IPv4 datagram."""
        return IPH + off

    bad = e("rx_drop_bad_header")
    stale = e("rx_drop_stale")
    auth = e("rx_drop_auth")
    # --- header fields at their limits and beyond ---------------------
    for ver in (0, 1, 3, 255):
        c.case("version %d" % ver, [eth(v4(7, 900, version=ver))], bad)
    for bit in (0, 7):
        c.case("flags bit %d set" % bit,
               [eth(v4(7, 900, flags=1 << bit))], bad)
    c.case("key id 0, not installed", [eth(v4(7, 900, key_id=0))],
           e("rx_drop_unknown_key"))
    c.case("key id 255, not installed", [eth(v4(7, 900, key_id=255))],
           e("rx_drop_unknown_key"))
    c.case("key id of a revoked key", [eth(v4(7, 900, key_id=2))],
           e("rx_drop_revoked_key"))
    c.case("sender id 0, forged tag", [eth(flip(v4(0, 900), -1))], auth)
    c.case("sender id 2^32-1, forged tag",
           [eth(flip(v4(0xffffffff, 900), -1))], auth)
    c.case("a revoked sender id, valid tag", [eth(v4(66, 900))],
           e("rx_drop_revoked_sender"))
    c.case("packet number 2^64-1", [eth(v4(7, (1 << 64) - 1))], bad)
    c.case("packet number 2^55, AES-GCM's limit (a bad header)",
           [eth(v4(7, 1 << 55))], bad)
    first = eth(v4(7, 0))
    new = e("senders")
    c.case("packet number 0, valid (a new sender)", [first], new, delivered=1,
           state={7: 1}, settle=0.5)
    c.case("replay of the packet-number-0 frame", [first], e("rx_drop_replay"))
    c.case("packet number 2^55-1, the last valid", [eth(v4(8, (1 << 55) - 1))],
           new, delivered=1, state={8: 1 << 55}, settle=0.5)
    # A known sender moves one epoch at a time: one heard in epoch 0
    # cannot be in epoch 5 (it would have sent 4 * 2^23 frames unheard in
    # a second), and that frame costs no crypto.
    c.case("a valid frame five epochs on: too far ahead of a sender heard "
           "lately", [eth(v4(7, 5 << 23 | 3))], e("rx_drop_epoch"),
           state={7: 1})
    c.case("a valid frame of the next epoch (epoch from the packet number)",
           [eth(v4(7, 1 << 23 | 3))], {},
           delivered=1, state={7: (1 << 23) + 4}, settle=0.5)
    c.case("sealed under another epoch's key than its packet number's",
           [eth(v4(7, 1 << 23 | 4, epoch=0))], auth,
           state={7: (1 << 23) + 4})
    c.case("packet number behind the replay window",
           [eth(v4(7, 10))], e("rx_drop_too_old"))

    # --- lengths --------------------------------------------------------
    whole = g4.sealed(7, 2 << 23, d4())
    c.case("truncated slsec header (10 bytes)",
           [eth(ipv4(g4.raw, 253, whole[:10]))], bad)
    c.case("truncated slsec header (27 bytes, inside the packet number)",
           [eth(ipv4(g4.raw, 253, whole[:HDR - 1]))], bad)
    c.case("header and no tag", [eth(ipv4(g4.raw, 253, whole[:HDR]))], bad)
    c.case("payload one byte short of a tag",
           [eth(ipv4(g4.raw, 253, whole[:HDR + 15]))], bad)
    c.case("zero-length payload, valid",
           [eth(ipv4(g4.raw, 253, g4.sealed(9, 0, b"")))], new,
           state={9: 1}, settle=0.5)
    c.case("IP length longer than the frame (IP drops it first)",
           [eth(ipv4(g4.raw, 253, g4.sealed(10, 0, d4(0)), tot_len=1000))], {})
    c.case("IP length shorter than the frame (trimmed: tag cut)",
           [eth(ipv4(g4.raw, 253, g4.sealed(11, 0, d4(0)),
                     tot_len=IPH + HDR + 68 + 16 - 4))], auth)

    # --- bit flips, re-addressing, protocol -----------------------------
    # Frames are sealed as they are sent: a flip must be what fails, not
    # the clock.
    def w():
        return v4(7, 2 << 23)
    c.case("bit flip in the ciphertext",
           lambda: [eth(flip(w(), at(HDR) + 9, 3))], auth)
    c.case("bit flip in the tag", lambda: [eth(flip(w(), -1, 7))], auth)
    c.case("bit flip in the next-protocol field",
           lambda: [eth(flip(w(), at(O_NEXT), 0))], auth)
    c.case("bit flip in the sender id (a new, forged sender)",
           lambda: [eth(flip(w(), at(O_SENDER + 3), 5))], auth)
    # Another installation of sender 7, stamped later than its newest
    # frame: it waits for its key to be derived, and fails there.
    for i in range(8):
        c.case("bit flip in installation byte %d (a forged restart)" % i,
               lambda i=i: [eth(flip(w(), at(O_INSTALL + i), i))], auth)
    # A timestamp moved by 1, 256 or 4096 ms stays in the window and
    # fails the tag; by 2^16 or 2^31 ms it is stale, found before any
    # crypto is spent.
    for i, bit, why in ((3, 0, auth), (2, 0, auth), (2, 4, auth),
                        (1, 0, stale), (0, 7, stale)):
        c.case("bit flip in timestamp byte %d bit %d (%d ms off): %s" %
               (i, bit, 1 << (8 * (3 - i) + bit), list(why)[0][2]),
               lambda i=i, bit=bit: [eth(flip(w(), at(O_TS + i), bit))], why,
               state={7: (1 << 23) + 4})
    c.case("bit flip in the packet number",
           lambda: [eth(flip(w(), at(O_PN + 7), 1))], auth)
    body = g4.sealed(7, 2 << 23, d4())
    c.case("valid frame re-addressed to another group, same key",
           lambda: [eth(ipv4(g4b.raw, 253, g4.sealed(7, 2 << 23, d4())))],
           e("rx_drop_auth", grp=G4B))
    c.case("valid frame replayed on another device",
           lambda: [eth(ipv4(g4.raw, 253, g4.sealed(7, 2 << 23, d4())))],
           e("rx_drop_auth", dev="air1"), dev="br1")
    c.case("IP protocol changed to UDP", [eth(ipv4(g4.raw, UDP, body))],
           e("rx_drop_plaintext"))
    c.case("IP protocol changed to 254", [eth(ipv4(g4.raw, 254, body))],
           e("rx_drop_plaintext"))
    c.case("sealed frame to the receiver's unicast address (untouched)",
           [eth(ipv4(socket.inet_aton("10.0.0.2"), 253, body))], {})
    c.case("the receiver's own sender id from the air",
           [eth(v4(2, 900))], e("rx_drop_collision"))

    # --- IP options, extension headers ----------------------------------
    ra = b"\x94\x04\x00\x00"
    c.case("IPv4 router alert option, valid",
           [eth(ipv4(g4.raw, 253, g4.sealed(7, 2 << 23, d4()), opts=ra))], {},
           delivered=1, state={7: (2 << 23) + 1}, settle=0.5)
    c.case("IPv4 options of 40 bytes, valid",
           [eth(ipv4(g4.raw, 253, g4.sealed(7, 2 << 23 | 1, d4()),
                     opts=ra + b"\x01" * 36))], {}, delivered=1,
           state={7: (2 << 23) + 2})

    def v6(sender, pn, size=60, **kw):
        return g6.sealed(sender, pn, g6.datagram(c.next_seq(), size), **kw)

    bad6 = e("rx_drop_bad_header", grp=G6, dev=A6)
    c.case("IPv6, valid", [eth(ipv6(g6.raw, 253, v6(7, 0)))],
           e("senders", grp=G6, dev=A6), family=6,
           delivered=1, state={7: 1}, settle=0.5)
    c.case("IPv6 hop-by-hop and destination options before the header, valid",
           [eth(ipv6(g6.raw, HOPOPTS, b"\x3c\x00\x01\x04\0\0\0\0" +
                     exthdrs(1) + v6(7, 1)))], {}, family=6, delivered=1,
           state={7: 2})
    c.case("IPv6, nine extension headers before the header",
           [eth(ipv6(g6.raw, DSTOPTS, exthdrs(9) + v6(7, 2)))], bad6)
    c.case("IPv6, truncated below header and tag",
           [eth(ipv6(g6.raw, 253, v6(7, 3)[:HDR + 10]))], bad6)
    c.case("IPv6 ChaCha20, packet number 2^64-1 (its limit: a bad header)",
           [eth(ipv6(g6.raw, 253, v6(8, (1 << 64) - 1)))], bad6)
    c.case("IPv6 ChaCha20, packet number 2^64-2, the last valid",
           [eth(ipv6(g6.raw, 253, v6(8, (1 << 64) - 2)))],
           e("senders", grp=G6, dev=A6), family=6, delivered=1,
           state={8: (1 << 64) - 1}, settle=0.5)
    c.case("IPv6, stamped %d ms ago (stale)" % (F + 1000),
           lambda: [eth(ipv6(g6.raw, 253, v6(7, 3, ts=now_ms() - F - 1000)))],
           e("rx_drop_stale", grp=G6, dev=A6), family=6, state={7: 2})

    # --- fragments ------------------------------------------------------
    def big4(pn):
        return g4.sealed(7, pn, g4.datagram(c.next_seq(), 2900))
    n = len(big4(0))
    halves = [(0, 1480), (1480, n - 1480)]
    c.case("IPv4 fragments in order, valid", lambda: [eth(f) for f in frags4(
        g4.raw, big4(3 << 23), halves, 0x4201)], {}, delivered=1,
        state={7: (3 << 23) + 1})
    thirds = [(0, 1480), (1480, 1000), (2480, n - 2480)]
    c.case("IPv4 fragments out of order, valid", lambda: [
        eth(f) for f in frags4(g4.raw, big4(3 << 23 | 1), thirds, 0x4202,
                               order=[2, 0, 1])],
        {}, delivered=1, state={7: (3 << 23) + 2})
    c.case("IPv4 first fragment cut inside the slsec header, valid",
           lambda: [eth(f) for f in frags4(
               g4.raw, big4(3 << 23 | 2),
               [(0, 8), (8, 16), (24, 1456), (1480, n - 1480)], 0x4203)], {},
           delivered=1, state={7: (3 << 23) + 3})
    c.case("IPv4 overlapping fragments (reassembly refuses them)",
           lambda: [eth(f) for f in frags4(
               g4.raw, big4(3 << 23 | 3), [(0, 1480), (1472, n - 1472)],
               0x4204)],
           bad, state={7: (3 << 23) + 3})
    n6 = len(v6(7, 4, 2900))
    c.case("IPv6 fragments out of order, valid",
           lambda: [eth(f) for f in reversed(frags6(g6.raw, v6(7, 4, 2900), [
               (0, 1448), (1448, 1448), (2896, n6 - 2896)]))],
           {}, family=6, delivered=1, state={7: 5})
    c.case("IPv6 overlapping fragments (reassembly refuses them)",
           lambda: [eth(f) for f in frags6(g6.raw, v6(7, 5, 2900),
                                           [(0, 1448), (1440, 1448)],
                                           ident=0x6667)],
           bad6, family=6, state={7: 5})

    freshness(c, g4, d4, v4, e)
    restarts(c, g4, d4, v4, e)
    floods(c, g4, v4, e)
    learning(c, g4b)


def freshness(c, g4, d4, v4, e):
    """Timestamps: outside the window either way, before this receiver
    installed the key, inside it, and the order of the checks (cheaper
    reasons first; freshness before any state or crypto).  Sender 9, so
    frames stamped ahead do not move sender 7's newest timestamp."""
    G4, F = g4.addr, FRESHNESS
    stale, auth = e("rx_drop_stale"), e("rx_drop_auth")
    pn = [100]

    def nxt():
        pn[0] += 1
        return pn[0]

    def at_ts(off, sender=9, **kw):
        return lambda: [eth(v4(sender, nxt(), ts=now_ms() + off, **kw))]

    c.case("stamped %d ms ago (the window %d ms and a second): stale" %
           (F + 1000, F), at_ts(-F - 1000), stale)
    c.case("stamped %d ms ahead: stale" % (F + 1000), at_ts(F + 1000), stale)
    c.case("stamped half the 32-bit wrap away (24.8 days): stale",
           at_ts(1 << 31), stale)
    c.case("stamped %d ms ago, inside the window: accepted" % (F - 1500),
           at_ts(-F + 1500), {}, delivered=1, state={9: pn[0] + 2}, settle=0.5)
    c.case("stamped %d ms ahead, inside the window: accepted" % (F - 1500),
           at_ts(F - 1500), {}, delivered=1, state={9: pn[0] + 2}, settle=0.5)
    # A frame heard at once, replayed once it has aged out of the window:
    # stale, whatever the replay window still remembers.
    rec = {}

    def recorded():
        rec["ts"] = now_ms() - F + 1500
        rec["f"] = eth(v4(9, nxt(), ts=rec["ts"]))
        return [rec["f"]]
    c.case("a frame stamped %d ms ago, heard" % (F - 1500), recorded, {},
           delivered=1, state={9: pn[0] + 2}, settle=0.3)
    time.sleep(max(0, rec["ts"] + F + 300 - now_ms()) / 1000)
    c.case("the same frame replayed once older than the window: stale, "
           "not replay", [rec["f"]], stale, state={9: pn[0] + 1})

    # The order of the checks: each of these frames is also stale.
    old = -F - 1000
    c.case("stale and the version wrong: bad header",
           at_ts(old, version=3), e("rx_drop_bad_header"))
    c.case("stale and an unknown key id: unknown key",
           at_ts(old, key_id=200), e("rx_drop_unknown_key"))
    c.case("stale and a revoked sender id: revoked sender",
           at_ts(old, sender=66), e("rx_drop_revoked_sender"))
    c.case("stale and the receiver's own sender id: collision",
           at_ts(old, sender=2), e("rx_drop_collision"))
    c.case("stale, a forged tag, a new sender id: stale, no state made",
           lambda: [eth(ipv4(g4.raw, 253, g4.forged(4000, 0,
                                                     ts=now_ms() + old)))],
           stale)
    c.case("stale, a forged tag, sender 9's installation: stale (no AEAD)",
           lambda: [eth(flip(v4(9, nxt(), ts=now_ms() + old), -1))], stale)

    # Before this receiver installed the key: a key added just now (key 3,
    # pending, so key 1 stays the one in use), a frame stamped a second
    # before, well inside the window.
    fd, path = tempfile.mkstemp()
    pgk3 = os.urandom(16)
    os.write(fd, pgk3.hex().encode() + b"\n")
    os.close(fd)
    t0 = now_ms()
    tool(c.args.ue, "key", "add", "dev", "air0", "addr", G4, "id", "3",
         "keyfile", path, "pending")
    os.unlink(path)
    ts = t0 - 1000

    def before_install():
        if now_ms() - ts >= F - 500:
            print("# (late: the frame is %d ms old, the window %d)" %
                  (now_ms() - ts, F))
        return [eth(v4(7, 0, key_id=3, pgk=pgk3, ts=ts))]
    c.case("stamped a second before the receiver installed the key: stale",
           before_install, stale)
    c.case("under that key, stamped after its installation: accepted",
           lambda: [eth(v4(7, 1, key_id=3, pgk=pgk3))], {}, delivered=1,
           state={7: 2}, key_id=3, settle=0.5)

    # A window the group sets, then none at all.
    c.group_set(G4, "freshness", "2s")
    c.case("freshness 2s: stamped 3 s ago, stale", at_ts(-3000), stale)
    c.case("freshness 2s: stamped 1 s ago, accepted", at_ts(-1000), {},
           delivered=1, state={9: pn[0] + 2}, settle=0.5)
    c.group_set(G4, "freshness", "off")
    c.case("freshness off: stamped an hour ago, accepted", at_ts(-3600000),
           {}, delivered=1, state={9: pn[0] + 2}, settle=0.5)
    c.case("freshness off: stamped before the key was installed, accepted",
           lambda: [eth(v4(7, 2, key_id=3, pgk=pgk3, ts=ts))], {},
           delivered=1, state={7: 3}, key_id=3, settle=0.5)
    c.group_set(G4, "freshness", "%dms" % F)
    c.case("freshness back to %d ms: stamped an hour ago, stale" % F,
           at_ts(-3600000), stale)


def restarts(c, g4, d4, v4, e):
    """Sender 12 restarts again and again, validly (the corpus holds the
    group key): each new installation replaces the one before, the
    replaced ones are refused, and the receiver keeps one installation
    of the sender's key.  Then a restart forged by an outsider."""
    ns, G4 = c.args.ue, g4.addr
    sup = e("rx_drop_superseded")
    S = 12
    c.case("sender 12, first installation: a new sender",
           [eth(v4(S, 0))], e("senders"), delivered=1, state={S: 1},
           settle=0.5)
    sk = sender_keys(ns, "air0", G4).get(S, {}).get(1, {})
    has_restarts, has_install = "restarts" in sk, "install" in sk
    if not has_restarts:
        print("# the tool prints no 'restarts' in the sender dump: the "
              "restart counts are not checked")
    if not has_install:
        print("# the tool prints no 'install' in the sender dump: the "
              "installation followed is not checked")
    r0 = sk.get("restarts", 0)
    if has_install:
        c.report(install_of(sk) == g4.install(S),
                 "sender 12's state follows the installation it sealed under",
                 "dump %r, sealed under 0x%016x" % (sk, g4.install(S)))

    installs = [g4.install(S)]
    last_ts = [now_ms()]
    nv, burst = c.args.reinstalls, 8
    before = counters(ns)
    slab0 = slab_kib()
    done = 0
    late = 0
    while done < nv:
        k = min(burst, nv - done)
        frames = []
        for _ in range(k):
            inst = new_install()
            installs.append(inst)
            last_ts[0] = max(now_ms(), last_ts[0] + 1)
            frames.append(eth(v4(S, 0, install=inst, ts=last_ts[0])))
        c.inject(frames)
        done += k
        end = time.time() + 20
        while True:
            ent = sender_keys(ns, "air0", G4).get(S, {}).get(1, {})
            if has_restarts and ent.get("restarts", 0) - r0 >= done:
                break
            if not has_restarts and has_install and \
                    install_of(ent) == installs[-1]:
                break
            if not has_restarts and not has_install:
                time.sleep(0.5)
                break
            if time.time() > end:
                late += 1
                break
            time.sleep(0.1)
    time.sleep(1)           # RCU frees what the replacements dropped
    g4.installs[(S, 1)] = installs[-1]
    c.delivered[4] += nv
    slab1 = slab_kib()
    d = delta(before, counters(ns))
    keys = sender_keys(ns, "air0", G4).get(S, {})
    ent = keys.get(1, {})
    print("# %d valid restarts of sender 12 in bursts of %d: restarts %s, "
          "slab %+d KiB (unreclaimable %+d KiB)%s" %
          (nv, burst, ent.get("restarts", 0) - r0 if has_restarts
           else "not printed", slab1[0] - slab0[0], slab1[1] - slab0[1],
           ", %d bursts timed out" % late if late else ""))
    c.restarted += nv
    c.report(not d, "%d valid restarts of sender 12: no drop, no new sender"
             % nv, "counters moved %r" % d)
    if has_restarts:
        c.report(ent.get("restarts", 0) - r0 == nv,
                 "sender 12's restart count grew by %d" % nv,
                 "dump %r (restarts were %d)" % (ent, r0))
    if has_install:
        c.report(install_of(ent) == installs[-1],
                 "sender 12's state follows its newest installation",
                 "dump %r, newest 0x%016x" % (ent, installs[-1]))
    c.report(list(keys) == [1] and ent.get("next_pn") == 1,
             "one installation of sender 12's key kept, its window fresh",
             "dump %r" % keys)
    c.report(slab1[1] - slab0[1] <= c.args.slab_bound,
             "%d restarts: unreclaimable slab grew at most %d KiB" %
             (nv, c.args.slab_bound), "grew %d KiB" % (slab1[1] - slab0[1]))

    # The cases below are stamped relative to a new frame of the current
    # installation; the replay case re-sends a frame stamped t1 - 200
    # several cases later, which a slow (debug, TCG) guest can take past
    # 5 s: a one-minute window keeps it a replay, not stale.  (The window
    # goes back to FRESHNESS below.)
    cur, prev, older = installs[-1], installs[-2], installs[-5]
    c.group_set(G4, "freshness", "60s")
    t1 = now_ms()
    c.case("sender 12's newest installation, its next frame: accepted",
           [eth(v4(S, 1, ts=t1))], {}, delivered=1, state={S: 2}, settle=0.5)
    c.case("an earlier installation, stamped before the newest frame: "
           "superseded", [eth(v4(S, 1, install=older, ts=t1 - 1))], sup,
           state={S: 2})
    again = eth(v4(S, 2, ts=t1 - 200))
    c.case("the followed installation, stamped before its newest frame: "
           "accepted (order within one is the replay window's)", [again], {},
           delivered=1, state={S: 3}, settle=0.5)
    c.case("replay of that frame: replay", [again], e("rx_drop_replay"),
           state={S: 3})
    c.case("the replaced installation, valid, stamped now: superseded",
           lambda: [eth(v4(S, 1, install=prev))], sup, state={S: 3})
    c.case("the replaced installation, forged tag: superseded (no AEAD)",
           lambda: [eth(ipv4(g4.raw, 253, g4.forged(S, 1, install=prev)))],
           sup, state={S: 3})

    # What freshness off gives up: nothing orders installations but the
    # one each replaced, so an earlier installation's frame (recorded, or
    # sealed by a member that kept it) displaces the current one, and the
    # current one is then refused as the replaced.
    c.group_set(G4, "freshness", "off")
    c.case("freshness off: an earlier installation's frame displaces the "
           "current one", [eth(v4(S, 7, install=older, ts=t1 - 1))],
           {}, delivered=1, state={S: 8}, settle=0.5)
    ent = sender_keys(ns, "air0", G4).get(S, {}).get(1, {})
    if has_install:
        c.report(install_of(ent) == older,
                 "freshness off: sender 12 now follows the earlier "
                 "installation", "dump %r" % ent)
    c.case("freshness off: the displaced installation is refused as "
           "superseded", lambda: [eth(v4(S, 2, install=cur))], sup,
           state={S: 8})
    c.group_set(G4, "freshness", "%dms" % FRESHNESS)
    g4.installs[(S, 1)] = older
    c.restarted += 1


def floods(c, g4, v4, e):
    A, G4 = "air0", g4.addr
    ns = c.args.ue

    # One frame sealed by sender 1000, its tag broken, re-labelled with
    # a new sender id and stamped again as it goes out: sealing 2000
    # frames would be slow, and the flood may outlast the window.
    nf = c.args.flood
    one = flip(v4(1000, 0), -1)
    so, to = IPH + O_SENDER, IPH + O_TS

    def forged():
        for i in range(nf):
            yield eth(one[:so] + struct.pack("!I", 1000 + i) + one[so + 4:to] +
                      struct.pack("!I", now_ms() & 0xffffffff) + one[to + 4:])
    before = counters(ns)
    slab0 = slab_kib()
    c.inject(forged(), pace=50)
    end = time.time() + 120
    while time.time() < end:
        d = delta(before, counters(ns))
        if d.get(((A, G4), "rx_drop_auth"), 0) + \
                d.get(((A, G4), "rx_drop_backlog"), 0) >= nf:
            break
        time.sleep(0.5)
    time.sleep(1)
    slab1 = slab_kib()
    d = delta(before, counters(ns))
    auth = d.pop(((A, G4), "rx_drop_auth"), 0)
    nostate = d.pop(((A, G4), "rx_drop_backlog"), 0)
    print("# forged-sender flood: %d frames, %d failed authentication in the "
          "work item, %d found the backlog full; slab %+d KiB "
          "(unreclaimable %+d KiB)" %
          (nf, auth, nostate, slab1[0] - slab0[0], slab1[1] - slab0[1]))
    c.report(auth + nostate == nf and auth >= 1 and not d,
             "%d forged sender ids: each dropped once (auth or backlog), "
             "no sender state made" % nf, "auth %d backlog %d other %r" %
             (auth, nostate, d))
    c.report(slab1[1] - slab0[1] <= c.args.slab_bound,
             "%d forged sender ids: unreclaimable slab grew at most %d KiB" %
             (nf, c.args.slab_bound), "grew %d KiB" % (slab1[1] - slab0[1]))

    # Fresh installations of the real member, sender 1, forged: random
    # tags, stamped a second ahead so each is "later" than the member's
    # newest frame and waits for its key.  Sent in bursts one sender's
    # share of the backlog holds, so every one is counted as a failed
    # authentication.
    nr, burst = c.args.restarts, 8
    real0 = sender_keys(ns, A, G4).get(1, {}).get(1, {})
    before = counters(ns)
    slab0 = slab_kib()
    sent = 0
    while sent < nr:
        k = min(burst, nr - sent)
        c.inject([eth(ipv4(g4.raw, 253, g4.forged(
            1, sent + i, install=new_install(), ts=now_ms() + 1000)))
            for i in range(k)])
        sent += k
        end = time.time() + 30
        while delta(before, counters(ns)).get(((A, G4), "rx_drop_auth"), 0) \
                < sent and time.time() < end:
            time.sleep(0.1)
    time.sleep(1.5)         # and the member's next frames arrive
    slab1 = slab_kib()
    d = delta(before, counters(ns))
    real1 = sender_keys(ns, A, G4).get(1, {}).get(1, {})
    print("# forged restarts of sender 1: %d frames, %r; slab %+d KiB "
          "(unreclaimable %+d KiB); sender 1 before %r after %r" %
          (nr, d, slab1[0] - slab0[0], slab1[1] - slab0[1], real0, real1))
    c.report(d == {((A, G4), "rx_drop_auth"): nr},
             "%d forged restarts of the member (sender 1): each rx_drop_auth"
             % nr, "counters moved %r" % d)
    c.report(real1.get("next_pn", 0) > real0.get("next_pn", 0) and
             real1.get("install") == real0.get("install") and
             real1.get("restarts") == real0.get("restarts"),
             "the member's state untouched: same installation, no restart, "
             "its frames still accepted", "before %r after %r" %
             (real0, real1))
    c.report(slab1[1] - slab0[1] <= c.args.slab_bound,
             "%d forged restarts: unreclaimable slab grew at most %d KiB" %
             (nr, c.args.slab_bound), "grew %d KiB" % (slab1[1] - slab0[1]))

    c.case("%d frames under an unknown key id" % c.args.unknown,
           [eth(v4(7, 900, key_id=200))] * c.args.unknown,
           e("rx_drop_unknown_key", c.args.unknown), pace=50, wait=30)


def softnet_drops():
    """Frames the kernel's input backlogs dropped, all CPUs."""
    with open("/proc/net/softnet_stat") as f:
        return sum(int(line.split()[1], 16) for line in f)


def flood_child(w, frames, rate, stop, progress):
    """In a child: inject the templates @frames ({kind: (bytes, patch)})
    in turn at about @rate frames a second until @stop exists, each
    patched (patch(buf, i)) and stamped now; report the counts on @w,
    and as it goes in @progress (shared memory: a u64 per kind, in
    @frames' order)."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind(("br0", 0))
    kinds = list(frames)
    n = dict.fromkeys(kinds, 0)
    t0 = time.time()
    i = 0
    to = 14 + IPH + O_TS
    while not os.path.exists(stop):
        for _ in range(50):
            k = kinds[i % len(kinds)]
            buf, patch = frames[k]
            patch(buf, i)
            struct.pack_into("!I", buf, to, now_ms() & 0xffffffff)
            try:
                s.send(buf)
                n[k] += 1
            except OSError:
                pass
            i += 1
        struct.pack_into("=%dQ" % len(kinds), progress, 0,
                         *(n[k] for k in kinds))
        ahead = i / rate - (time.time() - t0) if rate else 0
        if ahead > 0:
            time.sleep(ahead)
    n["secs"] = time.time() - t0
    os.write(w, json.dumps(n).encode())
    os._exit(0)


class SlabPeak(threading.Thread):
    """Samples the unreclaimable slab every few ms: the peak, in KiB."""
    def __init__(self):
        super().__init__(daemon=True)
        self.peak = slab_kib()[1]
        self.halt = False

    def run(self):
        while not self.halt:
            self.peak = max(self.peak, slab_kib()[1])
            time.sleep(0.003)


def learning(c, g):
    """The learning path under a forged flood (finding 3 of issue 16),
    on group @g (239.4.4.5, no other traffic): forged frames of unknown
    senders and of far epochs of a known sender, injected continuously by
    another process at a rate that keeps a 64-frame backlog full; while
    it runs a known sender rolls over two epochs and a new sender joins,
    and neither may lose a frame to it.  Then the backlog's bounds: one
    sender id's share, and a burst of reassembled 60 KB datagrams."""
    ns, A, G = c.args.ue, "air0", g.addr
    gid = (A, G)
    K, N = 21, 30           # a known sender, the first new one

    def frame(sender, pn, **kw):
        return eth(ipv4(g.raw, 253, g.sealed(sender, pn, g.datagram(
            c.next_seq()), **kw)))

    def opened(before):
        return counters(ns)[gid]["rx_packets"] - before[gid]["rx_packets"]

    c.case("learning: sender 21 heard (a known sender)", [frame(K, 0)],
           {(A, G, "senders"): 1}, settle=0.5)
    inst = g.install(K)
    # Templates, patched per frame: a new sender id each time, or one
    # of sender 21's installation a hundred epochs and more ahead.
    unk = bytearray(eth(ipv4(g.raw, 253, g.forged(0x40000000, 0))))
    far = bytearray(eth(ipv4(g.raw, 253, g.forged(K, 100 << 23,
                                                  install=inst))))
    # Forged restarts of sender 21: installation ids travel in the clear,
    # so they wait with new senders' frames, not with its rollover.
    rst = bytearray(eth(ipv4(g.raw, 253, g.forged(K, 0,
                                                  install=inst ^ 1 << 63))))
    so, po = 14 + IPH + O_SENDER, 14 + IPH + O_PN
    io = 14 + IPH + O_INSTALL

    def p_rst(b, i):
        struct.pack_into("!Q", b, io, (inst ^ 1 << 63) + i)

    def p_unk(b, i):
        struct.pack_into("!I", b, so, 0x40000000 + i)

    def p_far(b, i):
        struct.pack_into("!Q", b, po, (100 + i % 100000) << 23 | i & 0xff)

    m0 = senders(ns, A, c.args.g4).get(1, 0)
    t_m0 = time.time()
    rate = c.args.learn_rate
    stop = tempfile.mktemp()
    before = counters(ns)
    sd0 = softnet_drops()
    r, w = os.pipe()
    progress = mmap.mmap(-1, 3 * 8)     # shared with the child
    pid = os.fork()
    if pid == 0:
        os.close(r)
        flood_child(w, {"unknown": (unk, p_unk), "far": (far, p_far),
                        "restart": (rst, p_rst)}, rate, stop, progress)
    os.close(w)
    # The flood's head start: a second, and until it sent FLOOD_HEAD
    # frames of each kind (at most a minute): a slow guest floods more
    # slowly, and the measurements below then start under a flood as
    # well under way, which also reaches the counts "the flood ran all
    # along" asks.  The flood's backlog is full by now.
    t_h = time.time()
    while time.time() - t_h < 1 or \
            (min(struct.unpack("=3Q", progress)) < FLOOD_HEAD and
             time.time() - t_h < 60):
        time.sleep(0.05)

    # (b) sender 21 keeps sending, jumps to the end of its epoch 0 and
    # rolls over into epoch 1, then into epoch 2: nothing may be lost.
    seq = list(range(1, 21))
    for e in (1, 2):
        seq += list(range((e << 23) - 30, (e << 23) + 30))
    b0 = counters(ns)
    for pn in seq:
        c.inject([frame(K, pn)])
        time.sleep(0.01)
    time.sleep(0.5)
    got_k = opened(b0)
    # (a) senders this receiver has no state for join: 20 of them, 3
    # frames each.
    news = list(range(N, N + 20))
    n_new = 3 * len(news)
    b0 = counters(ns)
    for pn in range(3):
        for n in news:
            c.inject([frame(n, pn)])
            time.sleep(0.01)
    time.sleep(0.5)
    got_n = opened(b0)
    open(stop, "w").close()
    _, st = os.waitpid(pid, 0)
    sent = json.loads(os.read(r, 4096).decode() or "{}")
    os.close(r)
    os.unlink(stop)
    time.sleep(1)
    d = delta(before, counters(ns))
    sd = softnet_drops() - sd0
    st_now = senders(ns, A, G)
    m1 = senders(ns, A, c.args.g4).get(1, 0)
    print("# the member meanwhile: %d frames opened in %.1f s" %
          (m1 - m0, time.time() - t_m0))
    secs = sent.get("secs", 1)
    nu, nf = sent.get("unknown", 0), sent.get("far", 0)
    nr = sent.get("restart", 0)
    auth = d.pop((gid, "rx_drop_auth"), 0)
    sup = d.pop((gid, "rx_drop_superseded"), 0)
    full = d.pop((gid, "rx_drop_backlog"), 0)
    nostate = d.pop((gid, "rx_drop_no_state"), 0)
    epoch = d.pop((gid, "rx_drop_epoch"), 0)
    nsend = d.pop((gid, "senders"), 0)
    print("# learning flood: %d forged frames in %.1f s (%d/s): %d of new "
          "sender ids, %d of far epochs and %d restarts of sender 21; auth "
          "%d, backlog full %d, no-state %d, epoch %d, superseded %d; input "
          "backlog drops %d" %
          (nu + nf + nr, secs, (nu + nf + nr) / secs, nu, nf, nr, auth,
           full, nostate, epoch, sup, sd))
    print("# under the flood: sender 21 rolled over twice, %d of %d frames "
          "opened; 20 new senders: %d of %d frames opened" %
          (got_k, len(seq), got_n, n_new))
    c.report(got_k == len(seq),
             "under a forged flood a known sender rolls over two epochs, "
             "no frame lost", "%d of %d opened" % (got_k, len(seq)))
    # A new sender's first frame cannot be told from a forgery before it
    # is tried: above the work item's pace one may find the backlog full
    # (at 10 000 forged frames a second, 1 of 60); the next one gets in.
    c.report(all(n in st_now for n in news) and got_n >= n_new * 9 // 10,
             "under a forged flood 20 new senders are all heard, at most "
             "a tenth of their frames lost",
             "%d of %d opened, senders %r" % (got_n, n_new, st_now))
    c.report(nf - sd <= epoch <= nf,
             "far epochs of a known sender: each rx_drop_epoch, before "
             "any crypto", "%d sent, %d rx_drop_epoch (%d input drops)" %
             (nf, epoch, sd))
    lost_n = n_new - got_n  # the new senders' frames that found it full
    c.report(nu + nr - sd <= auth + full + nostate + sup <=
             nu + nr + lost_n and nostate == 0 and
             nsend == len(news) and not d,
             "new sender ids and forged restarts: each rx_drop_auth, "
             "rx_drop_backlog or (restarts) rx_drop_superseded, no other "
             "drop, no state but the new senders'",
             "auth %d backlog %d no-state %d superseded %d senders %+d "
             "other %r" % (auth, full, nostate, sup, nsend, d))
    c.report(os.WIFEXITED(st) and nu >= 1000 and nf >= 1000 and nr >= 1000,
             "the flood ran all along (%d frames a second)" %
             ((nu + nf + nr) / secs),
             "%d + %d + %d frames in %.1f s" % (nu, nf, nr, secs))

    ipc = shutil.which("ip") or "/sbin/ip"

    def sysctl(name, v=None):
        """net.ipv4.NAME in the receiving UE: read, or set to @v."""
        f = "/proc/sys/net/ipv4/" + name
        cmd = "cat %s" % f if v is None else "echo %s >%s" % (v, f)
        return subprocess.run([ipc, "netns", "exec", ns, "sh", "-c", cmd],
                              capture_output=True, text=True,
                              check=True).stdout.strip()
    # Datagrams staged side by side: no limit on fragments between two
    # of one datagram from one source.
    dist = sysctl("ipfrag_max_dist")
    sysctl("ipfrag_max_dist", 0)

    # (d) one sender id's share: 128 forged restarts of sender 21 at
    # once, 12 KB datagrams staged as fragments and completed together
    # (so they arrive faster than the work item tries them: each try
    # opens 12 KB; on the debug kernel 64 of 4 KB all got tried in time).
    # Four times the share (32), the share well below the byte bound.
    nb = 128
    fr = []
    for i in range(nb):
        body = g.forged(K, 100 + i, size=12000, install=new_install(),
                        ts=now_ms() + 1000)
        fr.append([eth(f) for f in frags4(
            g.raw, body, [(o, min(1480, len(body) - o))
                          for o in range(0, len(body), 1480)], 0x6000 + i)])
    b0 = counters(ns)
    for f in fr:
        c.inject(f[:-1])
    c.inject([f[-1] for f in fr])
    end = time.time() + 10
    while time.time() < end:
        dd = delta(b0, counters(ns))
        if dd.get((gid, "rx_drop_auth"), 0) + \
                dd.get((gid, "rx_drop_backlog"), 0) >= nb:
            break
        time.sleep(0.1)
    time.sleep(0.3)
    dd = delta(b0, counters(ns))
    a2 = dd.pop((gid, "rx_drop_auth"), 0)
    f2 = dd.pop((gid, "rx_drop_backlog"), 0)
    print("# %d forged restarts of sender 21 at once: %d waited (auth), %d "
          "found its share full" % (nb, a2, f2))
    c.report(a2 + f2 == nb and f2 >= 1 and not dd,
             "%d forged restarts of one sender at once: its share of the "
             "backlog fills, rx_drop_backlog" % nb,
             "auth %d backlog %d other %r" % (a2, f2, dd))

    # (e) reassembled 60 KB datagrams of forged senders: 80 of them staged
    # (every fragment but the last; the receiver's fragment memory raised
    # so all fit) and completed at once.  A 64-frame backlog takes 64 of
    # them, some 8 MB; one bounded in bytes takes a handful.
    # Building and staging 3 280 fragments takes longer than the 5 s
    # window on the debug kernel: the group's window is widened for the
    # case, which measures the backlog, not freshness.
    thresh = sysctl("ipfrag_high_thresh")
    sysctl("ipfrag_high_thresh", 256 << 20)
    c.group_set(G, "freshness", "120s")
    nd, size = 80, 60000
    dgrams = []
    for i in range(nd):
        body = g.forged(0x50000000 + i, 0, size=size)
        dgrams.append([eth(f) for f in frags4(
            g.raw, body, [(o, min(1480, len(body) - o))
                          for o in range(0, len(body), 1480)],
            0x5000 + i)])
    b0 = counters(ns)
    slab0 = slab_kib()
    mon = SlabPeak()
    mon.start()
    for fr in dgrams:
        c.inject(fr[:-1])
    staged = slab_kib()
    c.inject([fr[-1] for fr in dgrams])
    time.sleep(0.05)
    held = slab_kib()
    end = time.time() + 20
    while time.time() < end:
        dd = delta(b0, counters(ns))
        if sum(dd.get((gid, k), 0) for k in
               ("rx_drop_auth", "rx_drop_backlog", "rx_drop_no_state")) >= nd:
            break
        time.sleep(0.1)
    time.sleep(1)
    mon.halt = True
    mon.join()
    slab1 = slab_kib()
    sysctl("ipfrag_high_thresh", thresh)
    sysctl("ipfrag_max_dist", dist)
    c.group_set(G, "freshness", "%dms" % FRESHNESS)
    dd = delta(b0, counters(ns))
    a3 = dd.pop((gid, "rx_drop_auth"), 0)
    f3 = dd.pop((gid, "rx_drop_backlog"), 0)
    n3 = dd.pop((gid, "rx_drop_no_state"), 0)
    print("# %d forged 60 KB datagrams (%d fragments each) completed at "
          "once: %d waited and failed authentication, %d found the backlog "
          "full (no-state %d); unreclaimable slab: staged %+d KiB, peak "
          "%+d KiB, 50 ms after the burst %+d KiB, 1 s after %+d KiB" %
          (nd, len(dgrams[0]), a3, f3, n3, staged[1] - slab0[1],
           mon.peak - slab0[1], held[1] - slab0[1], slab1[1] - slab0[1]))
    # How many wait depends on how fast the work item tries them while
    # the burst still completes (on the debug kernel, half); the byte
    # bound turns at least a quarter away.
    c.report(a3 + f3 + n3 == nd and f3 >= nd // 4 and n3 == 0 and not dd,
             "%d reassembled 60 KB datagrams at once: the backlog is "
             "bounded in bytes, at least a quarter rx_drop_backlog" % nd,
             "auth %d backlog %d no-state %d other %r" % (a3, f3, n3, dd))
    c.report(held[1] - slab0[1] <= 2 * c.args.slab_bound,
             "%d reassembled 60 KB datagrams: 50 ms after they completed, "
             "what waits holds at most %d KiB of unreclaimable slab" %
             (nd, 2 * c.args.slab_bound), "%d KiB" % (held[1] - slab0[1]))
    c.report(slab1[1] - slab0[1] <= c.args.slab_bound,
             "%d reassembled 60 KB datagrams: unreclaimable slab grew at "
             "most %d KiB" % (nd, c.args.slab_bound),
             "grew %d KiB" % (slab1[1] - slab0[1]))


def main():
    global TOOL, UE_MAC
    p = argparse.ArgumentParser()
    p.add_argument("--ue", required=True, help="the receiving UE's netns")
    p.add_argument("--ue-mac", required=True)
    p.add_argument("--tool", required=True)
    p.add_argument("--key", required=True, help="the groups' key, hex file")
    p.add_argument("--key6", required=True)
    p.add_argument("--g4", default="239.4.4.4")
    p.add_argument("--g4b", default="239.4.4.5")
    p.add_argument("--g6", default="ff05::4:4")
    p.add_argument("--flood", type=int, default=2000)
    p.add_argument("--unknown", type=int, default=500)
    p.add_argument("--restarts", type=int, default=500,
                   help="forged installations of the member")
    p.add_argument("--reinstalls", type=int, default=64,
                   help="valid installations of a crafted sender")
    p.add_argument("--learn-rate", type=int, default=0,
                   help="forged frames a second while the learning path "
                   "is measured (0: as fast as they go)")
    p.add_argument("--slab-bound", type=int, default=1024,
                   help="KiB of unreclaimable slab a flood may leave")
    args = p.parse_args()
    TOOL = args.tool
    UE_MAC = bytes.fromhex(args.ue_mac.replace(":", ""))
    key = bytes.fromhex(open(args.key).read().strip())
    key6 = bytes.fromhex(open(args.key6).read().strip())
    c = Corpus(args)
    cases(c, Group(args.g4, AES128, key), Group(args.g4b, AES128, key),
          Group(args.g6, CHACHA, key6))
    print("# corpus: %d checks; valid frames delivered: IPv4 %d, IPv6 %d" %
          (c.n, c.delivered[4], c.delivered[6]))
    print("# delivered4 %d" % c.delivered[4])
    print("# delivered6 %d" % c.delivered[6])
    print("# restarted %d" % c.restarted)
    sys.exit(1 if c.failed else 0)


TOOL = "slsec"
UE_MAC = b""
if __name__ == "__main__":
    main()
