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

Run in the air namespace: hostile.py --ns-prefix P --key KEYFILE ...
"""
import argparse
import json
import os
import socket
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "kunit"))
sys.path.insert(0, HERE)
import mcast  # noqa: E402  (payloads the receiver recognises)
import vectors  # noqa: E402  (KDF and sealing, independent of the kernel)

AES128, CHACHA = 1, 3
UDP, HOPOPTS, DSTOPTS, FRAGMENT = 17, 0, 60, 44
SRC4, SRC6 = socket.inet_aton("10.0.0.77"), socket.inet_pton(socket.AF_INET6, "fd00::77")
SRC_MAC = bytes.fromhex("020000000077")
PORT = 5000

# What a case's frames may move: every drop counter, and the number of
# senders with receive state.  rx_packets/rx_bytes also move with the
# legitimate traffic and are not compared.
DROPS = ["rx_drop_bad_header", "rx_drop_unknown_key", "rx_drop_revoked_key",
         "rx_drop_retired_key", "rx_drop_auth", "rx_drop_replay",
         "rx_drop_too_old", "rx_drop_no_state", "rx_drop_plaintext",
         "rx_drop_collision", "rx_drop_revoked_sender", "rx_drop_nomem",
         "rx_plaintext"]


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

    def sealed(self, sender, pn, body, key_id=1, epoch=None, seal_group=None,
               version=1, flags=0, next_proto=UDP):
        """slsec header || ciphertext || tag, sealed as a member would."""
        epoch = (pn >> self.shift) & 0xffffffff if epoch is None else epoch
        grp = seal_group or self.raw
        _, key, iv = vectors.traffic(self.pgk, grp, key_id, self.alg, sender,
                                     epoch)
        hdr = vectors.header(next_proto, key_id, sender, epoch, pn)
        _, _, ct = vectors.seal(self.alg, key, iv, grp, hdr, pn, body)
        hdr = bytes([version]) + hdr[1:3] + bytes([flags]) + hdr[4:]
        return hdr + ct

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


def senders(ns, dev, addr):
    """{sender id: next_pn under key 1}: the UE's receive state."""
    out = {}
    for s in tool(ns, "sender", "show", "dev", dev, "addr", addr):
        for k in s.get("keys", []):
            out[s["sender"]] = k["next_pn"]
    return out


def slab_kib():
    """The kernel's slab memory (all of it: a trend, not an account)."""
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("Slab:"):
                return int(line.split()[1])
    return 0


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
             delivered=0, family=4, settle=0.3, wait=5.0, pace=0):
        """Inject @frames; the receiver's drop counters must move by
        exactly @expect ({(dev, addr, counter): n}), its receive state
        must show @state ({sender: next_pn} on @family's group)."""
        ns = self.args.ue
        want = {((d, a), c): v for (d, a, c), v in (expect or {}).items()}
        before = counters(ns)
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
            have = senders(ns, "air0", grp)
            ok = all(have.get(s) == pn for s, pn in state.items())
            detail = "sender state %r, expected %r" % (have, state)
        self.delivered[family] += delivered
        self.report(ok, name, detail)

    def next_seq(self):
        self.seq += 1
        return self.seq


