// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: group keys.  Wiping clears the memory that held the key (not
 * only frees it), the per-key packet and byte limits stop sending exactly
 * at the limit, the packet-number warning comes at 7/8 of the range, and
 * every installation of a key gets an installation id of its own.
 */
#include <kunit/test.h>
#include <crypto/hash.h>
#include <linux/crypto.h>
#include <linux/slsec.h>

#include "kdf.h"
#include "key.h"
#include "messages.h"
#include "replay.h"
#include "slsec_test.h"

/* Is @needle anywhere in @hay? */
static bool slsec_mem_has(const u8 *hay, size_t n, const u8 *needle, size_t k)
{
	size_t i;

	for (i = 0; i + k <= n; i++)
		if (!memcmp(hay + i, needle, k))
			return true;
	return false;
}

/*
 * The HMAC's inner-pad state for @tfm's key (what its context holds): the
 * first 32 bytes, the SHA-256 chaining value, are returned in @state.
 */
static void slsec_ipad_state(struct kunit *test, struct crypto_shash *tfm,
			     u8 *state)
{
	u8 *buf = slsec_test_buf(test, crypto_shash_statesize(tfm));
	SHASH_DESC_ON_STACK(desc, tfm);

	KUNIT_ASSERT_GE(test, crypto_shash_statesize(tfm), 32);
	desc->tfm = tfm;
	KUNIT_ASSERT_EQ(test, crypto_shash_init(desc), 0);
	KUNIT_ASSERT_EQ(test, crypto_shash_export(desc, buf), 0);
	shash_desc_zero(desc);
	memcpy(state, buf, 32);
}

static void slsec_key_wipe_test(struct kunit *test)
{
	static const u8 zero[SLSEC_MAX_KEY_LEN];
	u8 material[16], state[32], mac[32], want[32];
	struct crypto_shash *ref;
	struct slsec_key *key;
	struct crypto_tfm *tfm;
	size_t ctxsize;
	u8 *ctx;

	memset(material, 0xa5, sizeof(material));
	key = slsec_key_create(SLSEC_ALG_AES_GCM_128, 7, material,
			       sizeof(material), NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(key));
	tfm = crypto_shash_tfm(key->pgk);
	ctx = crypto_tfm_ctx(tfm);
	ctxsize = tfm->__crt_alg->cra_ctxsize;

	/* The key-equivalent state is there: the search can find it. */
	slsec_ipad_state(test, key->pgk, state);
	KUNIT_EXPECT_TRUE(test, slsec_mem_has(ctx, ctxsize, state, 32));

	slsec_key_wipe(key);
	KUNIT_EXPECT_FALSE_MSG(test, slsec_mem_has(ctx, ctxsize, state, 32),
			       "key-derived state still in memory after wipe");
	/* What is left is the HMAC of the all-zero key. */
	ref = slsec_test_kdf(test, zero, sizeof(zero));
	KUNIT_ASSERT_EQ(test, crypto_shash_tfm_digest(key->pgk, material,
						      sizeof(material), mac), 0);
	KUNIT_ASSERT_EQ(test, crypto_shash_tfm_digest(ref, material,
						      sizeof(material), want), 0);
	SLSEC_EXPECT_MEMEQ(test, mac, want, sizeof(mac), "wiped HMAC");
	slsec_key_free(key);
}

/*
 * Each installation of a key draws its own installation id: keys made
 * from the same material (as a reload or a second namespace would) never
 * share one, so they never share traffic keys either.
 */
static void slsec_key_install_random_test(struct kunit *test)
{
	static const u8 g[4] = { 239, 1, 1, 1 };
	struct slsec_ptk_input in = {
		.group = g, .grouplen = 4, .key_id = 7,
		.alg = SLSEC_ALG_AES_GCM_128, .sender = 1,
	};
	struct slsec_key *key[8];
	u8 material[16], k[2][16], iv[2][12];
	unsigned int i, j, made;

	memset(material, 0x3c, sizeof(material));
	for (made = 0; made < ARRAY_SIZE(key); made++) {
		key[made] = slsec_key_create(SLSEC_ALG_AES_GCM_128, 7, material,
					     sizeof(material), NULL);
		if (IS_ERR(key[made]))
			break;
	}
	KUNIT_EXPECT_EQ(test, made, ARRAY_SIZE(key));
	for (i = 0; i < made; i++)
		for (j = i + 1; j < made; j++)
			KUNIT_EXPECT_NE_MSG(test, key[i]->install, key[j]->install,
					    "keys %u and %u", i, j);
	for (i = 0; i < 2 && i < made; i++) {
		in.install = key[i]->install;
		KUNIT_EXPECT_EQ(test, slsec_kdf_traffic(key[i]->pgk, &in, 16,
							k[i], iv[i]), 0);
	}
	if (made >= 2) {
		SLSEC_EXPECT_MEMNEQ(test, k[0], k[1], 16, "traffic keys");
		SLSEC_EXPECT_MEMNEQ(test, iv[0], iv[1], 12, "IVs");
	}
	for (i = 0; i < made; i++)
		slsec_key_free(key[i]);
}

