// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the HMAC plumbing against RFC 4231, the TS 33.220 KDF and the
 * traffic-key derivation against vectors computed by tests/kunit/vectors.py
 * (Python's hmac, independent of this code), and the separation of the
 * traffic keys of two installations of one group key.
 */
#include <kunit/test.h>
#include <crypto/hash.h>
#include <linux/random.h>
#include <linux/slsec.h>

#include "kdf.h"
#include "aead.h"
#include "slsec_test.h"
#include "vectors.h"

struct rfc4231_case {
	const char *name;
	u8 key[131];
	unsigned int keylen;
	const char *data;	/* NULL: @byte repeated @datalen times */
	u8 byte;
	unsigned int datalen;
	u8 mac[32];
};

/* RFC 4231 section 4, test cases 1-4, 6 and 7 (5 is a truncated MAC). */
static const struct rfc4231_case rfc4231_cases[] = {
	{ "case 1", { [0 ... 19] = 0x0b }, 20, "Hi There", 0, 8,
	  { 0xb0, 0x34, 0x4c, 0x61, 0xd8, 0xdb, 0x38, 0x53, 0x5c, 0xa8, 0xaf,
	    0xce, 0xaf, 0x0b, 0xf1, 0x2b, 0x88, 0x1d, 0xc2, 0x00, 0xc9, 0x83,
	    0x3d, 0xa7, 0x26, 0xe9, 0x37, 0x6c, 0x2e, 0x32, 0xcf, 0xf7 } },
	{ "case 2", "Jefe", 4, "what do ya want for nothing?", 0, 28,
	  { 0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24,
	    0x26, 0x08, 0x95, 0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27,
	    0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43 } },
	{ "case 3", { [0 ... 19] = 0xaa }, 20, NULL, 0xdd, 50,
	  { 0x77, 0x3e, 0xa9, 0x1e, 0x36, 0x80, 0x0e, 0x46, 0x85, 0x4d, 0xb8,
	    0xeb, 0xd0, 0x91, 0x81, 0xa7, 0x29, 0x59, 0x09, 0x8b, 0x3e, 0xf8,
	    0xc1, 0x22, 0xd9, 0x63, 0x55, 0x14, 0xce, 0xd5, 0x65, 0xfe } },
	{ "case 4", { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
		      0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12,
		      0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19 }, 25,
	  NULL, 0xcd, 50,
	  { 0x82, 0x55, 0x8a, 0x38, 0x9a, 0x44, 0x3c, 0x0e, 0xa4, 0xcc, 0x81,
	    0x98, 0x99, 0xf2, 0x08, 0x3a, 0x85, 0xf0, 0xfa, 0xa3, 0xe5, 0x78,
	    0xf8, 0x07, 0x7a, 0x2e, 0x3f, 0xf4, 0x67, 0x29, 0x66, 0x5b } },
	{ "case 6", { [0 ... 130] = 0xaa }, 131,
	  "Test Using Larger Than Block-Size Key - Hash Key First", 0, 54,
	  { 0x60, 0xe4, 0x31, 0x59, 0x1e, 0xe0, 0xb6, 0x7f, 0x0d, 0x8a, 0x26,
	    0xaa, 0xcb, 0xf5, 0xb7, 0x7f, 0x8e, 0x0b, 0xc6, 0x21, 0x37, 0x28,
	    0xc5, 0x14, 0x05, 0x46, 0x04, 0x0f, 0x0e, 0xe3, 0x7f, 0x54 } },
	{ "case 7", { [0 ... 130] = 0xaa }, 131,
	  "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
	  0, 152,
	  { 0x9b, 0x09, 0xff, 0xa7, 0x1b, 0x94, 0x2f, 0xcb, 0x27, 0x63, 0x5f,
	    0xbc, 0xd5, 0xb0, 0xe9, 0x44, 0xbf, 0xdc, 0x63, 0x64, 0x4f, 0x07,
	    0x13, 0x93, 0x8a, 0x7f, 0x51, 0x53, 0x5c, 0x3a, 0x35, 0xe2 } },
};

static void rfc4231_desc(const struct rfc4231_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rfc4231, rfc4231_cases, rfc4231_desc);

/* The data goes in as three parts, so concatenation is tested too. */
static void slsec_kdf_rfc4231(struct kunit *test)
{
	const struct rfc4231_case *c = test->param_value;
	struct slsec_kdf_param part[3];
	struct crypto_shash *hmac;
	u8 *data, mac[32];
	unsigned int a, b;

	data = kunit_kzalloc(test, c->datalen, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, data);
	if (c->data)
		memcpy(data, c->data, c->datalen);
	else
		memset(data, c->byte, c->datalen);
	a = c->datalen / 3;
	b = 2 * c->datalen / 3;
	part[0] = (struct slsec_kdf_param){ data, a };
	part[1] = (struct slsec_kdf_param){ data + a, b - a };
	part[2] = (struct slsec_kdf_param){ data + b, c->datalen - b };

	hmac = slsec_test_kdf(test, c->key, c->keylen);
	KUNIT_EXPECT_EQ(test, slsec_hmac_parts(hmac, part, 3, mac), 0);
	SLSEC_EXPECT_MEMEQ(test, mac, c->mac, 32, "%s", c->name);
}

static void slsec_kdf_known_answers(struct kunit *test)
{
	struct slsec_kdf_param p[SLSEC_KDF_MAX_PARAMS];
	const struct slsec_kdf_vector *v;
	struct crypto_shash *hmac;
	unsigned int i, j;
	u8 out[32];

	/* The widest vector (the PTK's five inputs) fits the KDF. */
	BUILD_BUG_ON(ARRAY_SIZE(slsec_kdf_vectors[0].param) >
		     SLSEC_KDF_MAX_PARAMS);
	for (i = 0; i < ARRAY_SIZE(slsec_kdf_vectors); i++) {
		v = &slsec_kdf_vectors[i];
		for (j = 0; j < v->nparams; j++)
			p[j] = (struct slsec_kdf_param){ v->param[j], v->plen[j] };
		hmac = slsec_test_kdf(test, v->key, v->keylen);
		KUNIT_EXPECT_EQ(test, slsec_kdf(hmac, v->fc, p, v->nparams, out),
				0);
		SLSEC_EXPECT_MEMEQ(test, out, v->out, 32, "vector %u", i);
	}
}

static void slsec_kdf_traffic_known_answers(struct kunit *test)
{
	const struct slsec_frame_vector *v;
	const struct slsec_alg_desc *d;
	struct slsec_ptk_input in;
	struct crypto_shash *pgk;
	u8 key[32], iv[12];
	unsigned int i, keylen;

	for (i = 0; i < ARRAY_SIZE(slsec_frame_vectors); i++) {
		v = &slsec_frame_vectors[i];
		d = slsec_alg_get(v->alg);
		KUNIT_ASSERT_NOT_NULL(test, d);
		keylen = d->keylen;
		in = (struct slsec_ptk_input){
			.group = v->group, .grouplen = v->grouplen,
			.key_id = v->key_id, .alg = v->alg, .sender = v->sender,
			.install = v->install, .epoch = v->pn >> d->epoch_shift,
		};
		pgk = slsec_test_kdf(test, v->pgk, keylen);
		KUNIT_EXPECT_EQ(test, slsec_kdf_traffic(pgk, &in, keylen, key, iv),
				0);
		SLSEC_EXPECT_MEMEQ(test, key, v->key, keylen, "vector %u", i);
		SLSEC_EXPECT_MEMEQ(test, iv, v->iv, 12, "vector %u", i);
	}
}

/* Every input of the derivation changes the key and the IV. */
static void slsec_kdf_traffic_binds_inputs(struct kunit *test)
{
	static const u8 g4[4] = { 239, 1, 1, 1 }, g4b[4] = { 239, 1, 1, 2 };
	const struct slsec_ptk_input base = {
		.group = g4, .grouplen = 4, .key_id = 1,
		.alg = SLSEC_ALG_AES_GCM_256, .sender = 7,
		.install = 0x0123456789abcdefULL, .epoch = 0,
	};
	struct slsec_ptk_input v[6];
	u8 k0[32], iv0[12], k[32], iv[12], pgkey[32] = { 1 };
	struct crypto_shash *pgk;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(v); i++)
		v[i] = base;
	v[0].group = g4b;
	v[1].key_id = 2;
	v[2].sender = 8;
	v[3].epoch = 1;
	v[4].alg = SLSEC_ALG_CHACHA20_POLY1305;
	v[5].install = base.install ^ BIT_ULL(63);

	pgk = slsec_test_kdf(test, pgkey, sizeof(pgkey));
	KUNIT_ASSERT_EQ(test, slsec_kdf_traffic(pgk, &base, 32, k0, iv0), 0);
	for (i = 0; i < ARRAY_SIZE(v); i++) {
		KUNIT_ASSERT_EQ(test, slsec_kdf_traffic(pgk, &v[i], 32, k, iv), 0);
		SLSEC_EXPECT_MEMNEQ(test, k, k0, 32, "input %u", i);
		SLSEC_EXPECT_MEMNEQ(test, iv, iv0, 12, "input %u", i);
	}
}

