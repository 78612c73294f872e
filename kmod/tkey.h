/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_TKEY_H
#define _SLSEC_TKEY_H

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "aead.h"

struct slsec_group;
struct slsec_key;

/**
 * struct slsec_tkey - a traffic key: the AEAD of one (group key, sender,
 *	installation, epoch), derived with slsec_kdf_traffic()
 * @aead:  the keyed transform and nonce IV
 * @epoch: the epoch it belongs to
 * @closed: past its integrity limit: every frame under it is dropped
 *         before the AEAD; set once, read with READ_ONCE()
 * @ref:   one for the owner, one for each operation in flight
 * @free_work: freed in process context after readers are done
 * @forgeries: frames under it that did not authenticate
 *
 * Owners keep traffic keys in pairs indexed by epoch & 1, so a sender's
 * current and next (or previous) epoch are both at hand.
 */
struct slsec_tkey {
	struct slsec_aead aead;
	u32 epoch;
	bool closed;
	refcount_t ref;
	atomic64_t forgeries;
	struct rcu_work free_work;
};

int slsec_tkey_derive(const struct slsec_group *g,
		      const struct slsec_key *key, u32 sender, u64 install,
		      u32 epoch, u8 k[SLSEC_MAX_KEY_LEN],
		      u8 iv[SLSEC_NONCE_LEN]);
struct slsec_tkey *slsec_tkey_create(const struct slsec_group *g,
				     const struct slsec_key *key, u32 sender,
				     u64 install, u32 epoch);
void slsec_tkey_put(struct slsec_tkey *tk);

/* Under RCU: a reference, or NULL if @tk is being freed. */
static inline struct slsec_tkey *slsec_tkey_get(struct slsec_tkey *tk)
{
	return tk && refcount_inc_not_zero(&tk->ref) ? tk : NULL;
}

/* The pair slot for @epoch, if it holds that very epoch. */
static inline struct slsec_tkey *
slsec_tkey_pick(struct slsec_tkey __rcu **pair, u32 epoch)
{
	struct slsec_tkey *tk = rcu_dereference(pair[epoch & 1]);

	return tk && tk->epoch == epoch ? tk : NULL;
}

/* Has @tk seen as many forgeries as its algorithm tolerates? */
static inline bool slsec_tkey_closed(const struct slsec_tkey *tk)
{
	return READ_ONCE(tk->closed);
}

void slsec_tkey_pair_set(struct slsec_tkey __rcu **pair,
			 struct slsec_tkey *tk, struct mutex *tkey_lock);
void slsec_tkey_pair_clear(struct slsec_tkey __rcu **pair);

extern bool slsec_crypto_async;

#endif /* _SLSEC_TKEY_H */
