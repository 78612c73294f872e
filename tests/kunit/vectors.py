#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Known-answer vectors for slsec's KDF and frame sealing (wire format 2),
computed independently of the kernel code (Python's hmac, and the AEADs of
python3-cryptography).  Writes vectors.h for the KUnit suites and, with
--rst, the worked example of Documentation/wire-format.rst.

    tests/kunit/vectors.py > tests/kunit/vectors.h
    tests/kunit/vectors.py --rst
"""
import hashlib
import hmac
import struct
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

WIRE_VERSION = 2
HDR_LEN, TAG_LEN = 28, 16
FC_PTK, FC_PEK = 0xF0, 0xF1
PEK_ENC_KEY, PEK_NONCE_IV = 0x01, 0x02
# alg: (label, key length, epoch shift)
ALGS = {1: ("aes-gcm-128", 16, 23), 2: ("aes-gcm-256", 32, 23),
        3: ("chacha20-poly1305", 32, 32)}
IPPROTO_UDP = 17


def kdf_input(fc, *params):
    """TS 33.220 Annex B.2's S = FC || P0 || L0 || ... (Li = be16 len)."""
    s = bytes([fc])
    for p in params:
        s += p + struct.pack(">H", len(p))
    return s


def kdf(key, fc, *params):
    """TS 33.220 Annex B.2: HMAC-SHA-256(key, S)."""
    return hmac.new(key, kdf_input(fc, *params), hashlib.sha256).digest()


def ptk_params(group, key_id, sender, install, epoch):
    """P0..P4 of the PTK: group, key id, sender, installation, epoch."""
    return (group, bytes([key_id]), struct.pack(">I", sender),
            struct.pack(">Q", install), struct.pack(">I", epoch))


def traffic(pgk, group, key_id, alg, sender, install, epoch):
    """(PTK, AEAD key, IV) of one sender's installation and epoch."""
    keylen = ALGS[alg][1]
    ptk = kdf(pgk, FC_PTK, *ptk_params(group, key_id, sender, install, epoch))
    key = kdf(ptk, FC_PEK, bytes([PEK_ENC_KEY]), bytes([alg]))[-keylen:]
    iv = kdf(ptk, FC_PEK, bytes([PEK_NONCE_IV]), bytes([alg]))[-12:]
    return ptk, key, iv


def header(next_proto, key_id, sender, install, ts, pn):
    """The 28-byte slsec header, version 2, flags 0; @ts is taken mod 2^32."""
    return struct.pack(">BBBBIQIQ", WIRE_VERSION, next_proto, key_id, 0,
                       sender, install, ts & 0xFFFFFFFF, pn)


def nonce(iv, pn):
    return iv[:4] + bytes(a ^ b for a, b in zip(iv[4:], struct.pack(">Q", pn)))


def seal(alg, key, iv, group, hdr, pn, payload):
    aad = group + hdr
    aead = ChaCha20Poly1305(key) if alg == 3 else AESGCM(key)
    return aad, nonce(iv, pn), aead.encrypt(nonce(iv, pn), payload, aad)


V4_GROUP = bytes([239, 1, 1, 1])
V6_GROUP = bytes.fromhex("ff0e0000000000000000000000000101")
EXAMPLE_INSTALL = 0xD41F7A0295C83EB6
EXAMPLE_TS = 1768465800000      # 2026-01-15 08:30:00.000 UTC, in ms

KDF_CASES = [
    # key, fc, params
    # The v2 PTK shape: group, key id, sender, installation, epoch.
    (bytes(range(32)), FC_PTK,
     list(ptk_params(V4_GROUP, 1, 7, 0x8000000000000001, 0))),
    # The v1 PTK shape (no installation): still a valid KDF input.
    (bytes(range(32)), FC_PTK, [bytes([239, 1, 1, 1]), b"\x01",
                                b"\x00\x00\x00\x07", b"\x00\x00\x00\x00"]),
    (b"\xaa" * 16, 0x42, [b"slsec"]),
    (b"\x01" * 64, FC_PEK, [b"\x02", b"\x03"]),
    (b"\x5a" * 33, 0x00, []),
]

