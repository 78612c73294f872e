// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the sealed-bundle parser and verifier.  A bundle sealed by
 * tests/kunit/bundle_vectors.py (python3-cryptography) opens to exactly its
 * fields; every truncation, every single-bit flip, a wrong KEK and every
 * out-of-range field is refused, each with its reason.
 */
#include <kunit/test.h>
#include <crypto/aead.h>
#include <linux/scatterlist.h>
#include <linux/socket.h>
#include <linux/slsec.h>

#include "bundle.h"
#include "slsec_test.h"
#include "bundle_vectors.h"

/* Seal @body (132 bytes) into @out under the vector's header and KEK. */
static void slsec_test_seal(struct kunit *test, struct crypto_aead *kek,
			    const u8 *body, u8 *out)
{
	struct aead_request *req = aead_request_alloc(kek, GFP_KERNEL);
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 iv[12];

	KUNIT_ASSERT_NOT_NULL(test, req);
	memcpy(out, slsec_bv_bundle, SLSEC_BUNDLE_HDR_LEN);
	memcpy(out + SLSEC_BUNDLE_HDR_LEN, body, SLSEC_BUNDLE_BODY_LEN);
	memcpy(iv, out + 16, sizeof(iv));
	sg_init_one(&sg, out, SLSEC_BUNDLE_LEN);
	aead_request_set_callback(req, 0, crypto_req_done, &wait);
	aead_request_set_ad(req, SLSEC_BUNDLE_HDR_LEN);
	aead_request_set_crypt(req, &sg, &sg, SLSEC_BUNDLE_BODY_LEN, iv);
	KUNIT_ASSERT_EQ(test, crypto_wait_req(crypto_aead_encrypt(req), &wait), 0);
	aead_request_free(req);
}

static void slsec_bundle_vector_test(struct kunit *test)
{
	static const u64 soft[3] = { 3600000, 0, 0 };
	static const u64 hard[3] = { 7200000, 1000000, 0 };
	static const u8 group[4] = { 239, 1, 2, 3 };
	struct crypto_aead *kek = slsec_test_kek(test, slsec_bv_kek);
	u8 *blob = slsec_test_buf(test, SLSEC_BUNDLE_LEN);
	struct slsec_bundle b;
	u8 key[16];
	int i;

	for (i = 0; i < 16; i++)
		key[i] = 0x10 + i;
	memcpy(blob, slsec_bv_bundle, SLSEC_BUNDLE_LEN);
	KUNIT_ASSERT_EQ(test, slsec_bundle_open(kek, blob, SLSEC_BUNDLE_LEN, &b), 0);
	KUNIT_EXPECT_EQ(test, b.kek_id, 1);
	KUNIT_EXPECT_EQ(test, b.seq, 42);
	KUNIT_EXPECT_EQ(test, b.device, 7);
	KUNIT_EXPECT_EQ(test, b.family, AF_INET);
	KUNIT_EXPECT_EQ(test, b.alg, SLSEC_ALG_AES_GCM_128);
	KUNIT_EXPECT_EQ(test, b.key_id, 3);
	KUNIT_EXPECT_EQ(test, b.keylen, 16);
	SLSEC_EXPECT_MEMEQ(test, b.addr, group, 4, "group");
	KUNIT_EXPECT_EQ(test, b.sender, 9);
	KUNIT_EXPECT_EQ(test, b.activate_at, 1800000000ULL * NSEC_PER_SEC);
	SLSEC_EXPECT_MEMEQ(test, (u8 *)b.soft, (const u8 *)soft, sizeof(soft),
			   "soft");
	SLSEC_EXPECT_MEMEQ(test, (u8 *)b.hard, (const u8 *)hard, sizeof(hard),
			   "hard");
	SLSEC_EXPECT_MEMEQ(test, b.key, key, 16, "key");
	/* The blob itself is left as it was: only a copy is decrypted. */
	SLSEC_EXPECT_MEMEQ(test, blob, slsec_bv_bundle, SLSEC_BUNDLE_LEN, "blob");
}

static void slsec_bundle_truncated_test(struct kunit *test)
{
	struct crypto_aead *kek = slsec_test_kek(test, slsec_bv_kek);
	u8 *blob = slsec_test_buf(test, SLSEC_BUNDLE_LEN + 1);
	struct slsec_bundle b;
	size_t len;

	memcpy(blob, slsec_bv_bundle, SLSEC_BUNDLE_LEN);
	for (len = 0; len <= SLSEC_BUNDLE_LEN + 1; len++) {
		if (len == SLSEC_BUNDLE_LEN)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, slsec_bundle_open(kek, blob, len, &b),
				    -EINVAL, "length %zu", len);
	}
}

