// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the integrity limit (RFC 9001 section 6.6) per algorithm, the
 * near-limit and limit classification of a traffic key's failure count,
 * and the wiping of a crypto op's request state when it is given back.
 */
#include <kunit/test.h>
#include <linux/ktime.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <crypto/aead.h>
#include <linux/slsec.h>
#include "aead.h"
#include "messages.h"
#include "slsec_test.h"

/* RFC 9001 6.6: 2^52 for AEAD_AES_128_GCM and _256_GCM, 2^36 ChaCha. */
static void slsec_forgery_rfc_limits(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, slsec_forgery_limit(SLSEC_ALG_AES_GCM_128, 0),
			1ULL << 52);
	KUNIT_EXPECT_EQ(test, slsec_forgery_limit(SLSEC_ALG_AES_GCM_256, 0),
			1ULL << 52);
	KUNIT_EXPECT_EQ(test,
			slsec_forgery_limit(SLSEC_ALG_CHACHA20_POLY1305, 0),
			1ULL << 36);
	KUNIT_EXPECT_EQ(test, slsec_forgery_limit(0, 0), 0ULL);
	KUNIT_EXPECT_EQ(test, slsec_forgery_limit(SLSEC_ALG_MAX + 1, 5), 0ULL);
}

/* The testing knob lowers the limit, never raises it. */
static void slsec_forgery_override(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, slsec_forgery_limit(SLSEC_ALG_AES_GCM_128, 16),
			16ULL);
	KUNIT_EXPECT_EQ(test,
			slsec_forgery_limit(SLSEC_ALG_CHACHA20_POLY1305, 1),
			1ULL);
	KUNIT_EXPECT_EQ(test,
			slsec_forgery_limit(SLSEC_ALG_CHACHA20_POLY1305,
					    1ULL << 40),
			1ULL << 36);
	KUNIT_EXPECT_EQ(test,
			slsec_forgery_limit(SLSEC_ALG_AES_GCM_256, U64_MAX),
			1ULL << 52);
}

/* Seven eighths of the limit, below it even for tiny testing limits. */
static void slsec_forgery_near_threshold(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, slsec_forgery_near(1ULL << 52),
			(1ULL << 52) - (1ULL << 49));
	KUNIT_EXPECT_EQ(test, slsec_forgery_near(1ULL << 36),
			(1ULL << 36) - (1ULL << 33));
	KUNIT_EXPECT_EQ(test, slsec_forgery_near(16), 14ULL);
	KUNIT_EXPECT_EQ(test, slsec_forgery_near(8), 7ULL);
	KUNIT_EXPECT_EQ(test, slsec_forgery_near(9), 7ULL);
	KUNIT_EXPECT_EQ(test, slsec_forgery_near(3), 2ULL);
	KUNIT_EXPECT_EQ(test, slsec_forgery_near(2), 1ULL);
	KUNIT_EXPECT_EQ(test, slsec_forgery_near(1), 0ULL);
}

/* Big limits: the edges around both thresholds. */
static void slsec_forgery_class_edges(struct kunit *test)
{
	static const u64 limits[] = { 1ULL << 52, 1ULL << 36 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(limits); i++) {
		u64 l = limits[i], near = l / 8 * 7;

		KUNIT_EXPECT_EQ(test, slsec_forgery_class(1, l),
				SLSEC_FORGERY_OK);
		KUNIT_EXPECT_EQ(test, slsec_forgery_class(near - 1, l),
				SLSEC_FORGERY_OK);
		KUNIT_EXPECT_EQ(test, slsec_forgery_class(near, l),
				SLSEC_FORGERY_NEAR);
		KUNIT_EXPECT_EQ(test, slsec_forgery_class(near + 1, l),
				SLSEC_FORGERY_OK);
		KUNIT_EXPECT_EQ(test, slsec_forgery_class(l - 1, l),
				SLSEC_FORGERY_OK);
		KUNIT_EXPECT_EQ(test, slsec_forgery_class(l, l),
				SLSEC_FORGERY_LIMIT);
		KUNIT_EXPECT_EQ(test, slsec_forgery_class(l + 1, l),
				SLSEC_FORGERY_OVER);
		KUNIT_EXPECT_EQ(test, slsec_forgery_class(U64_MAX, l),
				SLSEC_FORGERY_OVER);
	}
}

/*
 * Counting 1, 2, ... as the receive path does: one warning and one limit
 * per key whatever the limit, the warning first (none for a limit of 1).
 */
