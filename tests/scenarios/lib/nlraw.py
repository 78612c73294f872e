#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Raw generic netlink requests to slsec, bypassing the tool's own checks:
the kernel must refuse each malformed request with the right errno and an
extack message, change nothing, and never return key bytes.  Prints TAP.
Run inside a fresh network namespace (it binds groups on "lo")."""
import os
import socket
import struct
import sys

NETLINK_GENERIC, SOL_NETLINK, NETLINK_EXT_ACK = 16, 270, 11
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_MISS_TYPE = 1, 5
NLA_F_NESTED = 0x8000

# uapi/linux/slsec.h
(CMD_INFO_GET, CMD_GROUP_ADD, CMD_GROUP_SET, CMD_GROUP_DEL, CMD_GROUP_GET,
 CMD_KEY_ADD, CMD_KEY_DEL, CMD_STATS_RESET, CMD_SENDER_GET) = range(1, 10)
(A_IFINDEX, A_ADDR4, A_ADDR6, A_SENDER, A_ALG, A_REPLAY_WINDOW, A_MODE,
 A_KEY_ID, A_KEY_MATERIAL, A_KEYS, A_MAX_SENDERS, A_NSENDERS, A_TX_KEY_ID,
 A_STATS) = range(7, 21)
A_FRESHNESS = 46

sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
sock.bind((0, 0))
seq = 0
n = failed = 0


def attr(t, data):
    if isinstance(data, int):
        data = struct.pack("I", data)
    hdr = struct.pack("HH", 4 + len(data), t)
    return hdr + data + b"\0" * (-len(data) % 4)


def request(family, cmd, attrs=b"", flags=NLM_F_ACK):
    """Send one request; return (errno, extack text, missing type, replies)."""
    global seq
    seq += 1
    payload = struct.pack("BBH", cmd, 1, 0) + attrs
    sock.send(struct.pack("IHHII", 16 + len(payload), family,
                          NLM_F_REQUEST | flags, seq, 0) + payload)
    replies = []
    while True:
        data = sock.recv(65536)
        off = 0
        while off < len(data):
            ln, typ, fl, sq, _ = struct.unpack_from("IHHII", data, off)
            body = data[off + 16:off + ln]
            off += (ln + 3) & ~3
            if typ == NLMSG_DONE:
                # A failed dump: errno, then the extack TLVs.
                err = -struct.unpack_from("i", body)[0] if len(body) >= 4 else 0
                msg = ""
                for t, v in attrs_of(body[4:] if fl & NLM_F_ACK_TLVS else b""):
                    if t == NLMSGERR_ATTR_MSG:
                        msg = v.rstrip(b"\0").decode()
                return err, msg, None, replies
            if typ != NLMSG_ERROR:
                replies.append(body)
                continue
            err = -struct.unpack_from("i", body)[0]
            msg, miss = "", None
            if fl & NLM_F_ACK_TLVS:
                inner = 16 if fl & NLM_F_CAPPED else struct.unpack_from("I", body, 4)[0]
                for t, v in attrs_of(body[4 + inner:]):
                    if t == NLMSGERR_ATTR_MSG:
                        msg = v.rstrip(b"\0").decode()
                    elif t == NLMSGERR_ATTR_MISS_TYPE:
                        miss = struct.unpack("I", v)[0]
            return err, msg, miss, replies


def attrs_of(buf):
    off = 0
    while off + 4 <= len(buf):
        ln, t = struct.unpack_from("HH", buf, off)
        if ln < 4:
            break
        yield t & ~NLA_F_NESTED, buf[off + 4:off + ln]
        off += (ln + 3) & ~3


def resolve():
    _, _, _, replies = request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                               attr(CTRL_ATTR_FAMILY_NAME, b"slsec\0"))
    for t, v in attrs_of(replies[0][4:]):
        if t == CTRL_ATTR_FAMILY_ID:
            return struct.unpack("H", v[:2])[0]
    sys.exit("slsec family not found")


def check(desc, ok, detail=""):
    global n, failed
    n += 1
    print("%sok %d - %s" % ("" if ok else "not ", n, desc))
    if not ok:
        failed += 1
        print("#   " + detail)


def refused(desc, fam, cmd, attrs, errno, text=None, miss=None, why=True):
    """Refused with errno; with an extack message (unless not why)."""
    err, msg, mt, _ = request(fam, cmd, attrs)
    ok = err == errno and (msg != "" or not why) and \
        (text is None or text in msg) and (miss is None or mt == miss)
    check(desc, ok, "errno %d (want %d), extack %r, missing %r" % (err, errno, msg, mt))


def groups(fam):
    _, _, _, replies = request(fam, CMD_GROUP_GET, flags=NLM_F_ACK | NLM_F_DUMP)
    return replies


fam = resolve()
lo = attr(A_IFINDEX, socket.if_nametoindex("lo"))
g4 = attr(A_ADDR4, socket.inet_aton("239.1.1.1"))
ok_group = lo + g4 + attr(A_SENDER, 1)
EINVAL, ENODEV, EOPNOTSUPP, ERANGE = 22, 19, 95, 34

refused("an attribute to INFO_GET (no policy) is refused", fam, CMD_INFO_GET,
        attr(A_SENDER, 1), EINVAL)
refused("unknown attribute type refused", fam, CMD_GROUP_ADD,
        ok_group + attr(200, 1), EINVAL)
refused("attribute outside the op's policy refused", fam, CMD_GROUP_ADD,
        ok_group + attr(A_KEY_ID, 1), EINVAL)
refused("IPv4 address of 5 bytes refused", fam, CMD_GROUP_ADD,
        lo + attr(A_ADDR4, b"\xef\x01\x01\x01\x00") + attr(A_SENDER, 1), ERANGE)
refused("u32 sent as u16 refused", fam, CMD_GROUP_ADD,
        lo + g4 + attr(A_SENDER, b"\x01\x00"), EINVAL)
refused("nested flag on a u32 refused", fam, CMD_GROUP_ADD,
        lo + g4 + attr(A_SENDER | NLA_F_NESTED, 1), EINVAL)
refused("both IPv4 and IPv6 address refused", fam, CMD_GROUP_ADD,
        ok_group + attr(A_ADDR6, socket.inet_pton(socket.AF_INET6, "ff0e::1")),
        EINVAL, "exactly one group address")
refused("no address refused", fam, CMD_GROUP_ADD, lo + attr(A_SENDER, 1),
        EINVAL, "exactly one group address")
refused("unicast IPv4 group refused", fam, CMD_GROUP_ADD,
        lo + attr(A_ADDR4, socket.inet_aton("10.1.1.1")) + attr(A_SENDER, 1),
        EINVAL, "not an IPv4 multicast address")
refused("unicast IPv6 group refused", fam, CMD_GROUP_ADD,
        lo + attr(A_ADDR6, socket.inet_pton(socket.AF_INET6, "2001:db8::1")) +
        attr(A_SENDER, 1), EINVAL, "not an IPv6 multicast address")
refused("missing ifindex named", fam, CMD_GROUP_ADD, g4 + attr(A_SENDER, 1),
        EINVAL, "device index missing", miss=A_IFINDEX)
refused("missing sender named", fam, CMD_GROUP_ADD, lo + g4, EINVAL,
        "sender id missing", miss=A_SENDER)
refused("algorithm 0 refused", fam, CMD_GROUP_ADD, ok_group + attr(A_ALG, 0),
        ERANGE)
refused("algorithm 99 refused", fam, CMD_GROUP_ADD, ok_group + attr(A_ALG, 99),
        ERANGE)
refused("replay window 8193 refused", fam, CMD_GROUP_ADD,
        ok_group + attr(A_REPLAY_WINDOW, 8193), ERANGE)
refused("mode 7 refused", fam, CMD_GROUP_ADD,
        ok_group + attr(A_MODE, b"\x07"), ERANGE)
for ms in (1, 9, 3600001, 0xffffffff):   # 0 is off, else 10 ms to 1 h
    refused("freshness %d ms refused" % ms, fam, CMD_GROUP_ADD,
            ok_group + attr(A_FRESHNESS, ms), ERANGE)
g9 = lo + attr(A_ADDR4, socket.inet_aton("239.9.9.1"))
for ms in (0, 10, 3600000):
    err, msg, _, _ = request(fam, CMD_GROUP_ADD,
                             g9 + attr(A_SENDER, 1) + attr(A_FRESHNESS, ms))
    ok = err == 0
    if ok:
        err, msg, _, _ = request(fam, CMD_GROUP_DEL, g9)
    check("freshness %d ms taken" % ms, ok and err == 0,
          "errno %d %r" % (err, msg))
refused("nonexistent ifindex refused", fam, CMD_GROUP_ADD,
        attr(A_IFINDEX, 99999) + g4 + attr(A_SENDER, 1), ENODEV, "no such device")
# The genetlink core refuses it before slsec sees it: no extack text.
refused("unknown command refused", fam, 99, b"", EOPNOTSUPP, why=False)
check("nothing was created by the refused requests", groups(fam) == [])

err, msg, _, _ = request(fam, CMD_GROUP_ADD, ok_group)
check("a well-formed GROUP_ADD succeeds", err == 0, "errno %d %r" % (err, msg))
key = bytes(range(0xa0, 0xb0))
refused("key of 33 bytes refused", fam, CMD_KEY_ADD,
        lo + g4 + attr(A_KEY_ID, 1) + attr(A_KEY_MATERIAL, key * 2 + b"x"), ERANGE)
refused("key id 300 refused", fam, CMD_KEY_ADD,
        lo + g4 + attr(A_KEY_ID, 300) + attr(A_KEY_MATERIAL, key), ERANGE)
refused("key material missing named", fam, CMD_KEY_ADD,
        lo + g4 + attr(A_KEY_ID, 1), EINVAL, "key material missing",
        miss=A_KEY_MATERIAL)
refused("key of 15 bytes refused", fam, CMD_KEY_ADD,
        lo + g4 + attr(A_KEY_ID, 1) + attr(A_KEY_MATERIAL, key[:15]), EINVAL,
        "key length does not match")
refused("key to an unbound group refused", fam, CMD_KEY_ADD,
        lo + attr(A_ADDR4, socket.inet_aton("239.9.9.9")) + attr(A_KEY_ID, 1) +
        attr(A_KEY_MATERIAL, key), 2, "no such group")
refused("GROUP_SET with nothing to change refused", fam, CMD_GROUP_SET,
        lo + g4, EINVAL, "nothing to change")
refused("GROUP_SET of the sender refused", fam, CMD_GROUP_SET,
        ok_group, EINVAL, "cannot change")
before = groups(fam)
err, msg, _, _ = request(fam, CMD_KEY_ADD,
                         lo + g4 + attr(A_KEY_ID, 9) + attr(A_KEY_MATERIAL, key))
check("a well-formed KEY_ADD succeeds", err == 0, "errno %d %r" % (err, msg))
after = groups(fam)
check("the group now lists key 9", after != before and
      any(t == A_KEYS and attr(A_KEY_ID, 9) in v
          for t, v in attrs_of(after[0][4:])), repr(after))
_, _, _, single = request(fam, CMD_GROUP_GET, lo + g4)
check("no reply carries the key bytes",
      all(key not in r and key[:8] not in r for r in after + single))
check("GROUP_GET doit answers one group", len(single) == 1)
check("GROUP_GET carries counters and the sending key",
      {A_STATS, A_TX_KEY_ID, A_MAX_SENDERS, A_NSENDERS} <=
      {t & 0x7fff for t, _ in attrs_of(single[0][4:])}, repr(single))
refused("max-senders 0 refused", fam, CMD_GROUP_SET,
        lo + g4 + attr(A_MAX_SENDERS, 0), ERANGE)
refused("max-senders 16385 refused", fam, CMD_GROUP_SET,
        lo + g4 + attr(A_MAX_SENDERS, 16385), ERANGE)
refused("STATS_RESET takes only a group selector", fam, CMD_STATS_RESET,
        lo + g4 + attr(A_SENDER, 1), EINVAL)
refused("STATS_RESET of an unbound group refused", fam, CMD_STATS_RESET,
        lo + attr(A_ADDR4, socket.inet_aton("239.9.9.9")), 2, "no such group")
err, msg, _, _ = request(fam, CMD_STATS_RESET, b"")
check("STATS_RESET of the whole namespace succeeds", err == 0, "errno %d" % err)
err, msg, _, rep = request(fam, CMD_SENDER_GET, lo + g4,
                           flags=NLM_F_ACK | NLM_F_DUMP)
check("SENDER_GET dump of a group without senders is empty",
      err == 0 and rep == [], "errno %d %r %r" % (err, msg, rep))
err, msg, _, rep = request(fam, CMD_SENDER_GET, lo,
                           flags=NLM_F_ACK | NLM_F_DUMP)
check("SENDER_GET without a group address refused with a reason",
      err == EINVAL and "exactly one group address" in msg, "errno %d %r" % (err, msg))
err, msg, _, rep = request(fam, CMD_SENDER_GET,
                           lo + attr(A_ADDR4, socket.inet_aton("239.9.9.9")),
                           flags=NLM_F_ACK | NLM_F_DUMP)
check("SENDER_GET of an unbound group refused with a reason",
      err == 2 and "no such group" in msg, "errno %d %r" % (err, msg))
print("1..%d" % n)
sys.exit(1 if failed else 0)
