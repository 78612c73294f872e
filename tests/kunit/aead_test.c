// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: AEAD seal and open through slsec's wrappers.  Published vectors
 * (NIST GCM test cases 4 and 16, RFC 8439 section 2.8.2), slsec frames
 * from tests/kunit/vectors.py (the worked example of the wire-format
 * document among them), round trips of every size up to the MTU, every
 * single-bit flip of group address, header, ciphertext and tag, wrong
 * keys, groups and installations, and the asynchronous path.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/ktime.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/in.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <linux/slsec.h>

#include "aead.h"
#include "kdf.h"
#include "messages.h"
#include "replay.h"
#include "slsec_test.h"
#include "vectors.h"

#define NIST_PT								\
	"\xd9\x31\x32\x25\xf8\x84\x06\xe5\xa5\x59\x09\xc5\xaf\xf5\x26\x9a" \
	"\x86\xa7\xa9\x53\x15\x34\xf7\xda\x2e\x4c\x30\x3d\x8a\x31\x8a\x72" \
	"\x1c\x3c\x0c\x95\x95\x68\x09\x53\x2f\xcf\x0e\x24\x49\xa6\xb5\x25" \
	"\xb1\x6a\xed\xf5\xaa\x0d\xe6\x57\xba\x63\x7b\x39"
#define NIST_AAD							\
	"\xfe\xed\xfa\xce\xde\xad\xbe\xef\xfe\xed\xfa\xce\xde\xad\xbe\xef" \
	"\xab\xad\xda\xd2"
#define NIST_IV "\xca\xfe\xba\xbe\xfa\xce\xdb\xad\xde\xca\xf8\x88"
#define NIST_K128 "\xfe\xff\xe9\x92\x86\x65\x73\x1c\x6d\x6a\x8f\x94\x67\x30\x83\x08"

struct published_case {
	const char *name;
	u32 alg;
	const u8 *key, *iv, *aad, *pt, *ct;	/* ct includes the tag */
	unsigned int aadlen, len;
};