FRAME_CASES = [
    # alg, pgk, group, key_id, sender, install, ts (ms), pn, payload
    # 0: the worked example of Documentation/wire-format.rst.
    (1, bytes(range(16)), V4_GROUP, 1, 7, EXAMPLE_INSTALL, EXAMPLE_TS, 5,
     bytes.fromhex("9c4013880017 0000") + b"hello, sidelink"),
    # 1: epoch 1, IPv6, small values (byte order visible).
    (2, bytes(range(32)), V6_GROUP, 3, 0x01020304, 1, 0x2B5CEE00,
     (1 << 23) + 9, b"group call, talk group 7"),
    # 2: every bit of installation and timestamp set, epoch 5, empty.
    (3, bytes(range(0x80, 0xA0)), bytes([239, 2, 2, 2]), 255, 0xFFFFFFFE,
     0xFFFFFFFFFFFFFFFF, 0xFFFFFFFF, (5 << 32) + 1, b""),
    # 3: only the top bits set, epoch 0, IPv6.
    (3, b"\x42" * 32, bytes.fromhex("ff050000000000000000000000010003"), 0,
     1, 1 << 63, 1 << 31, 0, b"\x00" * 8 + b"first frame of an installation"),
    # 4: the last AES-GCM packet number (epoch 2^32 - 1), a full payload.
    (1, bytes(range(0xF0, 0x100)), V6_GROUP, 2, 0x80000001,
     0x0123456789ABCDEF, 0x7FFFFFFF, (1 << 55) - 1, bytes(range(64))),
]


def frame(case):
    """(epoch, PTK, key, IV, header, AAD, nonce, ciphertext || tag)."""
    alg, pgk, group, key_id, sender, install, ts, pn, payload = case
    epoch = pn >> ALGS[alg][2]
    ptk, key, iv = traffic(pgk, group, key_id, alg, sender, install, epoch)
    hdr = header(IPPROTO_UDP, key_id, sender, install, ts, pn)
    aad, n, ct = seal(alg, key, iv, group, hdr, pn, payload)
    return epoch, ptk, key, iv, hdr, aad, n, ct


def c_bytes(b, indent="\t\t"):
    if not b:
        return "{ 0 }"
    rows = [", ".join("0x%02x" % x for x in b[i:i + 8])
            for i in range(0, len(b), 8)]
    return "{\n" + ",\n".join(indent + "\t" + r for r in rows) + "\n" + indent + "}"