static void slsec_key_packets_test(struct kunit *test)
{
	struct slsec_key key = { };

	key.life.soft[SLSEC_EXPIRE_PACKETS] = 2;
	key.life.hard[SLSEC_EXPIRE_PACKETS] = 3;
	KUNIT_EXPECT_EQ(test, slsec_key_tx_account(&key, 0, 100), 0);
	KUNIT_EXPECT_EQ(test, slsec_key_tx_account(&key, 1, 100), 1); /* soft */
	KUNIT_EXPECT_EQ(test, slsec_key_tx_account(&key, 2, 100), 1); /* hard */
	KUNIT_EXPECT_EQ(test, slsec_key_tx_account(&key, 3, 100), -EKEYEXPIRED);
	KUNIT_EXPECT_TRUE(test, test_bit(SLSEC_KEY_HARD_HIT, &key.flags));
	/* Once hit, it stays hit. */
	key.life.hard[SLSEC_EXPIRE_PACKETS] = 0;
	KUNIT_EXPECT_EQ(test, slsec_key_tx_account(&key, 4, 100), -EKEYEXPIRED);
}

static void slsec_key_bytes_test(struct kunit *test)
{
	struct slsec_key key = { };

	key.life.soft[SLSEC_EXPIRE_BYTES] = 150;
	key.life.hard[SLSEC_EXPIRE_BYTES] = 250;
	KUNIT_EXPECT_EQ(test, slsec_key_tx_account(&key, 0, 100), 0);
	KUNIT_EXPECT_EQ(test, slsec_key_tx_account(&key, 1, 100), 1); /* 200 */
	/* The datagram that crosses the hard limit is still sealed. */
	KUNIT_EXPECT_EQ(test, slsec_key_tx_account(&key, 2, 100), 1); /* 300 */
	KUNIT_EXPECT_EQ(test, slsec_key_tx_account(&key, 3, 1), -EKEYEXPIRED);
	KUNIT_EXPECT_EQ(test, atomic64_read(&key.tx_bytes), 301);
}

static void slsec_key_unlimited_test(struct kunit *test)
{
	struct slsec_key key = { };
	u64 pn;

	for (pn = 0; pn < 1000; pn++)
		KUNIT_ASSERT_EQ(test, slsec_key_tx_account(&key, pn, 1500), 0);
	KUNIT_EXPECT_FALSE(test, test_bit(SLSEC_KEY_HARD_HIT, &key.flags));
}

static void slsec_pn_near_end_test(struct kunit *test)
{
	u64 gcm = slsec_pn_limit(23), chacha = slsec_pn_limit(32);

	KUNIT_EXPECT_FALSE(test, slsec_pn_near_end(0, gcm));
	KUNIT_EXPECT_FALSE(test, slsec_pn_near_end(gcm - gcm / 8 - 1, gcm));
	KUNIT_EXPECT_TRUE(test, slsec_pn_near_end(gcm - gcm / 8, gcm));
	KUNIT_EXPECT_TRUE(test, slsec_pn_near_end(gcm - 1, gcm));
	KUNIT_EXPECT_FALSE(test, slsec_pn_near_end(chacha / 2, chacha));
	KUNIT_EXPECT_TRUE(test, slsec_pn_near_end(chacha - 1, chacha));
}

static struct kunit_case slsec_key_cases[] = {
	KUNIT_CASE(slsec_key_wipe_test),
	KUNIT_CASE(slsec_key_install_random_test),
	KUNIT_CASE(slsec_key_packets_test),
	KUNIT_CASE(slsec_key_bytes_test),
	KUNIT_CASE(slsec_key_unlimited_test),
	KUNIT_CASE(slsec_pn_near_end_test),
	{}
};

static struct kunit_suite slsec_key_suite = {
	.name = "slsec_key",
	.test_cases = slsec_key_cases,
};

kunit_test_suite(slsec_key_suite);