def cases(c, g4, g4b, g6):
    """The corpus.  Sender 1 is the legitimate member, 2 the receiver."""
    A, A6 = "air0", "air0"
    G4, G4B, G6 = g4.addr, g4b.addr, g6.addr

    def d4(seq=None):
        return g4.datagram(seq if seq is not None else c.next_seq())

    def v4(sender, pn, **kw):
        return ipv4(g4.raw, 253, g4.sealed(sender, pn, d4(), **kw))

    def e(name, n=1, grp=G4, dev=A):
        return {(dev, grp, name): n}

    bad = e("rx_drop_bad_header")
    # --- header fields at their limits and beyond ---------------------
    for ver in (0, 2, 255):
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
    c.case("sender id 0, forged tag", [eth(flip(v4(0, 900), -1))],
           e("rx_drop_auth"))
    c.case("sender id 2^32-1, forged tag",
           [eth(flip(v4(0xffffffff, 900), -1))], e("rx_drop_auth"))
    c.case("a revoked sender id, valid tag", [eth(v4(66, 900))],
           e("rx_drop_revoked_sender"))
    c.case("epoch one ahead of the packet number",
           [eth(v4(7, 900, epoch=1))], bad)
    c.case("epoch one behind the packet number",
           [eth(v4(7, 1 << 23, epoch=0))], bad)
    c.case("packet number 2^64-1", [eth(v4(7, (1 << 64) - 1))], bad)
    c.case("packet number 2^55, past AES-GCM's last",
           [eth(v4(7, 1 << 55, epoch=(1 << 32) - 1))], bad)
    first = eth(v4(7, 0))
    new = e("senders")
    c.case("packet number 0, valid (a new sender)", [first], new, delivered=1,
           state={7: 1}, settle=0.5)
    c.case("packet number 2^55-1, the last valid", [eth(v4(8, (1 << 55) - 1))],
           new, delivered=1, state={8: 1 << 55}, settle=0.5)
    c.case("replay of the packet-number-0 frame", [first], e("rx_drop_replay"))
    c.case("a valid frame five epochs on", [eth(v4(7, 5 << 23 | 3))], {},
           delivered=1, state={7: (5 << 23) + 4}, settle=0.5)
    c.case("packet number behind the replay window",
           [eth(v4(7, 10))], e("rx_drop_too_old"))

    # --- lengths --------------------------------------------------------
    whole = g4.sealed(7, 6 << 23, d4())
    c.case("truncated slsec header (10 bytes)",
           [eth(ipv4(g4.raw, 253, whole[:10]))], bad)
    c.case("header and no tag", [eth(ipv4(g4.raw, 253, whole[:20]))], bad)
    c.case("payload one byte short of a tag",
           [eth(ipv4(g4.raw, 253, whole[:35]))], bad)
    c.case("zero-length payload, valid",
           [eth(ipv4(g4.raw, 253, g4.sealed(9, 0, b"")))], new,
           state={9: 1}, settle=0.5)
    c.case("IP length longer than the frame (IP drops it first)",
           [eth(ipv4(g4.raw, 253, g4.sealed(10, 0, d4(0)), tot_len=1000))], {})
    c.case("IP length shorter than the frame (trimmed: tag cut)",
           [eth(ipv4(g4.raw, 253, g4.sealed(11, 0, d4(0)),
                     tot_len=20 + 20 + 68 + 16 - 4))], e("rx_drop_auth"))

    # --- bit flips, re-addressing, protocol -----------------------------
    w = v4(7, 7 << 23)
    c.case("bit flip in the ciphertext", [eth(flip(w, 20 + 20 + 9, 3))],
           e("rx_drop_auth"))
    c.case("bit flip in the tag", [eth(flip(w, -1, 7))], e("rx_drop_auth"))
    c.case("bit flip in the next-protocol field", [eth(flip(w, 21, 0))],
           e("rx_drop_auth"))
    c.case("bit flip in the sender id (a new, forged sender)",
           [eth(flip(w, 27, 5))], e("rx_drop_auth"))
    body = g4.sealed(7, 8 << 23, d4())
    c.case("valid frame re-addressed to another group, same key",
           [eth(ipv4(g4b.raw, 253, body))], e("rx_drop_auth", grp=G4B))
    c.case("valid frame replayed on another device",
           [eth(ipv4(g4.raw, 253, body))], e("rx_drop_auth", dev="air1"),
           dev="br1")
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
           [eth(ipv4(g4.raw, 253, g4.sealed(7, 9 << 23, d4()), opts=ra))], {},
           delivered=1, state={7: (9 << 23) + 1}, settle=0.5)
    c.case("IPv4 options of 40 bytes, valid",
           [eth(ipv4(g4.raw, 253, g4.sealed(7, 9 << 23 | 1, d4()),
                     opts=ra + b"\x01" * 36))], {}, delivered=1,
           state={7: (9 << 23) + 2})

    def v6(sender, pn, size=60):
        return g6.sealed(sender, pn, g6.datagram(c.next_seq(), size))

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
           [eth(ipv6(g6.raw, 253, v6(7, 3)[:30]))], bad6)

    # --- fragments ------------------------------------------------------
    big = g4.sealed(7, 10 << 23, g4.datagram(c.next_seq(), 2900))
    n = len(big)
    halves = [(0, 1480), (1480, n - 1480)]
    c.case("IPv4 fragments in order, valid", [eth(f) for f in frags4(
        g4.raw, big, halves, 0x4201)], {}, delivered=1, state={7: (10 << 23) + 1})
    big = g4.sealed(7, 10 << 23 | 1, g4.datagram(c.next_seq(), 2900))
    c.case("IPv4 fragments out of order, valid", [eth(f) for f in frags4(
        g4.raw, big, [(0, 1480), (1480, 1000), (2480, n - 2480)], 0x4202,
        order=[2, 0, 1])], {}, delivered=1, state={7: (10 << 23) + 2})
    big = g4.sealed(7, 10 << 23 | 2, g4.datagram(c.next_seq(), 2900))
    c.case("IPv4 first fragment cut inside the slsec header, valid",
           [eth(f) for f in frags4(g4.raw, big, [(0, 8), (8, 1472), (1480, n - 1480)],
                                    0x4203)], {},
           delivered=1, state={7: (10 << 23) + 3})
    big = g4.sealed(7, 10 << 23 | 3, g4.datagram(c.next_seq(), 2900))
    c.case("IPv4 overlapping fragments (reassembly refuses them)",
           [eth(f) for f in frags4(g4.raw, big, [(0, 1480), (1464, n - 1464)],
                                             0x4204)],
           bad, state={7: (10 << 23) + 3})
    big6 = v6(7, 4, 2900)
    n6 = len(big6)
    c.case("IPv6 fragments out of order, valid",
           [eth(f) for f in reversed(frags6(g6.raw, big6, [
               (0, 1448), (1448, 1448), (2896, n6 - 2896)]))],
           {}, family=6, delivered=1, state={7: 5})
    big6 = v6(7, 5, 2900)
    c.case("IPv6 overlapping fragments (reassembly refuses them)",
           [eth(f) for f in frags6(g6.raw, big6, [(0, 1448), (1440, 1448)],
                                   ident=0x6667)],
           bad6, family=6, state={7: 5})

    # --- floods ---------------------------------------------------------
    # One frame sealed by sender 1000, its tag broken, re-labelled with
    # a new sender id each time: sealing 2000 frames would be slow.
    nf = c.args.flood
    one = flip(v4(1000, 0), -1)
    forged = [eth(one[:24] + struct.pack("!I", 1000 + i) + one[28:])
              for i in range(nf)]
    before = counters(c.args.ue)
    slab0 = slab_kib()
    c.inject(forged, pace=50)
    end = time.time() + 120
    while time.time() < end:
        d = delta(before, counters(c.args.ue))
        if d.get(((A, G4), "rx_drop_auth"), 0) + \
                d.get(((A, G4), "rx_drop_no_state"), 0) >= nf:
            break
        time.sleep(0.5)
    time.sleep(0.5)
    d = delta(before, counters(c.args.ue))
    auth = d.pop(((A, G4), "rx_drop_auth"), 0)
    nostate = d.pop(((A, G4), "rx_drop_no_state"), 0)
    print("# forged-sender flood: %d frames, %d failed authentication in the "
          "work item, %d found the backlog full; slab memory %+d KiB" %
          (nf, auth, nostate, slab_kib() - slab0))
    c.report(auth + nostate == nf and auth >= 1 and not d,
             "%d forged sender ids: each dropped once (auth or no-state), "
             "no sender state made" % nf, "auth %d no-state %d other %r" %
             (auth, nostate, d))
    c.case("%d frames under an unknown key id" % c.args.unknown,
           [eth(v4(7, 900, key_id=200))] * c.args.unknown,
           e("rx_drop_unknown_key", c.args.unknown), pace=50, wait=30)


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
    sys.exit(1 if c.failed else 0)


TOOL = "slsec"
UE_MAC = b""
if __name__ == "__main__":
    main()
