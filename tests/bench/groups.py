#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Add or delete many slsec groups at once, for the scaling benchmark:
one netlink socket, one GROUP_ADD and one KEY_ADD per group (the tool
would start a process per command, minutes for 10 000 groups under TCG).
Groups are 239.100.0.0 + I for I in [FIRST, FIRST + COUNT), AES-GCM-128,
each with its own random key.  Run in the UE's namespace.

Usage: groups.py add|del DEV FIRST COUNT SENDER"""
import os
import socket
import struct
import sys

NETLINK_GENERIC, NLMSG_ERROR = 16, 2
NLM_F_REQUEST, NLM_F_ACK = 1, 4
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
# uapi/linux/slsec.h
CMD_GROUP_ADD, CMD_GROUP_DEL, CMD_KEY_ADD = 2, 4, 6
A_IFINDEX, A_ADDR4, A_SENDER, A_ALG, A_KEY_ID, A_KEY_MATERIAL = 7, 8, 10, 11, 14, 15
ALG_AES_GCM_128 = 1


def attr(t, data):
    if isinstance(data, int):
        data = struct.pack("I", data)
    return struct.pack("HH", 4 + len(data), t) + data + b"\0" * (-len(data) % 4)


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.bind((0, 0))
        self.seq = 0

    def request(self, family, cmd, attrs):
        """Send one request; return its errno (0 on success) and reply."""
        self.seq += 1
        payload = struct.pack("BBH", cmd, 1, 0) + attrs
        self.sock.send(struct.pack("IHHII", 16 + len(payload), family,
                                   NLM_F_REQUEST | NLM_F_ACK, self.seq, 0)
                       + payload)
        reply = None
        while True:
            data = self.sock.recv(65536)
            typ = struct.unpack_from("H", data, 4)[0]
            if typ == NLMSG_ERROR:
                return -struct.unpack_from("i", data, 16)[0], reply
            reply = data[20:]

    def family(self, name):
        err, reply = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                                  attr(CTRL_ATTR_FAMILY_NAME, name + b"\0"))
        off = 0
        while not err and off + 4 <= len(reply):
            ln, t = struct.unpack_from("HH", reply, off)
            if t == CTRL_ATTR_FAMILY_ID:
                return struct.unpack_from("H", reply, off + 4)[0]
            off += (ln + 3) & ~3
        sys.exit("groups.py: no slsec genl family")


def main():
    if len(sys.argv) != 6 or sys.argv[1] not in ("add", "del"):
        sys.exit(__doc__)
    op, dev = sys.argv[1], sys.argv[2]
    first, count, sender = (int(a) for a in sys.argv[3:6])
    nl = Genl()
    fam = nl.family(b"slsec")
    sel0 = attr(A_IFINDEX, socket.if_nametoindex(dev))
    for i in range(first, first + count):
        sel = sel0 + attr(A_ADDR4, socket.inet_aton("239.100.0.0")[:2]
                          + struct.pack(">H", i))
        if op == "del":
            err, _ = nl.request(fam, CMD_GROUP_DEL, sel)
        else:
            err, _ = nl.request(fam, CMD_GROUP_ADD, sel + attr(A_SENDER, sender)
                                + attr(A_ALG, ALG_AES_GCM_128))
            if not err:
                err, _ = nl.request(fam, CMD_KEY_ADD, sel + attr(A_KEY_ID, 1)
                                    + attr(A_KEY_MATERIAL, os.urandom(16)))
        if err:
            sys.exit("groups.py: %s group %d: %s" % (op, i, os.strerror(err)))


main()
