// SPDX-License-Identifier: GPL-2.0
/*
 * The crypto's own cost, for `make bench`: time the in-kernel AEAD that
 * slsec uses, on prepared linear buffers, with nothing of slsec around it.
 * For each algorithm and text length it reports the median of @trials
 * timings of @msecs each, in nanoseconds per operation, for a seal
 * (encrypt in place, AAD || text -> AAD || ct || tag, as slsec's send
 * path does) and an open (decrypt of that ciphertext, as the receive path
 * does; out of place so every open authenticates).
 *
 * The AAD is slsec's: group address (4 bytes) and header (28 bytes).
 * Results go to the kernel log as one line each:
 *
 *   slsec_bench: alg=aes-gcm-128 driver=generic-gcm-aesni len=72 seal_ns=... open_ns=... ops=...
 *
 * Like tcrypt, loading always fails (-EAGAIN) once the run is done, so
 * nothing stays loaded.
 */

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/sort.h>
#include <linux/scatterlist.h>
#include <crypto/aead.h>

#define SLSEC_BENCH_AAD		32
#define SLSEC_BENCH_TAG		16
#define SLSEC_BENCH_IV		12
#define SLSEC_BENCH_TRIALS_MAX	15
#define SLSEC_BENCH_LENS_MAX	8
#define SLSEC_BENCH_LEN_MAX	4096

static int lens[SLSEC_BENCH_LENS_MAX] = { 72, 520, 1408, 2008 };
static int nlens = 4;
module_param_array(lens, int, &nlens, 0444);
MODULE_PARM_DESC(lens, "text lengths (UDP header + payload), bytes");
static unsigned int msecs = 100;
module_param(msecs, uint, 0444);
MODULE_PARM_DESC(msecs, "length of one timing, ms");
static unsigned int trials = 5;
module_param(trials, uint, 0444);
MODULE_PARM_DESC(trials, "timings per measurement (the median is reported)");

struct slsec_bench_alg {
	const char *label;
	const char *name;
	unsigned int keylen;
};

static const struct slsec_bench_alg slsec_bench_algs[] = {
	{ "aes-gcm-128", "gcm(aes)", 16 },
	{ "aes-gcm-256", "gcm(aes)", 32 },
	{ "chacha20-poly1305", "rfc7539(chacha20,poly1305)", 32 },
};

/* One transform, a request and the two buffers a measurement needs. */
struct slsec_bench {
	struct crypto_aead *tfm;
	struct aead_request *req;
	struct crypto_wait wait;
	struct scatterlist sg_ct, sg_pt;
	u8 *ct, *pt;
	u8 iv[SLSEC_BENCH_IV];
};

static int slsec_bench_op(struct slsec_bench *b, bool seal, unsigned int len)
{
	struct aead_request *req = b->req;

	if (seal) {
		aead_request_set_crypt(req, &b->sg_ct, &b->sg_ct, len, b->iv);
		return crypto_wait_req(crypto_aead_encrypt(req), &b->wait);
	}
	aead_request_set_crypt(req, &b->sg_ct, &b->sg_pt,
			       len + SLSEC_BENCH_TAG, b->iv);
	return crypto_wait_req(crypto_aead_decrypt(req), &b->wait);
}

/* Operations done in one timing of @msecs, and the nanoseconds taken. */
static int slsec_bench_time(struct slsec_bench *b, bool seal,
			    unsigned int len, u64 *ns_per_op, u64 *ops)
{
	u64 start = ktime_get_ns(), end = start + (u64)msecs * NSEC_PER_MSEC;
	u64 n = 0, now;
	int err;

	do {
		err = slsec_bench_op(b, seal, len);
		if (err)
			return err;
		n++;
		if (!(n & 15))
			cond_resched();
		now = ktime_get_ns();
	} while (now < end);
	*ns_per_op = div64_u64(now - start, n);
	*ops += n;
	return 0;
}