static void slsec_bundle_bitflip_test(struct kunit *test)
{
	struct crypto_aead *kek = slsec_test_kek(test, slsec_bv_kek);
	u8 *blob = slsec_test_buf(test, SLSEC_BUNDLE_LEN);
	struct slsec_bundle b;
	unsigned int bit;
	int err;

	memcpy(blob, slsec_bv_bundle, SLSEC_BUNDLE_LEN);
	for (bit = 0; bit < SLSEC_BUNDLE_LEN * 8; bit++) {
		blob[bit / 8] ^= 1 << (bit % 8);
		err = slsec_bundle_open(kek, blob, SLSEC_BUNDLE_LEN, &b);
		blob[bit / 8] ^= 1 << (bit % 8);
		/* Magic, version, reserved: malformed; all else: forged. */
		if (bit / 8 < 8 && bit / 8 != 5)
			KUNIT_EXPECT_EQ_MSG(test, err, -EINVAL, "bit %u", bit);
		else
			KUNIT_EXPECT_EQ_MSG(test, err, -EBADMSG, "bit %u", bit);
	}
}

static void slsec_bundle_wrong_kek_test(struct kunit *test)
{
	u8 *other = slsec_test_buf(test, SLSEC_KEK_LEN);
	struct crypto_aead *kek;
	struct slsec_bundle b;

	memcpy(other, slsec_bv_kek, SLSEC_KEK_LEN);
	other[31] ^= 0x80;
	kek = slsec_test_kek(test, other);
	KUNIT_EXPECT_EQ(test, slsec_bundle_open(kek, slsec_bv_bundle,
						SLSEC_BUNDLE_LEN, &b), -EBADMSG);
	KUNIT_EXPECT_TRUE(test, IS_ERR(slsec_kek_aead(other, 16)));
}

/* One body field set to a bad value, and the error it must give. */
struct slsec_bad_field {
	const char *what;
	unsigned int off;
	u8 val;
	int err;
};

static const struct slsec_bad_field slsec_bad_fields[] = {
	{ "family 5", 4, 5, -EINVAL },
	{ "algorithm 0", 5, 0, -EINVAL },
	{ "algorithm 4", 5, 4, -EINVAL },
	{ "key length 33", 7, 33, -EINVAL },
	{ "key length 32 for AES-128", 7, 32, -EKEYREJECTED },
	{ "key length 15", 7, 15, -EINVAL },	/* byte 16 of the key is set */
	{ "unicast group", 8, 10, -EINVAL },
	{ "IPv4 group with bytes after it", 12, 1, -EINVAL },
	{ "soft time above hard", 36, 0xff, -EINVAL },
	{ "reserved byte", 131, 1, -EINVAL },
};

static void slsec_bundle_fields_test(struct kunit *test)
{
	struct crypto_aead *kek = slsec_test_kek(test, slsec_bv_kek);
	u8 *body = slsec_test_buf(test, SLSEC_BUNDLE_BODY_LEN);
	u8 *blob = slsec_test_buf(test, SLSEC_BUNDLE_LEN);
	struct slsec_bundle b;
	unsigned int i;

	/* The helper itself: the unchanged body seals to the vector. */
	slsec_test_seal(test, kek, slsec_bv_body, blob);
	SLSEC_EXPECT_MEMEQ(test, blob, slsec_bv_bundle, SLSEC_BUNDLE_LEN, "reseal");
	for (i = 0; i < ARRAY_SIZE(slsec_bad_fields); i++) {
		const struct slsec_bad_field *f = &slsec_bad_fields[i];

		memcpy(body, slsec_bv_body, SLSEC_BUNDLE_BODY_LEN);
		body[f->off] = f->val;
		slsec_test_seal(test, kek, body, blob);
		KUNIT_EXPECT_EQ_MSG(test, slsec_bundle_open(kek, blob,
							    SLSEC_BUNDLE_LEN, &b),
				    f->err, "%s", f->what);
	}
}

static void slsec_bundle_check_test(struct kunit *test)
{
	struct slsec_bundle b = { .device = 7, .seq = 42 };

	KUNIT_EXPECT_EQ(test, slsec_bundle_check(&b, 7, 41), 0);
	KUNIT_EXPECT_EQ(test, slsec_bundle_check(&b, 7, 0), 0);
	KUNIT_EXPECT_EQ(test, slsec_bundle_check(&b, 7, 42), -ESTALE);
	KUNIT_EXPECT_EQ(test, slsec_bundle_check(&b, 7, 43), -ESTALE);
	KUNIT_EXPECT_EQ(test, slsec_bundle_check(&b, 8, 0), -ENODEV);
}

static struct kunit_case slsec_bundle_cases[] = {
	KUNIT_CASE(slsec_bundle_vector_test),
	KUNIT_CASE(slsec_bundle_truncated_test),
	KUNIT_CASE(slsec_bundle_bitflip_test),
	KUNIT_CASE(slsec_bundle_wrong_kek_test),
	KUNIT_CASE(slsec_bundle_fields_test),
	KUNIT_CASE(slsec_bundle_check_test),
	{}
};

static struct kunit_suite slsec_bundle_suite = {
	.name = "slsec_bundle",
	.test_cases = slsec_bundle_cases,
};

kunit_test_suite(slsec_bundle_suite);