static void slsec_forgery_class_once(struct kunit *test)
{
	u64 limit, n;

	for (limit = 1; limit <= 70; limit++) {
		unsigned int near = 0, at = 0;
		u64 near_n = 0, at_n = 0;

		for (n = 1; n <= limit + 5; n++) {
			switch (slsec_forgery_class(n, limit)) {
			case SLSEC_FORGERY_NEAR:
				near++;
				near_n = n;
				break;
			case SLSEC_FORGERY_LIMIT:
				at++;
				at_n = n;
				break;
			case SLSEC_FORGERY_OVER:
				KUNIT_EXPECT_GT(test, n, limit);
				break;
			case SLSEC_FORGERY_OK:
				KUNIT_EXPECT_LT(test, n, limit);
				break;
			}
		}
		KUNIT_EXPECT_EQ_MSG(test, at, 1U, "limit %llu", limit);
		KUNIT_EXPECT_EQ(test, at_n, limit);
		KUNIT_EXPECT_EQ_MSG(test, near, limit > 1 ? 1U : 0U,
				    "limit %llu", limit);
		if (limit > 1) {
			KUNIT_EXPECT_LT(test, near_n, limit);
			KUNIT_EXPECT_GE(test, near_n * 8, limit * 7 - 8);
		}
	}
}

/* Request and driver context of @op: after struct aead_request up to sg. */
static bool slsec_req_ctx_zero(const struct slsec_crypt_op *op, size_t *len)
{
	const u8 *p = (const u8 *)op->req + sizeof(struct aead_request);
	const u8 *end = (const u8 *)op->sg;

	*len = end - p;
	return !memchr_inv(p, 0, end - p);
}

/*
 * The spare op comes back with no GHASH state, tag or nonce from the
 * datagram before; also the cost of that wipe next to the open itself.
 */
static void slsec_forgery_op_wiped(struct kunit *test)
{
	static const u32 algs[] = { SLSEC_ALG_AES_GCM_128,
				    SLSEC_ALG_CHACHA20_POLY1305 };
	u8 key[32] = { 7 }, iv[12] = { 8 }, zero[SLSEC_NONCE_LEN] = { 0 };
	unsigned int i, n, iters = 20000, alen = 24, plen = 1400;
	struct slsec_crypt_op *op, *again;
	struct slsec_aead *a;
	u64 t_wipe;
	ktime_t t0;
	size_t len;
	u8 *buf;
	int err;

	buf = kunit_kzalloc(test, alen + plen + SLSEC_TAG_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < ARRAY_SIZE(algs); i++) {
		const struct slsec_alg_desc *d = slsec_alg_get(algs[i]);

		a = slsec_test_aead(test, algs[i], key, d->keylen, iv, 0);
		migrate_disable();
		op = slsec_crypt_op_alloc(a, 64, 1, GFP_ATOMIC);
		KUNIT_ASSERT_NOT_NULL(test, op);
		sg_set_buf(op->sg, buf, alen + plen + SLSEC_TAG_LEN);
		err = slsec_crypt_op_run(op, a, true, 42, alen, plen, NULL);
		KUNIT_EXPECT_EQ(test, err, 0);
		slsec_crypt_op_free(op);
		again = slsec_crypt_op_alloc(a, 64, 1, GFP_ATOMIC);
		if (!again) {
			migrate_enable();
			KUNIT_FAIL(test, "no op");
			continue;
		}
		KUNIT_EXPECT_PTR_EQ(test, again, op);
		KUNIT_EXPECT_TRUE_MSG(test, slsec_req_ctx_zero(again, &len),
				      "%s: %zu bytes of request context kept",
				      d->label, len);
		SLSEC_EXPECT_MEMEQ(test, again->nonce, zero, SLSEC_NONCE_LEN,
				   "%s nonce", d->label);
		/* What the wipe costs per datagram, as the free does it. */
		len = (u8 *)again->sg - (u8 *)again->req;
		t0 = ktime_get();
		for (n = 0; n < iters; n++)
			memzero_explicit(again->req, len);
		t_wipe = ktime_to_ns(ktime_sub(ktime_get(), t0));
		slsec_crypt_op_free(again);
		migrate_enable();
		kunit_info(test, "wipe %s: %zu B of request, %llu ps per op\n",
			   d->label, len, t_wipe * 1000 / iters);
	}
}

static struct kunit_case slsec_forgery_cases[] = {
	KUNIT_CASE(slsec_forgery_rfc_limits),
	KUNIT_CASE(slsec_forgery_override),
	KUNIT_CASE(slsec_forgery_near_threshold),
	KUNIT_CASE(slsec_forgery_class_edges),
	KUNIT_CASE(slsec_forgery_class_once),
	KUNIT_CASE(slsec_forgery_op_wiped),
	{}
};

static struct kunit_suite slsec_forgery_suite = {
	.name = "slsec_forgery",
	.test_cases = slsec_forgery_cases,
};

kunit_test_suite(slsec_forgery_suite);