static int slsec_bench_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static int slsec_bench_median(struct slsec_bench *b, bool seal,
			      unsigned int len, u64 *median, u64 *ops)
{
	u64 t[SLSEC_BENCH_TRIALS_MAX];
	unsigned int i;
	int err;

	for (i = 0; i < trials; i++) {
		err = slsec_bench_time(b, seal, len, &t[i], ops);
		if (err)
			return err;
	}
	sort(t, trials, sizeof(t[0]), slsec_bench_cmp, NULL);
	*median = t[trials / 2];
	return 0;
}

static int slsec_bench_len(struct slsec_bench *b,
			   const struct slsec_bench_alg *alg, unsigned int len)
{
	unsigned int total = SLSEC_BENCH_AAD + len + SLSEC_BENCH_TAG;
	u64 seal_ns, open_ns, ops = 0;
	int err;

	sg_init_one(&b->sg_ct, b->ct, total);
	sg_init_one(&b->sg_pt, b->pt, total);
	get_random_bytes(b->ct, total);
	/* The ciphertext every open authenticates: sealed once, kept. */
	err = slsec_bench_op(b, true, len);
	if (!err)
		err = slsec_bench_op(b, false, len);
	if (!err)
		err = slsec_bench_median(b, false, len, &open_ns, &ops);
	if (!err)
		err = slsec_bench_median(b, true, len, &seal_ns, &ops);
	if (err) {
		pr_err("slsec_bench: %s len %u: error %d\n", alg->label, len, err);
		return err;
	}
	pr_info("slsec_bench: alg=%s driver=%s len=%u seal_ns=%llu open_ns=%llu ops=%llu\n",
		alg->label, crypto_tfm_alg_driver_name(crypto_aead_tfm(b->tfm)),
		len, seal_ns, open_ns, ops);
	return 0;
}

static int slsec_bench_alg(struct slsec_bench *b,
			   const struct slsec_bench_alg *alg)
{
	u8 key[32];
	int i, err;

	b->tfm = crypto_alloc_aead(alg->name, 0, 0);
	if (IS_ERR(b->tfm))
		return PTR_ERR(b->tfm);
	get_random_bytes(key, alg->keylen);
	get_random_bytes(b->iv, sizeof(b->iv));
	err = crypto_aead_setkey(b->tfm, key, alg->keylen);
	memzero_explicit(key, sizeof(key));
	if (!err)
		err = crypto_aead_setauthsize(b->tfm, SLSEC_BENCH_TAG);
	b->req = err ? NULL : aead_request_alloc(b->tfm, GFP_KERNEL);
	if (!err && !b->req)
		err = -ENOMEM;
	if (!err) {
		crypto_init_wait(&b->wait);
		aead_request_set_callback(b->req, CRYPTO_TFM_REQ_MAY_BACKLOG,
					  crypto_req_done, &b->wait);
		aead_request_set_ad(b->req, SLSEC_BENCH_AAD);
	}
	for (i = 0; !err && i < nlens; i++)
		err = slsec_bench_len(b, alg, lens[i]);
	aead_request_free(b->req);
	crypto_free_aead(b->tfm);
	return err;
}

static int __init slsec_bench_init(void)
{
	size_t bufsz = SLSEC_BENCH_AAD + SLSEC_BENCH_LEN_MAX + SLSEC_BENCH_TAG;
	struct slsec_bench b = {};
	int i, err = 0;

	if (!trials || trials > SLSEC_BENCH_TRIALS_MAX || !msecs)
		return -EINVAL;
	for (i = 0; i < nlens; i++)
		if (lens[i] <= 0 || lens[i] > SLSEC_BENCH_LEN_MAX)
			return -EINVAL;
	b.ct = kmalloc(bufsz, GFP_KERNEL);
	b.pt = kmalloc(bufsz, GFP_KERNEL);
	for (i = 0; !err && i < ARRAY_SIZE(slsec_bench_algs); i++)
		err = b.ct && b.pt ? slsec_bench_alg(&b, &slsec_bench_algs[i])
				   : -ENOMEM;
	kfree(b.ct);
	kfree(b.pt);
	return err ?: -EAGAIN;
}

module_init(slsec_bench_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("slsec benchmark: in-kernel AEAD cost per operation");