/*
 * Two installations of one group key by one sender never share a traffic
 * key or an IV, in any algorithm: installation ids one bit apart (each of
 * the 64 bits), 0 and 1, and a second random one, in the same epoch and
 * the neighbouring ones.  The same installation derives the same key and
 * IV again: the comparisons can fail.
 */
static void slsec_kdf_install_separates(struct kunit *test)
{
	static const u8 g6[16] = { 0xff, 0x0e, [15] = 0x01 };
	u8 ka[32], iva[12], kb[32], ivb[12], pgkey[32] = { 0x5c };
	struct slsec_ptk_input a = {
		.group = g6, .grouplen = 16, .key_id = 9, .sender = 42,
		.epoch = 3,
	}, b;
	const struct slsec_alg_desc *d;
	struct crypto_shash *pgk;
	unsigned int bit, n;
	u64 other;
	int de;

	for (a.alg = SLSEC_ALG_AES_GCM_128; a.alg <= SLSEC_ALG_CHACHA20_POLY1305;
	     a.alg++) {
		d = slsec_alg_get(a.alg);
		KUNIT_ASSERT_NOT_NULL(test, d);
		n = d->keylen;
		pgk = slsec_test_kdf(test, pgkey, n);
		get_random_bytes(&a.install, sizeof(a.install));
		KUNIT_ASSERT_EQ(test, slsec_kdf_traffic(pgk, &a, n, ka, iva), 0);

		b = a;
		KUNIT_ASSERT_EQ(test, slsec_kdf_traffic(pgk, &b, n, kb, ivb), 0);
		SLSEC_EXPECT_MEMEQ(test, kb, ka, n, "%s: same installation, key",
				   d->label);
		SLSEC_EXPECT_MEMEQ(test, ivb, iva, 12, "%s: same installation, IV",
				   d->label);

		for (bit = 0; bit < 64; bit++) {
			b.install = a.install ^ BIT_ULL(bit);
			KUNIT_ASSERT_EQ(test, slsec_kdf_traffic(pgk, &b, n, kb, ivb),
					0);
			SLSEC_EXPECT_MEMNEQ(test, kb, ka, n, "%s: bit %u, key",
					    d->label, bit);
			SLSEC_EXPECT_MEMNEQ(test, ivb, iva, 12, "%s: bit %u, IV",
					    d->label, bit);
		}

		do {
			get_random_bytes(&other, sizeof(other));
		} while (other == a.install);
		for (de = -1; de <= 1; de++) {
			b.install = other;
			b.epoch = a.epoch + de;
			KUNIT_ASSERT_EQ(test, slsec_kdf_traffic(pgk, &b, n, kb, ivb),
					0);
			SLSEC_EXPECT_MEMNEQ(test, kb, ka, n, "%s: epoch %+d, key",
					    d->label, de);
			SLSEC_EXPECT_MEMNEQ(test, ivb, iva, 12, "%s: epoch %+d, IV",
					    d->label, de);
		}

		a.install = 0;
		b = a;
		b.install = 1;
		KUNIT_ASSERT_EQ(test, slsec_kdf_traffic(pgk, &a, n, ka, iva), 0);
		KUNIT_ASSERT_EQ(test, slsec_kdf_traffic(pgk, &b, n, kb, ivb), 0);
		SLSEC_EXPECT_MEMNEQ(test, kb, ka, n, "%s: 0 and 1, key", d->label);
		SLSEC_EXPECT_MEMNEQ(test, ivb, iva, 12, "%s: 0 and 1, IV",
				    d->label);
	}
}