def emit_header():
    maxp = max(len(p) for _, _, p in KDF_CASES)
    out = ["/* SPDX-License-Identifier: GPL-2.0 */",
           "/* Generated by tests/kunit/vectors.py: do not edit. */",
           "#ifndef _SLSEC_TEST_VECTORS_H", "#define _SLSEC_TEST_VECTORS_H", "",
           "struct slsec_kdf_vector {", "\tu8 key[64];", "\tunsigned int keylen;",
           "\tu8 fc;", "\tunsigned int nparams;", "\tu8 param[%d][16];" % maxp,
           "\tu16 plen[%d];" % maxp, "\tu8 out[32];", "};", "",
           "static const struct slsec_kdf_vector slsec_kdf_vectors[] = {"]
    for key, fc, params in KDF_CASES:
        out.append("\t{")
        out.append("\t\t.key = %s," % c_bytes(key))
        out.append("\t\t.keylen = %d, .fc = 0x%02x, .nparams = %d," %
                   (len(key), fc, len(params)))
        if params:
            out.append("\t\t.param = { %s }," % ", ".join(
                c_bytes(p, "\t\t") for p in params))
            out.append("\t\t.plen = { %s }," % ", ".join(str(len(p)) for p in params))
        out.append("\t\t.out = %s," % c_bytes(kdf(key, fc, *params)))
        out.append("\t},")
    out += ["};", "",
            "/* @ts is the timestamp as sent (ms modulo 2^32). */",
            "struct slsec_frame_vector {", "\tu32 alg;", "\tu8 pgk[32];",
            "\tu8 group[16];", "\tu8 grouplen;", "\tu8 key_id;", "\tu32 sender;",
            "\tu64 install;", "\tu32 ts;", "\tu64 pn;", "\tu8 key[32];",
            "\tu8 iv[12];", "\tu8 payload[64];", "\tunsigned int len;",
            "\tu8 sealed[%d + 64 + %d];" % (HDR_LEN, TAG_LEN), "};", "",
            "static const struct slsec_frame_vector slsec_frame_vectors[] = {"]
    for case in FRAME_CASES:
        alg, pgk, group, key_id, sender, install, ts, pn, payload = case
        assert len(payload) <= 64 and pn < (1 << (ALGS[alg][2] + 32))
        _, _, key, iv, hdr, _, _, ct = frame(case)
        out.append("\t{")
        out.append("\t\t.alg = %d, .key_id = %d, .sender = 0x%x," %
                   (alg, key_id, sender))
        out.append("\t\t.install = 0x%016xULL, .ts = 0x%08x," %
                   (install, ts & 0xFFFFFFFF))
        out.append("\t\t.pn = 0x%xULL," % pn)
        out.append("\t\t.pgk = %s," % c_bytes(pgk))
        out.append("\t\t.group = %s, .grouplen = %d," % (c_bytes(group), len(group)))
        out.append("\t\t.key = %s," % c_bytes(key))
        out.append("\t\t.iv = %s," % c_bytes(iv))
        out.append("\t\t.payload = %s, .len = %d," % (c_bytes(payload), len(payload)))
        out.append("\t\t.sealed = %s," % c_bytes(hdr + ct))
        out.append("\t},")
    out += ["};", "", "#endif /* _SLSEC_TEST_VECTORS_H */"]
    print("\n".join(out))


def hexlines(b, width=16):
    return "\n".join("     " + " ".join("%02x" % x for x in b[i:i + width])
                     for i in range(0, len(b), width)) or "     (empty)"


def emit_rst():
    case = FRAME_CASES[0]
    alg, pgk, group, key_id, sender, install, ts, pn, payload = case
    epoch, ptk, key, iv, hdr, aad, n, ct = frame(case)
    s_ptk = kdf_input(FC_PTK, *ptk_params(group, key_id, sender, install, epoch))
    assert hmac.new(pgk, s_ptk, hashlib.sha256).digest() == ptk
    assert len(hdr) == HDR_LEN
    items = [("Group key (PGK), AES-GCM-128", pgk),
             ("S for the PTK (FC=0xf0, group, key id, sender, installation, "
              "epoch)", s_ptk),
             ("PTK = HMAC-SHA-256(PGK, S)", ptk),
             ("AEAD key = last 16 bytes of KDF(PTK, 0xf1, 0x01, 0x01)", key),
             ("IV = last 12 bytes of KDF(PTK, 0xf1, 0x02, 0x01)", iv),
             ("Nonce = IV XOR (0^4 || be64 pn=%d)" % pn, n),
             ("slsec header (version 2, UDP, key %d, flags 0, sender %d, "
              "installation 0x%016x, timestamp 0x%08x, pn %d)" %
              (key_id, sender, install, ts & 0xFFFFFFFF, pn), hdr),
             ("AAD = group address %s || header" % ".".join(map(str, group)),
              aad),
             ("Plaintext (the original UDP header and payload)", payload),
             ("Ciphertext", ct[:-TAG_LEN]),
             ("Tag", ct[-TAG_LEN:])]
    for title, b in items:
        print("%s (%d bytes)::\n\n%s\n" % (title, len(b), hexlines(b)))


if __name__ == "__main__":
    emit_rst() if "--rst" in sys.argv else emit_header()
