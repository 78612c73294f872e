// SPDX-License-Identifier: GPL-2.0
/*
 * Traffic keys.  Deriving one runs the KDF and allocates and keys an AEAD
 * transform, which may sleep, so they are made in process context only
 * (configuration, or the group's work item) and merely looked up on the
 * packet path.  A traffic key lives while its owner holds it or an
 * operation is in flight on it.
 */

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>

#include "group.h"
#include "main.h"
#include "kdf.h"
#include "key.h"
#include "tkey.h"

bool slsec_crypto_async;
module_param_named(crypto_async, slsec_crypto_async, bool, 0444);
MODULE_PARM_DESC(crypto_async,
		 "Run every seal and open through cryptd: for testing the asynchronous path only (slower; 6.1 kernels that self-test crypto instances WARN about cryptd)");

/**
 * slsec_tkey_derive() - the key and nonce IV of a sender's installation
 *	and epoch, without a transform
 * @g:       the group (address and algorithm)
 * @key:     the group key
 * @sender:  sender id
 * @install: the sender's installation of @key
 * @epoch:   epoch
 * @k:       the traffic key, the algorithm's key length
 * @iv:      the nonce IV
 *
 * May sleep.  The caller wipes @k and @iv.  Return: 0 or an errno.
 */
int slsec_tkey_derive(const struct slsec_group *g,
		      const struct slsec_key *key, u32 sender, u64 install,
		      u32 epoch, u8 k[SLSEC_MAX_KEY_LEN],
		      u8 iv[SLSEC_NONCE_LEN])
{
	const struct slsec_alg_desc *d = slsec_alg_get(g->cfg.alg);
	struct slsec_ptk_input in = {
		.group = g->id.addr.bytes,
		.grouplen = g->id.family == AF_INET ? 4 : 16,
		.key_id = key->id,
		.alg = g->cfg.alg,
		.sender = sender,
		.install = install,
		.epoch = epoch,
	};

	if (!d)
		return -EINVAL;
	return slsec_kdf_traffic(key->pgk, &in, d->keylen, k, iv);
}

/**
 * slsec_tkey_create() - derive the traffic key of a sender's installation
 *	and epoch
 * @g:       the group (address and algorithm)
 * @key:     the group key
 * @sender:  sender id
 * @install: the sender's installation of @key
 * @epoch:   epoch
 *
 * May sleep.  Return: a traffic key holding one reference, or ERR_PTR().
 */
struct slsec_tkey *slsec_tkey_create(const struct slsec_group *g,
				     const struct slsec_key *key, u32 sender,
				     u64 install, u32 epoch)
{
	const struct slsec_alg_desc *d = slsec_alg_get(g->cfg.alg);
	u8 k[SLSEC_MAX_KEY_LEN], iv[SLSEC_NONCE_LEN];
	struct slsec_tkey *tk;
	int err;

	if (!d)
		return ERR_PTR(-EINVAL);
	tk = kzalloc(sizeof(*tk), GFP_KERNEL_ACCOUNT);
	if (!tk)
		return ERR_PTR(-ENOMEM);
	err = slsec_tkey_derive(g, key, sender, install, epoch, k, iv);
	if (!err)
		err = slsec_aead_init(&tk->aead, g->cfg.alg, k, d->keylen, iv,
				      slsec_crypto_async ? SLSEC_AEAD_ASYNC : 0);
	memzero_explicit(k, sizeof(k));
	memzero_explicit(iv, sizeof(iv));
	if (err) {
		kfree(tk);
		return ERR_PTR(err);
	}
	tk->epoch = epoch;
	refcount_set(&tk->ref, 1);
	return tk;
}

/* A grace period after the last reference, in process context. */
static void slsec_tkey_free_work(struct work_struct *work)
{
	struct slsec_tkey *tk = container_of(to_rcu_work(work),
					     struct slsec_tkey, free_work);

	slsec_aead_destroy(&tk->aead);
	kfree_sensitive(tk);
	slsec_rcu_done();
}

/* Any context: the transform is freed later, where it may sleep. */
void slsec_tkey_put(struct slsec_tkey *tk)
{
	if (tk && refcount_dec_and_test(&tk->ref))
		slsec_free_after_rcu(&tk->free_work, slsec_tkey_free_work);
}

/* Install @tk in its epoch's slot, under @tkey_lock; the old one is dropped. */
void slsec_tkey_pair_set(struct slsec_tkey __rcu **pair,
			 struct slsec_tkey *tk, struct mutex *tkey_lock)
{
	struct slsec_tkey *old;

	old = rcu_replace_pointer(pair[tk->epoch & 1], tk,
				  lockdep_is_held(tkey_lock));
	slsec_tkey_put(old);
}

/* The owner is going away and nobody can look at @pair any more. */
void slsec_tkey_pair_clear(struct slsec_tkey __rcu **pair)
{
	slsec_tkey_put(rcu_dereference_protected(pair[0], 1));
	slsec_tkey_put(rcu_dereference_protected(pair[1], 1));
	RCU_INIT_POINTER(pair[0], NULL);
	RCU_INIT_POINTER(pair[1], NULL);
}
