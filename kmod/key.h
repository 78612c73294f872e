/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_KEY_H
#define _SLSEC_KEY_H

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

struct crypto_shash;
struct netlink_ext_ack;
struct slsec_tkey;

/**
 * struct slsec_key - a group key (the PGK) of one group
 * @pgk: HMAC-SHA-256 keyed with the group key: the only copy of it that
 *       slsec keeps; the crypto core wipes it when the transform is freed
 * @id:  key identifier, as on the wire
 * @seq: installation order in the group: the newest key sends
 * @tx_pn: this host's next packet number under this key
 * @tx:  this host's traffic keys under this key, by epoch & 1 (the
 *       current epoch and the next one, made ahead of time); written
 *       under the group's slsec_peers.lock
 * @rcu: for freeing after readers are done
 */
struct slsec_key {
	struct crypto_shash *pgk;
	u8 id;
	u64 seq;
	atomic64_t tx_pn;
	struct slsec_tkey __rcu *tx[2];
	struct rcu_head rcu;
};

struct slsec_key *slsec_key_create(u32 alg, u8 id, const u8 *material,
				   unsigned int len,
				   struct netlink_ext_ack *extack);
void slsec_key_free(struct slsec_key *key);

#endif /* _SLSEC_KEY_H */