static const struct published_case published[] = {
	{
		.name = "NIST GCM test case 4 (AES-128)",
		.alg = SLSEC_ALG_AES_GCM_128,
		.key = NIST_K128, .iv = NIST_IV, .aad = NIST_AAD, .aadlen = 20,
		.pt = NIST_PT, .len = 60,
		.ct = "\x42\x83\x1e\xc2\x21\x77\x74\x24\x4b\x72\x21\xb7\x84\xd0\xd4\x9c"
		      "\xe3\xaa\x21\x2f\x2c\x02\xa4\xe0\x35\xc1\x7e\x23\x29\xac\xa1\x2e"
		      "\x21\xd5\x14\xb2\x54\x66\x93\x1c\x7d\x8f\x6a\x5a\xac\x84\xaa\x05"
		      "\x1b\xa3\x0b\x39\x6a\x0a\xac\x97\x3d\x58\xe0\x91"
		      "\x5b\xc9\x4f\xbc\x32\x21\xa5\xdb\x94\xfa\xe9\x5a\xe7\x12\x1a\x47",
	},
	{
		.name = "NIST GCM test case 16 (AES-256)",
		.alg = SLSEC_ALG_AES_GCM_256,
		.key = NIST_K128 NIST_K128, .iv = NIST_IV, .aad = NIST_AAD,
		.aadlen = 20, .pt = NIST_PT, .len = 60,
		.ct = "\x52\x2d\xc1\xf0\x99\x56\x7d\x07\xf4\x7f\x37\xa3\x2a\x84\x42\x7d"
		      "\x64\x3a\x8c\xdc\xbf\xe5\xc0\xc9\x75\x98\xa2\xbd\x25\x55\xd1\xaa"
		      "\x8c\xb0\x8e\x48\x59\x0d\xbb\x3d\xa7\xb0\x8b\x10\x56\x82\x88\x38"
		      "\xc5\xf6\x1e\x63\x93\xba\x7a\x0a\xbc\xc9\xf6\x62"
		      "\x76\xfc\x6e\xce\x0f\x4e\x17\x68\xcd\xdf\x88\x53\xbb\x2d\x55\x1b",
	},
	{
		.name = "RFC 8439 2.8.2 (ChaCha20-Poly1305)",
		.alg = SLSEC_ALG_CHACHA20_POLY1305,
		.key = "\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"
		       "\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f",
		.iv = "\x07\x00\x00\x00\x40\x41\x42\x43\x44\x45\x46\x47",
		.aad = "\x50\x51\x52\x53\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7",
		.aadlen = 12,
		/* "Ladies and Gentlemen of the class of '99: If I could ..." */
		.pt = "\x4c\x61\x64\x69\x65\x73\x20\x61\x6e\x64\x20\x47\x65\x6e\x74\x6c"
		      "\x65\x6d\x65\x6e\x20\x6f\x66\x20\x74\x68\x65\x20\x63\x6c\x61\x73"
		      "\x73\x20\x6f\x66\x20\x27\x39\x39\x3a\x20\x49\x66\x20\x49\x20\x63"
		      "\x6f\x75\x6c\x64\x20\x6f\x66\x66\x65\x72\x20\x79\x6f\x75\x20\x6f"
		      "\x6e\x6c\x79\x20\x6f\x6e\x65\x20\x74\x69\x70\x20\x66\x6f\x72\x20"
		      "\x74\x68\x65\x20\x66\x75\x74\x75\x72\x65\x2c\x20\x73\x75\x6e\x73"
		      "\x63\x72\x65\x65\x6e\x20\x77\x6f\x75\x6c\x64\x20\x62\x65\x20\x69"
		      "\x74\x2e",
		.len = 114,
		.ct = "\xd3\x1a\x8d\x34\x64\x8e\x60\xdb\x7b\x86\xaf\xbc\x53\xef\x7e\xc2"
		      "\xa4\xad\xed\x51\x29\x6e\x08\xfe\xa9\xe2\xb5\xa7\x36\xee\x62\xd6"
		      "\x3d\xbe\xa4\x5e\x8c\xa9\x67\x12\x82\xfa\xfb\x69\xda\x92\x72\x8b"
		      "\x1a\x71\xde\x0a\x9e\x06\x0b\x29\x05\xd6\xa5\xb6\x7e\xcd\x3b\x36"
		      "\x92\xdd\xbd\x7f\x2d\x77\x8b\x8c\x98\x03\xae\xe3\x28\x09\x1b\x58"
		      "\xfa\xb3\x24\xe4\xfa\xd6\x75\x94\x55\x85\x80\x8b\x48\x31\xd7\xbc"
		      "\x3f\xf4\xde\xf0\x8e\x4b\x7a\x9d\xe5\x76\xd2\x65\x86\xce\xc6\x4b"
		      "\x61\x16"
		      "\x1a\xe1\x0b\x59\x4f\x09\xe2\x6a\x7e\x90\x2e\xcb\xd0\x60\x06\x91",
	},
};