static void slsec_kdf_refuses_bad_input(struct kunit *test)
{
	struct slsec_kdf_param p[SLSEC_KDF_MAX_PARAMS + 1] = {};
	static const u8 g[16];
	struct slsec_ptk_input in = { .group = g, .grouplen = 5, .alg = 1 };
	u8 key[32] = {}, out[32], iv[12];
	struct crypto_shash *pgk;

	pgk = slsec_test_kdf(test, key, 16);
	KUNIT_EXPECT_EQ(test, slsec_kdf(pgk, 0, p, ARRAY_SIZE(p), out), -EINVAL);
	KUNIT_EXPECT_EQ(test, slsec_kdf_traffic(pgk, &in, 16, key, iv), -EINVAL);
	in.grouplen = 4;
	KUNIT_EXPECT_EQ(test, slsec_kdf_traffic(pgk, &in, 24, key, iv), -EINVAL);
}

static struct kunit_case slsec_kdf_cases[] = {
	KUNIT_CASE_PARAM(slsec_kdf_rfc4231, rfc4231_gen_params),
	KUNIT_CASE(slsec_kdf_known_answers),
	KUNIT_CASE(slsec_kdf_traffic_known_answers),
	KUNIT_CASE(slsec_kdf_traffic_binds_inputs),
	KUNIT_CASE(slsec_kdf_install_separates),
	KUNIT_CASE(slsec_kdf_refuses_bad_input),
	{}
};

static struct kunit_suite slsec_kdf_suite = {
	.name = "slsec_kdf",
	.test_cases = slsec_kdf_cases,
};

kunit_test_suite(slsec_kdf_suite);
