// SPDX-License-Identifier: GPL-2.0
/*
 * Group keys.  A key enters with exactly its algorithm's length and is
 * kept only inside an HMAC-SHA-256 transform keyed with it (the KDF's
 * PGK); the caller wipes the bytes it passed in.  Nothing here ever hands
 * key bytes back out.
 */

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/netlink.h>
#include <crypto/hash.h>

#include "aead.h"
#include "kdf.h"
#include "key.h"
#include "tkey.h"

/**
 * slsec_key_create() - make a group key
 * @alg:      the group's enum slsec_alg
 * @id:       key identifier
 * @material: the key bytes (the caller wipes them afterwards)
 * @len:      their number: exactly the algorithm's key length
 * @extack:   for the reason of a refusal
 *
 * May sleep.  Return: the key or an ERR_PTR().
 */
struct slsec_key *slsec_key_create(u32 alg, u8 id, const u8 *material,
				   unsigned int len,
				   struct netlink_ext_ack *extack)
{
	const struct slsec_alg_desc *d = slsec_alg_get(alg);
	struct slsec_key *key;

	if (!d)
		return ERR_PTR(-EINVAL);
	if (len != d->keylen) {
		NL_SET_ERR_MSG(extack,
			       "key length does not match the group's algorithm (aes-gcm-128 takes 16 bytes, aes-gcm-256 and chacha20-poly1305 32)");
		return ERR_PTR(-EINVAL);
	}
	key = kzalloc(sizeof(*key), GFP_KERNEL);
	if (!key)
		return ERR_PTR(-ENOMEM);
	key->id = id;
	key->pgk = slsec_kdf_alloc(material, len);
	if (IS_ERR(key->pgk)) {
		long err = PTR_ERR(key->pgk);

		NL_SET_ERR_MSG(extack, "cannot allocate hmac(sha256)");
		kfree(key);
		return ERR_PTR(err);
	}
	return key;
}

/* After an RCU grace period: no reader can still see @key. */
void slsec_key_free(struct slsec_key *key)
{
	if (!key)
		return;
	slsec_tkey_pair_clear(key->tx);
	slsec_kdf_free(key->pgk);
	kfree_sensitive(key);
}
