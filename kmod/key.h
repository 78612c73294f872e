/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_KEY_H
#define _SLSEC_KEY_H

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include <linux/types.h>
#include <linux/slsec.h>

struct crypto_shash;
struct netlink_ext_ack;
struct slsec_tkey;

/**
 * struct slsec_lifetime - limits of a key (0: none)
 * @soft: an event when reached; by enum slsec_expire_kind
 * @hard: the key stops sending when reached
 *
 * Time in ms from activation, packets and bytes sealed by this host.
 */
struct slsec_lifetime {
	u64 soft[__SLSEC_EXPIRE_KIND_MAX];
	u64 hard[__SLSEC_EXPIRE_KIND_MAX];
};

/* Bits of slsec_key.flags. */
enum {
	SLSEC_KEY_SOFT_FIRED,		/* the soft expiry event went out */
	SLSEC_KEY_HARD_HIT,		/* a hard limit was reached */
	SLSEC_KEY_PN_WARNED,		/* the PN near-end event went out */
};

/**
 * struct slsec_key - a group key (the PGK) of one group
 * @pgk: HMAC-SHA-256 keyed with the group key: the only copy of it that
 *       slsec keeps; wiped (slsec_key_wipe()) before it is freed
 * @id:  key identifier, as on the wire
 * @state: enum slsec_key_state; written under slsec_net.lock
 * @seq: installation order in the group
 * @install: this installation's random id, sent in every frame and an
 *       input of every traffic key sealed under it
 * @tx_pn: this host's next packet number under this key (= packets sealed)
 * @tx_bytes: bytes this host sealed under the key
 * @rx_packets: datagrams from other senders opened under the key
 * @rx_bytes: their bytes
 * @flags: SLSEC_KEY_* bits
 * @installed: CLOCK_BOOTTIME ns of installation
 * @installed_ms: CLOCK_REALTIME ms of installation: frames stamped before
 *       it are refused (fresh.c)
 * @activated: CLOCK_BOOTTIME ns of activation, 0 before
 * @activate_at: CLOCK_REALTIME ns a pending key activates at, 0: unset
 * @retire_at: CLOCK_BOOTTIME ns a retiring key is removed at
 * @life: lifetimes
 * @tx:  this host's traffic keys under this key, by epoch & 1 (the
 *       current epoch and the next one, made ahead of time); written
 *       under the group's slsec_peers.tkey_lock
 * @free_work: for freeing in process context after readers are done
 */
struct slsec_key {
	struct crypto_shash *pgk;
	u8 id;
	u8 state;
	u64 seq;
	u64 install;
	atomic64_t tx_pn;
	atomic64_t tx_bytes;
	atomic64_t rx_packets;
	atomic64_t rx_bytes;
	unsigned long flags;
	u64 installed;
	u64 installed_ms;
	u64 activated;
	u64 activate_at;
	u64 retire_at;
	struct slsec_lifetime life;
	struct slsec_tkey __rcu *tx[2];
	struct rcu_work free_work;
};

struct slsec_key *slsec_key_create(u32 alg, u8 id, const u8 *material,
				   unsigned int len,
				   struct netlink_ext_ack *extack);
void slsec_key_wipe(struct slsec_key *key);
void slsec_key_free(struct slsec_key *key);
int slsec_key_tx_account(struct slsec_key *key, u64 pn, unsigned int len);
bool slsec_pn_near_end(u64 pn, u64 limit);

/* The first packet number of a key's last eighth: time to warn. */
static inline u64 slsec_pn_warn_at(u64 limit)
{
	return limit - (limit >> 3);
}

#endif /* _SLSEC_KEY_H */
