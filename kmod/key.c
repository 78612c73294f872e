// SPDX-License-Identifier: GPL-2.0
/*
 * Group keys.  A key enters with exactly its algorithm's length and is
 * kept only inside an HMAC-SHA-256 transform keyed with it (the KDF's
 * PGK); the caller wipes the bytes it passed in.  Nothing here ever hands
 * key bytes back out.
 */

#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/netlink.h>
#include <crypto/hash.h>
#include <linux/slsec.h>

#include <kunit/visibility.h>

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
	key = kzalloc(sizeof(*key), GFP_KERNEL_ACCOUNT);
	if (!key)
		return ERR_PTR(-ENOMEM);
	key->id = id;
	/*
	 * Every installation of a key sends under its own traffic keys:
	 * this host's packet numbers start again at 0 and nothing of the
	 * previous installation is remembered (wire-format.rst, "Nonce").
	 */
	get_random_bytes(&key->install, sizeof(key->install));
	key->pgk = slsec_kdf_alloc(material, len);
	if (IS_ERR(key->pgk)) {
		long err = PTR_ERR(key->pgk);

		NL_SET_ERR_MSG(extack, "cannot allocate hmac(sha256)");
		kfree(key);
		return ERR_PTR(err);
	}
	return key;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_key_create);

/**
 * slsec_key_wipe() - overwrite the group key where slsec keeps it
 * @key: a key no reader can reach any more
 *
 * The HMAC's key schedule (its inner and outer pad states, equivalent to
 * the key) is recomputed for an all-zero key in place, so the memory is
 * cleared before it is freed, whatever the allocator does afterwards.
 * Process context: a driver's setkey may sleep.
 */
void slsec_key_wipe(struct slsec_key *key)
{
	static const u8 zero[SLSEC_MAX_KEY_LEN];

	might_sleep();
	if (crypto_shash_setkey(key->pgk, zero, sizeof(zero)))
		pr_warn_once("cannot rekey hmac(sha256) for wiping\n");
}
EXPORT_SYMBOL_IF_KUNIT(slsec_key_wipe);

/*
 * After an RCU grace period: no reader can still see @key.  Process
 * context (slsec_free_after_rcu()): freeing the HMAC may sleep.
 */
void slsec_key_free(struct slsec_key *key)
{
	might_sleep();
	if (!key)
		return;
	slsec_tkey_pair_clear(key->tx);
	slsec_key_wipe(key);
	slsec_kdf_free(key->pgk);
	kfree_sensitive(key);
}
EXPORT_SYMBOL_IF_KUNIT(slsec_key_free);

/* Is @pn in the last eighth of the packet numbers a key has? */
bool slsec_pn_near_end(u64 pn, u64 limit)
{
	return pn >= slsec_pn_warn_at(limit);
}
EXPORT_SYMBOL_IF_KUNIT(slsec_pn_near_end);

/**
 * slsec_key_tx_account() - count a datagram about to be sealed
 * @key: the sending key
 * @pn:  the packet number it took
 * @len: its length
 *
 * Packet and byte limits: the datagram that reaches a hard limit is still
 * sealed, the ones after it are not.  Any context.
 *
 * Return: 0 to seal, 1 to seal and have the key's lifetimes looked at
 * (a limit was reached), -EKEYEXPIRED to drop.
 */
int slsec_key_tx_account(struct slsec_key *key, u64 pn, unsigned int len)
{
	const u64 *hard = key->life.hard, *soft = key->life.soft;
	u64 before = atomic64_fetch_add(len, &key->tx_bytes);
	u64 hp = hard[SLSEC_EXPIRE_PACKETS], hb = hard[SLSEC_EXPIRE_BYTES];
	u64 sp = soft[SLSEC_EXPIRE_PACKETS], sb = soft[SLSEC_EXPIRE_BYTES];

	if (test_bit(SLSEC_KEY_HARD_HIT, &key->flags) ||
	    (hp && pn >= hp) || (hb && before >= hb)) {
		set_bit(SLSEC_KEY_HARD_HIT, &key->flags);
		return -EKEYEXPIRED;
	}
	if ((hp && pn + 1 == hp) || (hb && before + len >= hb) ||
	    (sp && pn + 1 == sp) || (sb && before < sb && before + len >= sb))
		return 1;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_key_tx_account);