static void published_desc(const struct published_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(published, published, published_desc);

/* The published nonce is the IV, with packet number 0. */
static void slsec_aead_published(struct kunit *test)
{
	const struct published_case *c = test->param_value;
	const struct slsec_alg_desc *d = slsec_alg_get(c->alg);
	unsigned int total = c->aadlen + c->len + SLSEC_TAG_LEN;
	struct slsec_aead *a;
	u8 *buf = slsec_test_buf(test, total);

	a = slsec_test_aead(test, c->alg, c->key, d->keylen, c->iv, 0);
	memcpy(buf, c->aad, c->aadlen);
	memcpy(buf + c->aadlen, c->pt, c->len);
	KUNIT_EXPECT_EQ(test, slsec_aead_crypt_buf(a, true, 0, buf, c->aadlen,
						   c->len), 0);
	SLSEC_EXPECT_MEMEQ(test, buf + c->aadlen, c->ct, c->len + SLSEC_TAG_LEN,
			   "seal");
	KUNIT_EXPECT_EQ(test, slsec_aead_crypt_buf(a, false, 0, buf, c->aadlen,
						   c->len + SLSEC_TAG_LEN), 0);
	SLSEC_EXPECT_MEMEQ(test, buf + c->aadlen, c->pt, c->len, "open");
}

/* A frame's traffic key, derived as the data path does. */
static struct slsec_aead *frame_key(struct kunit *test,
				    const struct slsec_frame_vector *v,
				    unsigned int flags)
{
	const struct slsec_alg_desc *d = slsec_alg_get(v->alg);
	struct slsec_ptk_input in = {
		.group = v->group, .grouplen = v->grouplen, .key_id = v->key_id,
		.alg = v->alg, .sender = v->sender, .install = v->install,
		.epoch = slsec_pn_epoch(v->pn, d->epoch_shift),
	};
	struct crypto_shash *pgk = slsec_test_kdf(test, v->pgk, d->keylen);
	struct slsec_aead *a;
	u8 key[32], iv[12];

	KUNIT_ASSERT_EQ(test, slsec_kdf_traffic(pgk, &in, d->keylen, key, iv), 0);
	a = slsec_test_aead(test, v->alg, key, d->keylen, iv, flags);
	memzero_explicit(key, sizeof(key));
	return a;
}

/* Lay out AAD = group || header, then the payload; return the AAD length. */
static unsigned int frame_build(const struct slsec_frame_vector *v, u8 *buf)
{
	struct slsec_hdr h = {
		.version = SLSEC_WIRE_VERSION, .next_proto = IPPROTO_UDP,
		.key_id = v->key_id, .flags = 0,
		.sender_id = cpu_to_be32(v->sender),
		.install = cpu_to_be64(v->install),
		.ts = cpu_to_be32(v->ts),
		.pn = cpu_to_be64(v->pn),
	};

	memcpy(buf, v->group, v->grouplen);
	memcpy(buf + v->grouplen, &h, sizeof(h));
	memcpy(buf + v->grouplen + sizeof(h), v->payload, v->len);
	return v->grouplen + sizeof(h);
}

static void frame_desc(const struct slsec_frame_vector *v, char *desc)
{
	const struct slsec_alg_desc *d = slsec_alg_get(v->alg);

	snprintf(desc, KUNIT_PARAM_DESC_SIZE,
		 "%s, %u-byte group, epoch %u, %u bytes", d->label, v->grouplen,
		 slsec_pn_epoch(v->pn, d->epoch_shift), v->len);
}

KUNIT_ARRAY_PARAM(frame, slsec_frame_vectors, frame_desc);

/*
 * The first vector is Documentation/wire-format.rst's worked example.
 * The sealed bytes include the header, so the layout of struct slsec_hdr
 * (installation and timestamp big endian at offsets 8 and 16) is checked
 * against the independent implementation too.
 */
static void slsec_aead_frame_known_answers(struct kunit *test)
{
	const struct slsec_frame_vector *v = test->param_value;
	unsigned int aadlen, sealed = SLSEC_HDR_LEN + v->len + SLSEC_TAG_LEN;
	struct slsec_aead *a;
	u8 *buf = slsec_test_buf(test, 16 + sizeof(v->sealed));

	a = frame_key(test, v, 0);
	aadlen = frame_build(v, buf);
	KUNIT_ASSERT_EQ(test, aadlen, v->grouplen + SLSEC_HDR_LEN);
	KUNIT_ASSERT_EQ(test, slsec_aead_crypt_buf(a, true, v->pn, buf, aadlen,
						   v->len), 0);
	SLSEC_EXPECT_MEMEQ(test, buf + v->grouplen, v->sealed, sealed, "frame");
	KUNIT_EXPECT_EQ(test, slsec_aead_crypt_buf(a, false, v->pn, buf, aadlen,
						   v->len + SLSEC_TAG_LEN), 0);
	SLSEC_EXPECT_MEMEQ(test, buf + aadlen, v->payload, v->len, "opened");
}

/*
 * Every single-bit flip is refused: each bit of the group address, of
 * the 28 header bytes (installation and timestamp among them), of the
 * ciphertext and of the tag.  Counted by region, so a failure says where,
 * and the first bit that got through is named.
 */
static void slsec_aead_bit_flips(struct kunit *test)
{
	static const char * const region[] = {
		"group address", "header", "ciphertext", "tag",
	};
	const struct slsec_frame_vector *v = test->param_value;
	unsigned int aadlen, total, bit, r, end[4], refused[4] = {};
	unsigned int first_passed = UINT_MAX;
	struct slsec_aead *a;
	u8 *sealed = slsec_test_buf(test, 16 + sizeof(v->sealed));
	u8 *buf = slsec_test_buf(test, 16 + sizeof(v->sealed));

	BUILD_BUG_ON(sizeof(struct slsec_hdr) != 28);
	a = frame_key(test, v, 0);
	aadlen = frame_build(v, sealed);
	KUNIT_ASSERT_EQ(test, aadlen, v->grouplen + 28);
	KUNIT_ASSERT_EQ(test, slsec_aead_crypt_buf(a, true, v->pn, sealed,
						   aadlen, v->len), 0);
	total = aadlen + v->len + SLSEC_TAG_LEN;
	end[0] = v->grouplen;
	end[1] = aadlen;
	end[2] = aadlen + v->len;
	end[3] = total;
	for (bit = 0; bit < total * 8; bit++) {
		memcpy(buf, sealed, total);
		buf[bit / 8] ^= 1 << (bit % 8);
		for (r = 0; bit / 8 >= end[r]; r++)
			;
		if (slsec_aead_crypt_buf(a, false, v->pn, buf, aadlen,
					 v->len + SLSEC_TAG_LEN) == -EBADMSG)
			refused[r]++;
		else if (first_passed == UINT_MAX)
			first_passed = bit;
	}
	for (r = 0; r < ARRAY_SIZE(region); r++)
		KUNIT_EXPECT_EQ_MSG(test, refused[r],
				    8 * (end[r] - (r ? end[r - 1] : 0)),
				    "%s: bit %u of the frame was accepted",
				    region[r], first_passed);
	/* The untouched frame still opens: the refusals were the flips. */
	KUNIT_EXPECT_EQ(test, slsec_aead_crypt_buf(a, false, v->pn, sealed,
						   aadlen, v->len + SLSEC_TAG_LEN),
			0);
}

/*
 * Opened under the traffic key of another key id, sender, group,
 * installation (one bit or every bit apart) or epoch, or with another
 * packet number, or truncated: refused.
 */
#define WRONG_KEYS 6
static void slsec_aead_wrong_context(struct kunit *test)
{
	const struct slsec_frame_vector *v = test->param_value;
	const struct slsec_alg_desc *d = slsec_alg_get(v->alg);
	unsigned int aadlen, i, len = v->len + SLSEC_TAG_LEN;
	u8 *sealed = slsec_test_buf(test, 16 + sizeof(v->sealed));
	u8 *buf = slsec_test_buf(test, 16 + sizeof(v->sealed));
	struct slsec_frame_vector *other;
	struct slsec_aead *a;
	struct {
		struct slsec_aead *key;
		u64 pn;
		unsigned int len;
	} tries[WRONG_KEYS + 3];

	a = frame_key(test, v, 0);
	aadlen = frame_build(v, sealed);
	KUNIT_ASSERT_EQ(test, slsec_aead_crypt_buf(a, true, v->pn, sealed,
						   aadlen, v->len), 0);
	/* On the heap: six vectors would crowd the stack. */
	other = kunit_kmalloc_array(test, WRONG_KEYS, sizeof(*other), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, other);
	for (i = 0; i < WRONG_KEYS; i++)
		other[i] = *v;
	other[0].key_id ^= 1;
	other[1].sender++;
	other[2].group[other[2].grouplen - 1] ^= 0x80;
	other[3].install ^= 1;
	other[4].install = ~v->install;
	other[5].pn ^= BIT_ULL(d->epoch_shift);	/* the next or previous epoch */
	for (i = 0; i < WRONG_KEYS; i++)
		tries[i] = (typeof(tries[0])){ frame_key(test, &other[i], 0),
					       v->pn, len };
	tries[i++] = (typeof(tries[0])){ a, v->pn ^ 1, len };
	tries[i++] = (typeof(tries[0])){ a, v->pn, SLSEC_TAG_LEN - 1 };
	tries[i++] = (typeof(tries[0])){ a, v->pn, len };	/* the control */

	for (i = 0; i < ARRAY_SIZE(tries); i++) {
		memcpy(buf, sealed, aadlen + len);
		KUNIT_EXPECT_EQ_MSG(test, slsec_aead_crypt_buf(tries[i].key, false,
							       tries[i].pn, buf,
							       aadlen,
							       tries[i].len),
				    i < ARRAY_SIZE(tries) - 1 ? -EBADMSG : 0,
				    "try %u", i);
	}
}

static const u32 all_algs[] = {
	SLSEC_ALG_AES_GCM_128, SLSEC_ALG_AES_GCM_256,
	SLSEC_ALG_CHACHA20_POLY1305,
};

static void alg_desc(const u32 *alg, char *desc)
{
	strscpy(desc, slsec_alg_get(*alg)->label, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(alg, all_algs, alg_desc);

#define RT_MAX 1500	/* an Ethernet MTU's worth of payload */

/* Round trip of every payload size from 0 to RT_MAX bytes. */
static void slsec_aead_round_trip_sizes(struct kunit *test)
{
	u32 alg = *(const u32 *)test->param_value;
	const struct slsec_alg_desc *d = slsec_alg_get(alg);
	u8 key[32], iv[12], *pt, *buf;
	unsigned int len, bad = 0;
	struct slsec_aead *a;

	pt = kunit_kmalloc(test, RT_MAX, GFP_KERNEL);
	buf = kunit_kmalloc(test, 24 + RT_MAX + SLSEC_TAG_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pt);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	get_random_bytes(key, sizeof(key));
	get_random_bytes(iv, sizeof(iv));
	get_random_bytes(pt, RT_MAX);
	a = slsec_test_aead(test, alg, key, d->keylen, iv, 0);
	for (len = 0; len <= RT_MAX; len++) {
		memset(buf, 0xa5, 24);
		memcpy(buf + 24, pt, len);
		if (slsec_aead_crypt_buf(a, true, len, buf, 24, len) ||
		    (len >= 16 && !memcmp(buf + 24, pt, 16)) ||
		    slsec_aead_crypt_buf(a, false, len, buf, 24,
					 len + SLSEC_TAG_LEN) ||
		    memcmp(buf + 24, pt, len))
			bad++;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
}

static void slsec_aead_key_length_exact(struct kunit *test)
{
	u32 alg = *(const u32 *)test->param_value;
	const struct slsec_alg_desc *d = slsec_alg_get(alg);
	u8 key[64] = {}, iv[12] = {};
	static const int delta[] = { -16, -1, 1, 16 };
	struct slsec_aead a;
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(delta); i++)
		KUNIT_EXPECT_EQ_MSG(test, slsec_aead_init(&a, alg, key,
							  d->keylen + delta[i],
							  iv, 0),
				    -EINVAL, "key length %d", d->keylen + delta[i]);
	err = slsec_aead_init(&a, alg, key, d->keylen, iv, 0);
	KUNIT_EXPECT_EQ_MSG(test, err, 0, "exact key length refused");
	if (!err)
		slsec_aead_destroy(&a);
	KUNIT_EXPECT_EQ(test, slsec_aead_init(&a, SLSEC_ALG_MAX + 1, key, 32,
					      iv, 0), -EINVAL);
}

struct async_ctx {
	struct completion done;
	int err;
	bool called;
};

static void async_done(struct slsec_crypt_op *op, int err)
{
	struct async_ctx *c = (void *)op->ctx;

	c->err = err;
	c->called = true;
	complete(&c->done);
}

/* Run one op through the callback path (as the data path will). */
static int async_run(struct kunit *test, struct slsec_aead *a, bool seal,
		     u8 *buf, unsigned int aadlen, unsigned int len, int *ret)
{
	struct slsec_crypt_op *op;
	struct async_ctx *c;
	int err;

	op = slsec_crypt_op_alloc(a, sizeof(*c), 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, op);
	c = (void *)op->ctx;
	init_completion(&c->done);
	c->called = false;
	sg_set_buf(op->sg, buf, aadlen + len + (seal ? SLSEC_TAG_LEN : 0));
	*ret = slsec_crypt_op_run(op, a, seal, 42, aadlen, len, async_done);
	if (*ret == -EINPROGRESS) {
		KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&c->done, 10 * HZ)
				> 0, true);
		err = c->err;
	} else {
		KUNIT_EXPECT_FALSE(test, c->called);
		err = *ret;
	}
	slsec_crypt_op_free(op);
	return err;
}

/* Forced through cryptd: completion comes through the callback. */
static void slsec_aead_async(struct kunit *test)
{
	u32 alg = *(const u32 *)test->param_value;
	const struct slsec_alg_desc *d = slsec_alg_get(alg);
	u8 key[32] = { 7 }, iv[12] = { 9 };
	u8 *ref = slsec_test_buf(test, 20 + 256 + 16), *buf = slsec_test_buf(test, 20 + 256 + 16);
	const size_t reflen = 20 + 256 + 16;
	struct slsec_aead *sync, *async;
	const char *driver;
	int ret;

	sync = slsec_test_aead(test, alg, key, d->keylen, iv, 0);
	async = slsec_test_aead(test, alg, key, d->keylen, iv, SLSEC_AEAD_ASYNC);
	/* Really asynchronous: cryptd, flagged CRYPTO_ALG_ASYNC. */
	KUNIT_EXPECT_TRUE(test, crypto_aead_tfm(async->tfm)->__crt_alg->cra_flags &
			  CRYPTO_ALG_ASYNC);
	driver = crypto_tfm_alg_driver_name(crypto_aead_tfm(async->tfm));
	KUNIT_EXPECT_EQ(test, strncmp(driver, "cryptd(", 7), 0);

	memset(ref, 0x3c, reflen);
	memcpy(buf, ref, reflen);
	KUNIT_ASSERT_EQ(test, slsec_aead_crypt_buf(sync, true, 42, ref, 20, 256),
			0);
	KUNIT_EXPECT_EQ(test, async_run(test, async, true, buf, 20, 256, &ret),
			0);
	KUNIT_EXPECT_EQ(test, ret, -EINPROGRESS);
	SLSEC_EXPECT_MEMEQ(test, buf, ref, reflen, "async seal");

	KUNIT_EXPECT_EQ(test, async_run(test, async, false, buf, 20, 256 + 16,
					&ret), 0);
	KUNIT_EXPECT_EQ(test, ret, -EINPROGRESS);
	memcpy(buf, ref, reflen);
	buf[20 + 256] ^= 0x10;	/* the tag */
	KUNIT_EXPECT_EQ(test, async_run(test, async, false, buf, 20, 256 + 16,
					&ret), -EBADMSG);
	/* The waiting wrapper works on an async driver too. */
	memcpy(buf, ref, reflen);
	KUNIT_EXPECT_EQ(test, slsec_aead_crypt_buf(async, false, 42, buf, 20,
						   256 + 16), 0);
}

/*
 * The data path's ops come from a spare per CPU: freed and allocated
 * again on the same CPU, an op is the same block, set up afresh; one
 * that needs more room than the spare has gets a block large enough;
 * one given back while the spare slot is full is freed (kmemleak would
 * tell otherwise).
 */
static void slsec_aead_op_spare(struct kunit *test)
{
	u8 key[16] = { 3 }, iv[12] = { 4 };
	struct slsec_crypt_op *a, *b, *big;
	struct slsec_aead *aead;
	void *other;

	aead = slsec_test_aead(test, SLSEC_ALG_AES_GCM_128, key, 16, iv, 0);
	migrate_disable();
	a = slsec_crypt_op_alloc(aead, 64, 2, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, a);
	memset(a->ctx, 0x5a, 64);
	slsec_crypt_op_free(a);
	/* Freed to the slab, the block would be the next of its size. */
	other = kmalloc(a->size, GFP_ATOMIC);
	KUNIT_EXPECT_PTR_NE(test, other, (void *)a);
	kfree(other);
	b = slsec_crypt_op_alloc(aead, 32, 1, GFP_ATOMIC);
	KUNIT_EXPECT_PTR_EQ(test, b, a);
	if (b) {
		KUNIT_EXPECT_TRUE(test, (void *)&b->sg[1] <= (void *)b + b->size);
		KUNIT_EXPECT_TRUE(test, sg_is_last(&b->sg[0]));
		KUNIT_EXPECT_PTR_EQ(test, crypto_aead_reqtfm(b->req), aead->tfm);
	}
	big = slsec_crypt_op_alloc(aead, 64, 256, GFP_ATOMIC);
	KUNIT_ASSERT_NOT_NULL(test, big);
	KUNIT_EXPECT_PTR_NE(test, big, b);
	KUNIT_EXPECT_GE(test, big->size, 256 * sizeof(struct scatterlist));
	KUNIT_EXPECT_TRUE(test, (void *)&big->sg[256] <= (void *)big + big->size);
	slsec_crypt_op_free(b);		/* the spare again */
	slsec_crypt_op_free(big);	/* slot full: freed */
	b = slsec_crypt_op_alloc(aead, 64, 2, GFP_ATOMIC);
	KUNIT_EXPECT_PTR_EQ(test, b, a);
	slsec_crypt_op_free(b);
	migrate_enable();
}

/*
 * Many packets on one transform with increasing packet numbers; also the
 * per-packet cost reported in the closing notes (debug kernel: KASAN
 * slows the code around the AEAD, not the AES-NI/ChaCha assembly).
 */
static void slsec_aead_cost(struct kunit *test)
{
	u32 alg = *(const u32 *)test->param_value;
	const struct slsec_alg_desc *d = slsec_alg_get(alg);
	static const unsigned int sizes[] = { 64, 1400 };
	u8 key[32] = { 1 }, iv[12] = { 2 }, *buf;
	unsigned int i, n, bad = 0, iters = 2000;
	u64 t_seal, t_open;
	struct slsec_aead *a;
	ktime_t t0;

	buf = kunit_kzalloc(test, 24 + 1400 + 16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	a = slsec_test_aead(test, alg, key, d->keylen, iv, 0);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		t_seal = 0;
		t_open = 0;
		for (n = 0; n < iters; n++) {
			t0 = ktime_get();
			bad += !!slsec_aead_crypt_buf(a, true, n, buf, 24,
						      sizes[i]);
			t_seal += ktime_to_ns(ktime_sub(ktime_get(), t0));
			t0 = ktime_get();
			bad += !!slsec_aead_crypt_buf(a, false, n, buf, 24,
						      sizes[i] + 16);
			t_open += ktime_to_ns(ktime_sub(ktime_get(), t0));
		}
		kunit_info(test, "cost %s %u B: seal %llu ns, open %llu ns\n",
			   d->label, sizes[i], t_seal / iters, t_open / iters);
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
}

static struct kunit_case slsec_aead_cases[] = {
	KUNIT_CASE_PARAM(slsec_aead_published, published_gen_params),
	KUNIT_CASE_PARAM(slsec_aead_frame_known_answers, frame_gen_params),
	KUNIT_CASE_PARAM(slsec_aead_bit_flips, frame_gen_params),
	KUNIT_CASE_PARAM(slsec_aead_wrong_context, frame_gen_params),
	KUNIT_CASE_PARAM(slsec_aead_round_trip_sizes, alg_gen_params),
	KUNIT_CASE_PARAM(slsec_aead_key_length_exact, alg_gen_params),
	KUNIT_CASE_PARAM(slsec_aead_async, alg_gen_params),
	KUNIT_CASE(slsec_aead_op_spare),
	KUNIT_CASE_PARAM(slsec_aead_cost, alg_gen_params),
	{}
};

static struct kunit_suite slsec_aead_suite = {
	.name = "slsec_aead",
	.test_cases = slsec_aead_cases,
};

kunit_test_suite(slsec_aead_suite);
