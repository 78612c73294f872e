/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * slsec: sidelink group security for Linux.
 *
 * Generic netlink ABI between slsec.ko and the slsec tool.
 *
 * Family SLSEC_GENL_NAME, version SLSEC_GENL_VERSION; as a YNL spec in
 * Documentation/netlink/specs/slsec.yaml (tests/scenarios/34-ynl.sh holds
 * the two together).  Every command needs
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
 *             SLSEC_A_MAX_GROUPS      u32, groups it may bind
 *             SLSEC_A_INFO_ALGS       nested, one SLSEC_A_ALG_ID (u32,
 *                                     enum slsec_alg) per AEAD the running
 *                                     kernel can instantiate
 *
 * SLSEC_CMD_GROUP_ADD (doit)
 *   Bind a group: SLSEC_A_IFINDEX, exactly one of SLSEC_A_ADDR4 /
 *   SLSEC_A_ADDR6 (a multicast address), SLSEC_A_SENDER; optional
 *   SLSEC_A_ALG (default AES-GCM-128), SLSEC_A_REPLAY_WINDOW (64..8192, a
 *   power of two, default 1024), SLSEC_A_MODE (default strict),
 *   SLSEC_A_MAX_SENDERS (default 256): senders whose receive state the
 *   group keeps, SLSEC_A_GRACE (ms, default 30000, at most 86400000),
 *   SLSEC_A_FRESHNESS (ms, default 5000; 0: off), SLSEC_A_SENDER_MARK.
 *   -EEXIST if the group is bound already.
 *
 * SLSEC_CMD_GROUP_SET (doit)
 *   The group as for GROUP_DEL, and any of SLSEC_A_MODE,
 *   SLSEC_A_REPLAY_WINDOW (for senders seen from then on),
 *   SLSEC_A_MAX_SENDERS, SLSEC_A_GRACE (for keys replaced from then on),
 *   SLSEC_A_FRESHNESS, SLSEC_A_SENDER_MARK.
 *   Sender id and algorithm cannot change.
 *
 * SLSEC_CMD_GROUP_DEL (doit)
 *   SLSEC_A_IFINDEX and SLSEC_A_ADDR4 or SLSEC_A_ADDR6.  Its keys go too.
 *
 * SLSEC_CMD_GROUP_GET (doit, dumpit)
 *   doit: the group as for GROUP_DEL.  dumpit: every group of the
 *   namespace, or those of SLSEC_A_IFINDEX.  Each reply: SLSEC_A_IFINDEX,
 *   SLSEC_A_ADDR4 or SLSEC_A_ADDR6, SLSEC_A_SENDER, SLSEC_A_ALG,
 *   SLSEC_A_REPLAY_WINDOW, SLSEC_A_MODE, SLSEC_A_KEYS (nested: one
 *   SLSEC_A_KEY_ID, u32, per installed key), SLSEC_A_MAX_SENDERS,
 *   SLSEC_A_NSENDERS, SLSEC_A_TX_KEY_ID (the active key, if any),
 *   SLSEC_A_GRACE, SLSEC_A_FRESHNESS, SLSEC_A_SENDER_MARK,
 *   SLSEC_A_REVOKED_SENDERS (nested SLSEC_A_SENDER list, if any) and
 *   SLSEC_A_STATS (nested, enum slsec_stat).
 *
 * SLSEC_CMD_KEY_ADD (doit)
 *   The group as for GROUP_DEL, SLSEC_A_KEY_ID (0..255) and either
 *   SLSEC_A_KEY_MATERIAL (exactly the group algorithm's key length) or
 *   SLSEC_A_KEYRING_DESC with SLSEC_A_KEYRING_TYPE (default logon): a
 *   kernel key in the caller's keyrings whose payload is the key; at
 *   most one of SLSEC_A_ACTIVATE_NOW (the default), SLSEC_A_ACTIVATE_AT,
 *   SLSEC_A_ACTIVATE_AFTER, SLSEC_A_PENDING; optional SLSEC_A_LIFETIME.
 *   At most SLSEC_MAX_KEYS keys a group.  The key is accepted on receive
 *   at once and sends from its activation on; the key it replaces retires
 *   (accepted until the group's SLSEC_A_GRACE ms have passed, then wiped).
 *
 * SLSEC_CMD_KEY_SET (doit)
 *   The group, SLSEC_A_KEY_ID and exactly one activation attribute, for a
 *   pending key.  A retiring key cannot send again.
 *
 * SLSEC_CMD_KEY_DEL, SLSEC_CMD_KEY_REVOKE (doit)
 *   The group and SLSEC_A_KEY_ID, optional SLSEC_A_FORCE.  The key is
 *   wiped at once, with the traffic keys derived from it; frames under it
 *   count as SLSEC_STAT_RX_DROP_REVOKED_KEY.  The active key is handed
 *   over to the newest pending key; without one, -EBUSY unless forced.
 *   The two differ only in their event.
 *
 * SLSEC_CMD_KEY_GET (dumpit)
 *   Optional SLSEC_A_IFINDEX and address as filter.  One message per key:
 *   the group, SLSEC_A_ALG, SLSEC_A_KEY_ID, SLSEC_A_KEY_STATE,
 *   SLSEC_A_INSTALL (this host's installation id), SLSEC_A_KEY_AGE,
 *   SLSEC_A_KEY_ACTIVE_FOR (once activated), SLSEC_A_ACTIVATE_AT
 *   (pending and scheduled), SLSEC_A_KEY_RETIRE_IN
 *   (retiring), SLSEC_A_KEY_USAGE and SLSEC_A_LIFETIME.  Never key bytes.
 *
 * SLSEC_CMD_SENDER_REVOKE, SLSEC_CMD_SENDER_RESTORE (doit)
 *   The group and SLSEC_A_SENDER: drop (or accept again) frames claiming
 *   that sender id; revoking removes its receive state.  At most
 *   SLSEC_MAX_REVOKED_SENDERS a group; the host's own id is refused.
 *
 * SLSEC_CMD_KEK_ADD (doit)
 *   SLSEC_A_KEK_ID, SLSEC_A_DEVICE_ID and the key as for KEY_ADD (exactly
 *   SLSEC_KEK_LEN bytes): a key-encryption key that opens bundles naming
 *   it; bundles for another device id are refused; optional
 *   SLSEC_A_KEK_MIN_SEQ (only bundles newer apply).  SLSEC_MAX_KEKS a
 *   namespace.
 *
 * SLSEC_CMD_KEK_DEL (doit)
 *   SLSEC_A_KEK_ID.
 *
 * SLSEC_CMD_BUNDLE_APPLY (doit)
 *   SLSEC_A_IFINDEX and SLSEC_A_BUNDLE (Documentation/bundle-format.rst).
 *   The kernel opens and verifies the bundle and installs its group (made
 *   if missing) and key in one step, or changes nothing; the reason of a
 *   refusal is counted (enum slsec_bundle_stat).  Reply: SLSEC_A_KEK_ID
 *   and SLSEC_A_BUNDLE_SEQ of the bundle applied.
 *
 * SLSEC_CMD_CONFIG_SET (doit)
 *   SLSEC_A_REQUIRE_SEALED 1: from now on KEY_ADD and KEK_ADD are refused
 *   (-EPERM) whatever their key source: group keys come only from
 *   BUNDLE_APPLY; 0 is refused once it is set.
 *
 * INFO_GET also carries SLSEC_A_REQUIRE_SEALED, SLSEC_A_KEKS (a nest of
 * SLSEC_A_KEK_ID nests, each with SLSEC_A_KEK_ID, SLSEC_A_DEVICE_ID and
 * SLSEC_A_BUNDLE_SEQ) and SLSEC_A_BUNDLE_STATS.
 *
 * SLSEC_CMD_EVENT (notifications only)
 *   To multicast group SLSEC_MCGRP_EVENTS (CAP_NET_ADMIN to join):
 *   SLSEC_A_EVENT, SLSEC_A_TIME, the group, and SLSEC_A_KEY_ID,
 *   SLSEC_A_SENDER, SLSEC_A_EXPIRE_KIND, SLSEC_A_INSTALL, SLSEC_A_KEK_ID,
 *   SLSEC_A_BUNDLE_SEQ, SLSEC_A_FORGERIES, SLSEC_A_UNAUTHENTICATED as the
 *   event has them (enum slsec_event).
 *
 * SLSEC_CMD_STATS_RESET (doit)
 *   The group as for GROUP_DEL, or only SLSEC_A_IFINDEX (its groups), or
 *   nothing (every group of the namespace): counters restart from zero.
 *
 * SLSEC_CMD_SENDER_GET (dumpit)
 *   The group as for GROUP_DEL.  One message per sender with receive
 *   state: SLSEC_A_SENDER and SLSEC_A_SENDER_KEYS.
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
#define SLSEC_MAX_SENDERS_DEFAULT 256	/* senders with receive state */
#define SLSEC_MAX_SENDERS_LIMIT	16384
#define SLSEC_GRACE_DEFAULT	30000	/* ms a replaced key is accepted */
#define SLSEC_GRACE_MAX		86400000
#define SLSEC_MAX_REVOKED_SENDERS 64	/* revoked sender ids a group */
#define SLSEC_FRESHNESS_DEFAULT	5000	/* ms a timestamp may be off by */
#define SLSEC_FRESHNESS_MIN	10
#define SLSEC_FRESHNESS_MAX	3600000

/* The generic netlink multicast group of events (CAP_NET_ADMIN). */
#define SLSEC_MCGRP_EVENTS	"events"

/* Kernel keyring key types a group key can come from. */
enum slsec_keyring_type {
	SLSEC_KEYRING_LOGON = 1,	/* "logon": never readable from userspace */
	SLSEC_KEYRING_ENCRYPTED,	/* "encrypted": sealed by a master key */
	__SLSEC_KEYRING_MAX
};

#define SLSEC_KEYRING_MAX (__SLSEC_KEYRING_MAX - 1)

/* Where a key is in its life. */
enum slsec_key_state {
	SLSEC_KEY_PENDING,	/* accepted on receive; not sending yet */
	SLSEC_KEY_ACTIVE,	/* the one key this host sends with */
	SLSEC_KEY_RETIRING,	/* accepted on receive until its grace ends */
	__SLSEC_KEY_STATE_MAX
};

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
	SLSEC_CMD_STATS_RESET,
	SLSEC_CMD_SENDER_GET,
	SLSEC_CMD_KEY_SET,
	SLSEC_CMD_KEY_REVOKE,
	SLSEC_CMD_KEY_GET,
	SLSEC_CMD_SENDER_REVOKE,
	SLSEC_CMD_SENDER_RESTORE,
	SLSEC_CMD_EVENT,		/* notifications only */
	SLSEC_CMD_KEK_ADD,
	SLSEC_CMD_KEK_DEL,
	SLSEC_CMD_BUNDLE_APPLY,
	SLSEC_CMD_CONFIG_SET,
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
	SLSEC_A_MAX_SENDERS,		/* u32, 1..SLSEC_MAX_SENDERS_LIMIT */
	SLSEC_A_NSENDERS,		/* u32, senders with receive state */
	SLSEC_A_TX_KEY_ID,		/* u32, key id used to send */
	SLSEC_A_STATS,			/* nested enum slsec_stat, u64 each */
	SLSEC_A_SENDER_KEYS,		/* nested SLSEC_A_SENDER_KEY list */
	SLSEC_A_GRACE,			/* u32, ms a replaced key stays */
	SLSEC_A_ACTIVATE_NOW,		/* flag */
	SLSEC_A_ACTIVATE_AT,		/* u64, ns since the epoch (REALTIME) */
	SLSEC_A_ACTIVATE_AFTER,		/* u32, ms from now */
	SLSEC_A_PENDING,		/* flag: installed, not scheduled */
	SLSEC_A_FORCE,			/* flag */
	SLSEC_A_LIFETIME,		/* nested enum slsec_lifetime_attr */
	SLSEC_A_KEY_STATE,		/* u8, enum slsec_key_state */
	SLSEC_A_KEY_AGE,		/* u64, ms since installed */
	SLSEC_A_KEY_ACTIVE_FOR,		/* u64, ms since activated */
	SLSEC_A_KEY_RETIRE_IN,		/* u64, ms until a retiring key goes */
	SLSEC_A_KEY_USAGE,		/* nested enum slsec_key_usage */
	SLSEC_A_EVENT,			/* u32, enum slsec_event */
	SLSEC_A_TIME,			/* u64, ns since the epoch (REALTIME) */
	SLSEC_A_EXPIRE_KIND,		/* u32, enum slsec_expire_kind */
	SLSEC_A_REVOKED_SENDERS,	/* nested SLSEC_A_SENDER list */
	SLSEC_A_KEYRING_TYPE,		/* u32, enum slsec_keyring_type */
	SLSEC_A_KEYRING_DESC,		/* string, a keyring key's description */
	SLSEC_A_KEK_ID,			/* u32, 0..255 */
	SLSEC_A_DEVICE_ID,		/* u32, this device's id for bundles */
	SLSEC_A_BUNDLE,			/* binary, a sealed key bundle */
	SLSEC_A_REQUIRE_SEALED,		/* u8, 1: raw keys refused (one-way) */
	SLSEC_A_KEKS,			/* nested SLSEC_A_KEK_ID list */
	SLSEC_A_BUNDLE_STATS,		/* nested enum slsec_bundle_stat */
	SLSEC_A_FRESHNESS,		/* u32, ms; 0: timestamps not checked */
	SLSEC_A_KEK_MIN_SEQ,		/* u64, bundles must be newer than it */
	SLSEC_A_BUNDLE_SEQ,		/* u64, last bundle sequence applied */
	SLSEC_A_INSTALL,		/* u64, a sender's installation id */
	SLSEC_A_MAX_GROUPS,		/* u32, groups a namespace may bind */
	SLSEC_A_SENDER_MARK,		/* u8, 1: opened datagrams carry the
					 * authenticated sender id as skb mark
					 */
	SLSEC_A_UNAUTHENTICATED,	/* flag: the event was raised by a frame
					 * that did not authenticate
					 */
	SLSEC_A_FORGERIES,		/* u64, authentication failures */
	__SLSEC_A_MAX
};

#define SLSEC_A_MAX (__SLSEC_A_MAX - 1)

enum slsec_alg_attr {
	SLSEC_A_ALG_UNSPEC,
	SLSEC_A_ALG_ID,
	__SLSEC_A_ALG_MAX
};

#define SLSEC_A_ALG_MAX (__SLSEC_A_ALG_MAX - 1)

/*
 * Per-group counters, in SLSEC_A_STATS (each a u64).  Every datagram slsec
 * drops is counted under exactly one SLSEC_STAT_*_DROP_* reason.
 */
enum slsec_stat {
	SLSEC_STAT_UNSPEC,
	SLSEC_STAT_PAD,
	SLSEC_STAT_TX_PACKETS,		/* sealed and sent */
	SLSEC_STAT_TX_BYTES,		/* their IP length before sealing */
	SLSEC_STAT_TX_DROP_NO_KEY,	/* no key (or traffic key) to send */
	SLSEC_STAT_TX_DROP_NOMEM,	/* out of memory */
	SLSEC_STAT_TX_DROP_ERROR,	/* malformed datagram, crypto error */
	SLSEC_STAT_RX_PACKETS,		/* opened and passed on */
	SLSEC_STAT_RX_BYTES,		/* their IP length after opening */
	SLSEC_STAT_RX_PLAINTEXT,	/* plaintext passed (permissive) */
	SLSEC_STAT_RX_DROP_BAD_HEADER,	/* version, flags, lengths, epoch */
	SLSEC_STAT_RX_DROP_UNKNOWN_KEY,	/* key id not installed */
	SLSEC_STAT_RX_DROP_AUTH,	/* did not authenticate */
	SLSEC_STAT_RX_DROP_REPLAY,	/* packet number seen before */
	SLSEC_STAT_RX_DROP_TOO_OLD,	/* behind the replay window/epoch */
	SLSEC_STAT_RX_DROP_NO_STATE,	/* no sender state, none possible */
	SLSEC_STAT_RX_DROP_PLAINTEXT,	/* plaintext in strict mode */
	SLSEC_STAT_RX_DROP_COLLISION,	/* another UE uses our sender id */
	SLSEC_STAT_RX_DROP_NOMEM,	/* out of memory */
	SLSEC_STAT_TX_DROP_KEY_EXPIRED,	/* the sending key hit a hard limit */
	SLSEC_STAT_RX_DROP_REVOKED_KEY,	/* key id deleted or revoked */
	SLSEC_STAT_RX_DROP_REVOKED_SENDER, /* sender id revoked */
	SLSEC_STAT_RX_DROP_RETIRED_KEY,	/* key id removed after its grace */
	SLSEC_STAT_TX_DROP_BUSY,	/* the crypto driver's queue was full */
	SLSEC_STAT_RX_DROP_BUSY,	/* the crypto driver's queue was full */
	SLSEC_STAT_RX_DROP_STALE,	/* stamped outside the freshness window
					 * or before the key's installation
					 */
	SLSEC_STAT_RX_DROP_SUPERSEDED,	/* a sender's older installation */
	SLSEC_STAT_TX_DROP_UNSEALED,	/* group traffic about to leave the
					 * device unsealed (forwarded, or
					 * sent through an upper device)
					 */
	SLSEC_STAT_TX_DROP_TOO_BIG,	/* sealed, it would pass 65535 bytes */
	SLSEC_STAT_RX_DROP_BACKLOG,	/* waiting for a traffic key: no room */
	SLSEC_STAT_RX_DROP_EPOCH,	/* epoch neither the current nor the
					 * next of a known sender
					 */
	SLSEC_STAT_RX_DROP_FORGERY_LIMIT, /* traffic key past its forgery
					   * limit (RFC 9001 6.6)
					   */
	__SLSEC_STAT_MAX
};

#define SLSEC_STAT_MAX (__SLSEC_STAT_MAX - 1)

/* In SLSEC_A_SENDER_KEYS: one nest per group key a sender used. */
enum slsec_sender_key_attr {
	SLSEC_A_SK_UNSPEC,
	SLSEC_A_SK_PAD,
	SLSEC_A_SENDER_KEY,		/* nest of the attributes below */
	SLSEC_A_SK_KEY_ID,		/* u32 */
	SLSEC_A_SK_EPOCH,		/* u32, newest epoch seen */
	SLSEC_A_SK_NEXT_PN,		/* u64, highest accepted pn + 1 */
	SLSEC_A_SK_INSTALL,		/* u64, the installation followed */
	SLSEC_A_SK_RESTARTS,		/* u32, installations that replaced one */
	SLSEC_A_SK_FORGERIES,		/* u64, frames under its traffic keys
					 * that did not authenticate
					 */
	__SLSEC_A_SK_MAX
};

#define SLSEC_A_SK_MAX (__SLSEC_A_SK_MAX - 1)

/*
 * In SLSEC_A_LIFETIME, each a u64; absent or 0: no limit.  Time counts
 * from activation; packets and bytes are what this host sealed under the
 * key.  Soft: an event.  Hard: the key stops sending and retires.
 */
enum slsec_lifetime_attr {
	SLSEC_A_LT_UNSPEC,
	SLSEC_A_LT_PAD,
	SLSEC_A_LT_SOFT_TIME,		/* ms */
	SLSEC_A_LT_HARD_TIME,		/* ms */
	SLSEC_A_LT_SOFT_PACKETS,
	SLSEC_A_LT_HARD_PACKETS,
	SLSEC_A_LT_SOFT_BYTES,
	SLSEC_A_LT_HARD_BYTES,
	__SLSEC_A_LT_MAX
};

#define SLSEC_A_LT_MAX (__SLSEC_A_LT_MAX - 1)

/* In SLSEC_A_KEY_USAGE, each a u64. */
enum slsec_key_usage {
	SLSEC_A_KU_UNSPEC,
	SLSEC_A_KU_PAD,
	SLSEC_A_KU_TX_PACKETS,		/* sealed by this host */
	SLSEC_A_KU_TX_BYTES,
	SLSEC_A_KU_RX_PACKETS,		/* opened from other senders */
	SLSEC_A_KU_RX_BYTES,
	__SLSEC_A_KU_MAX
};

#define SLSEC_A_KU_MAX (__SLSEC_A_KU_MAX - 1)

/* SLSEC_A_EVENT of an SLSEC_CMD_EVENT notification. */
enum slsec_event {
	SLSEC_EVENT_UNSPEC,
	SLSEC_EVENT_KEY_ADDED,
	SLSEC_EVENT_KEY_ACTIVATED,
	SLSEC_EVENT_KEY_SOFT_EXPIRED,	/* + SLSEC_A_EXPIRE_KIND */
	SLSEC_EVENT_KEY_HARD_EXPIRED,	/* + SLSEC_A_EXPIRE_KIND */
	SLSEC_EVENT_KEY_REVOKED,
	SLSEC_EVENT_KEY_REMOVED,	/* deleted by a command */
	SLSEC_EVENT_KEY_RETIRED,	/* grace over: wiped and removed */
	SLSEC_EVENT_NO_TX_KEY,		/* the group stopped sending */
	SLSEC_EVENT_UNKNOWN_KEY,	/* rate-limited, + SLSEC_A_SENDER */
	SLSEC_EVENT_SENDER_COLLISION,	/* rate-limited */
	SLSEC_EVENT_PN_NEAR_END,	/* 7/8 of the key's packet numbers used */
	SLSEC_EVENT_SENDER_REVOKED,
	SLSEC_EVENT_SENDER_RESTORED,
	SLSEC_EVENT_SENDER_RESTARTED,	/* + SLSEC_A_SENDER, SLSEC_A_INSTALL */
	SLSEC_EVENT_STALE_FRAME,	/* rate-limited, + SLSEC_A_SENDER */
	SLSEC_EVENT_BUNDLE_APPLIED,	/* + SLSEC_A_KEK_ID, SLSEC_A_BUNDLE_SEQ */
	SLSEC_EVENT_FORGERY_NEAR_LIMIT,	/* + SLSEC_A_SENDER, SLSEC_A_FORGERIES */
	SLSEC_EVENT_FORGERY_LIMIT,	/* + SLSEC_A_SENDER, SLSEC_A_FORGERIES:
					 * the traffic key opens nothing more
					 */
	__SLSEC_EVENT_MAX
};

#define SLSEC_EVENT_MAX (__SLSEC_EVENT_MAX - 1)

/*
 * Sealed key bundles (Documentation/bundle-format.rst), per namespace: how
 * many were applied, and why the others were refused.  Each a u64.
 */
enum slsec_bundle_stat {
	SLSEC_BSTAT_UNSPEC,
	SLSEC_BSTAT_PAD,
	SLSEC_BSTAT_APPLIED,
	SLSEC_BSTAT_MALFORMED,		/* length, magic, version, fields */
	SLSEC_BSTAT_NO_KEK,		/* KEK id not installed */
	SLSEC_BSTAT_AUTH,		/* did not authenticate under the KEK */
	SLSEC_BSTAT_WRONG_DEVICE,	/* sealed for another device */
	SLSEC_BSTAT_REPLAY,		/* sequence number not newer */
	SLSEC_BSTAT_BAD_KEY,		/* key length not the algorithm's */
	SLSEC_BSTAT_WRONG_GROUP,	/* group exists with other settings */
	SLSEC_BSTAT_REFUSED,		/* the key itself was refused */
	__SLSEC_BSTAT_MAX
};

#define SLSEC_BSTAT_MAX (__SLSEC_BSTAT_MAX - 1)

/* Sealed key bundle wire constants (Documentation/bundle-format.rst). */
#define SLSEC_BUNDLE_MAGIC	0x534c4b42	/* "SLKB" */
#define SLSEC_BUNDLE_VERSION	1
#define SLSEC_BUNDLE_HDR_LEN	28
#define SLSEC_BUNDLE_BODY_LEN	132
#define SLSEC_BUNDLE_TAG_LEN	16
#define SLSEC_BUNDLE_LEN	(SLSEC_BUNDLE_HDR_LEN + SLSEC_BUNDLE_BODY_LEN + \
				 SLSEC_BUNDLE_TAG_LEN)
#define SLSEC_KEK_LEN		32	/* AES-256-GCM */
#define SLSEC_MAX_KEKS		16

enum slsec_expire_kind {
	SLSEC_EXPIRE_TIME,
	SLSEC_EXPIRE_PACKETS,
	SLSEC_EXPIRE_BYTES,

	__SLSEC_EXPIRE_KIND_MAX
};

#define SLSEC_EXPIRE_KIND_MAX	(__SLSEC_EXPIRE_KIND_MAX - 1)

#endif /* _UAPI_LINUX_SLSEC_H */
