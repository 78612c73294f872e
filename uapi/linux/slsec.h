/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * slsec: sidelink group security for Linux.
 *
 * Generic netlink ABI between slsec.ko and the slsec tool.
 *
 * Family SLSEC_GENL_NAME, version SLSEC_GENL_VERSION.  Every command needs
 * CAP_NET_ADMIN in the user namespace owning the caller's network namespace
 * and acts on that namespace only.  Attributes are validated strictly:
 * unknown attributes, wrong types and wrong lengths are refused with an
 * extack message naming the attribute.
 *
 * SLSEC_CMD_INFO_GET (doit)
 *   Request:  no attributes.
 *   Reply:    SLSEC_A_INFO_VERSION    string, module version
 *             SLSEC_A_INFO_ABI        u32, SLSEC_GENL_VERSION of the module
 *             SLSEC_A_INFO_IPPROTO    u8, IP protocol number of sealed
 *                                     datagrams (module parameter ipproto)
 *             SLSEC_A_INFO_NGROUPS    u32, groups bound in this namespace
 *             SLSEC_A_INFO_ALGS       nested, one SLSEC_A_ALG_ID (u32,
 *                                     enum slsec_alg) per AEAD the running
 *                                     kernel can instantiate
 *
 * SLSEC_CMD_GROUP_ADD (doit)
 *   Bind a group: SLSEC_A_IFINDEX, exactly one of SLSEC_A_ADDR4 /
 *   SLSEC_A_ADDR6 (a multicast address), SLSEC_A_SENDER; optional
 *   SLSEC_A_ALG (default AES-GCM-128), SLSEC_A_REPLAY_WINDOW (64..8192, a
 *   power of two, default 1024), SLSEC_A_MODE (default strict).
 *   -EEXIST if the group is bound already.
 *
 * SLSEC_CMD_GROUP_SET (doit)
 *   The group as for GROUP_DEL, and SLSEC_A_MODE and/or
 *   SLSEC_A_REPLAY_WINDOW.  Sender id and algorithm cannot change.
 *
 * SLSEC_CMD_GROUP_DEL (doit)
 *   SLSEC_A_IFINDEX and SLSEC_A_ADDR4 or SLSEC_A_ADDR6.  Its keys go too.
 *
 * SLSEC_CMD_GROUP_GET (doit, dumpit)
 *   doit: the group as for GROUP_DEL.  dumpit: every group of the
 *   namespace, or those of SLSEC_A_IFINDEX.  Each reply: SLSEC_A_IFINDEX,
 *   SLSEC_A_ADDR4 or SLSEC_A_ADDR6, SLSEC_A_SENDER, SLSEC_A_ALG,
 *   SLSEC_A_REPLAY_WINDOW, SLSEC_A_MODE, SLSEC_A_KEYS (nested: one
 *   SLSEC_A_KEY_ID, u32, per installed key).
 *
 * SLSEC_CMD_KEY_ADD (doit)
 *   The group as for GROUP_DEL, SLSEC_A_KEY_ID (0..255) and
 *   SLSEC_A_KEY_MATERIAL (exactly the group algorithm's key length).
 *   At most SLSEC_MAX_KEYS keys a group.
 *
 * SLSEC_CMD_KEY_DEL (doit)
 *   The group and SLSEC_A_KEY_ID.  The key is wiped at once.
 *
 * A refused command changes nothing.  Key material is write-only: no reply
 * or event ever carries it.
 */
#ifndef _UAPI_LINUX_SLSEC_H
#define _UAPI_LINUX_SLSEC_H

#define SLSEC_GENL_NAME		"slsec"
#define SLSEC_GENL_VERSION	1

/*
 * IP protocol number of a sealed datagram (RFC 3692 experimental value;
 * the module parameter "ipproto" may override it, 253 or 254 only).
 */
#define SLSEC_IPPROTO_DEFAULT	253

/* AEAD algorithms; the value is also the KDF's algorithm identity byte. */
enum slsec_alg {
	SLSEC_ALG_UNSPEC,
	SLSEC_ALG_AES_GCM_128,
	SLSEC_ALG_AES_GCM_256,
	SLSEC_ALG_CHACHA20_POLY1305,
	__SLSEC_ALG_MAX
};

#define SLSEC_ALG_MAX (__SLSEC_ALG_MAX - 1)

/* Limits. */
#define SLSEC_MAX_KEYS		16	/* keys installed in one group */
#define SLSEC_REPLAY_WINDOW_MIN	64
#define SLSEC_REPLAY_WINDOW_MAX	8192
#define SLSEC_REPLAY_WINDOW_DEFAULT 1024

/* What a receiver does with plaintext sent to a protected group. */
enum slsec_mode {
	SLSEC_MODE_STRICT,	/* drop it (the default) */
	SLSEC_MODE_PERMISSIVE,	/* pass it: for migrating a group */
	__SLSEC_MODE_MAX
};

#define SLSEC_MODE_MAX (__SLSEC_MODE_MAX - 1)

enum slsec_cmd {
	SLSEC_CMD_UNSPEC,
	SLSEC_CMD_INFO_GET,
	SLSEC_CMD_GROUP_ADD,
	SLSEC_CMD_GROUP_SET,
	SLSEC_CMD_GROUP_DEL,
	SLSEC_CMD_GROUP_GET,
	SLSEC_CMD_KEY_ADD,
	SLSEC_CMD_KEY_DEL,
	__SLSEC_CMD_MAX
};

#define SLSEC_CMD_MAX (__SLSEC_CMD_MAX - 1)

enum slsec_attr {
	SLSEC_A_UNSPEC,
	SLSEC_A_PAD,
	SLSEC_A_INFO_VERSION,
	SLSEC_A_INFO_ABI,
	SLSEC_A_INFO_IPPROTO,
	SLSEC_A_INFO_NGROUPS,
	SLSEC_A_INFO_ALGS,
	SLSEC_A_IFINDEX,		/* u32 */
	SLSEC_A_ADDR4,			/* 4 bytes, network order */
	SLSEC_A_ADDR6,			/* 16 bytes, network order */
	SLSEC_A_SENDER,			/* u32 */
	SLSEC_A_ALG,			/* u32, enum slsec_alg */
	SLSEC_A_REPLAY_WINDOW,		/* u32 */
	SLSEC_A_MODE,			/* u8, enum slsec_mode */
	SLSEC_A_KEY_ID,			/* u32, 0..255 */
	SLSEC_A_KEY_MATERIAL,		/* binary, write-only */
	SLSEC_A_KEYS,			/* nested SLSEC_A_KEY_ID list */
	__SLSEC_A_MAX
};

#define SLSEC_A_MAX (__SLSEC_A_MAX - 1)

enum slsec_alg_attr {
	SLSEC_A_ALG_UNSPEC,
	SLSEC_A_ALG_ID,
	__SLSEC_A_ALG_MAX
};

#define SLSEC_A_ALG_MAX (__SLSEC_A_ALG_MAX - 1)

#endif /* _UAPI_LINUX_SLSEC_H */
