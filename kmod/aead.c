// SPDX-License-Identifier: GPL-2.0
/*
 * AEAD seal and open through the kernel crypto API.  One transform per
 * traffic key, keyed once; per datagram a single GFP_ATOMIC block holds
 * the request.  Synchronous and asynchronous drivers share one path: a
 * caller gets 0 (done inline), -EINPROGRESS (its done callback will run),
 * or an error (the operation did not happen).
 */

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>
#include <linux/completion.h>
#include <crypto/aead.h>
#include <kunit/visibility.h>
#include <linux/slsec.h>

#include "aead.h"
#include "compat.h"

/*
 * Epoch lengths: RFC 9001 section 6.6 bounds AES-GCM to 2^23 packets per
 * key for confidentiality; ChaCha20-Poly1305's bound exceeds 2^62, slsec
 * still moves to a new key every 2^32 packets.  The same section bounds
 * forgery attempts per key (the integrity limit): 2^52 for AES-GCM, 2^36
 * for ChaCha20-Poly1305.
 */
static const struct slsec_alg_desc slsec_algs[] = {
	[SLSEC_ALG_AES_GCM_128] = {
		.name = "gcm(aes)", .label = "aes-gcm-128",
		.async_name = "cryptd(gcm_base(ctr(aes-generic),ghash-generic))",
		.keylen = 16, .epoch_shift = 23, .forgery_shift = 52,
	},
	[SLSEC_ALG_AES_GCM_256] = {
		.name = "gcm(aes)", .label = "aes-gcm-256",
		.async_name = "cryptd(gcm_base(ctr(aes-generic),ghash-generic))",
		.keylen = 32, .epoch_shift = 23, .forgery_shift = 52,
	},
	[SLSEC_ALG_CHACHA20_POLY1305] = {
		.name = "rfc7539(chacha20,poly1305)", .label = "chacha20-poly1305",
		.async_name = "cryptd(rfc7539(chacha20-generic,poly1305-generic))",
		.keylen = 32, .epoch_shift = 32, .forgery_shift = 36,
	},
};

const struct slsec_alg_desc *slsec_alg_get(u32 alg)
{
	if (alg >= ARRAY_SIZE(slsec_algs) || !slsec_algs[alg].name)
		return NULL;
	return &slsec_algs[alg];
}
EXPORT_SYMBOL_IF_KUNIT(slsec_alg_get);

static unsigned long long slsec_forgery_override;
module_param_named(forgery_limit, slsec_forgery_override, ullong, 0444);
MODULE_PARM_DESC(forgery_limit,
		 "Authentication failures a traffic key tolerates, instead of RFC 9001's limit (2^52 AES-GCM, 2^36 ChaCha20-Poly1305): for testing only; 0 (default): the RFC's limits");

/**
 * slsec_forgery_limit() - the integrity limit of a traffic key
 * @alg:      enum slsec_alg
 * @override: a lower limit for testing (the forgery_limit parameter), or
 *            0 for RFC 9001's
 *
 * Return: the authentication failures a traffic key of @alg may see; at
 * that many it opens nothing more.  0 for an unknown algorithm.
 */
u64 slsec_forgery_limit(u32 alg, u64 override)
{
	const struct slsec_alg_desc *d = slsec_alg_get(alg);
	u64 rfc;

	if (!d)
		return 0;
	rfc = 1ULL << d->forgery_shift;
	return override && override < rfc ? override : rfc;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_forgery_limit);

/* The limit in force for @alg's traffic keys. */
u64 slsec_alg_forgery_limit(u32 alg)
{
	return slsec_forgery_limit(alg, slsec_forgery_override);
}

/**
 * slsec_forgery_near() - the count at which a key's limit is near
 * @limit: from slsec_forgery_limit()
 *
 * Seven eighths of the limit, as the packet-number warning
 * (pn-near-end); rounded so that it stays below a small testing limit.
 * Return: the count, or 0 (no warning) for a limit of 1.
 */
u64 slsec_forgery_near(u64 limit)
{
	return limit - DIV_ROUND_UP_ULL(limit, 8);
}
EXPORT_SYMBOL_IF_KUNIT(slsec_forgery_near);

/**
 * slsec_forgery_class() - classify a traffic key's failure count
 * @n:     the count just reached (each value is reached exactly once:
 *         the caller increments atomically)
 * @limit: from slsec_forgery_limit()
 *
 * Return: SLSEC_FORGERY_NEAR or _LIMIT exactly at those counts, so each
 * event is raised once per key; _OVER past the limit; else _OK.
 */
enum slsec_forgery slsec_forgery_class(u64 n, u64 limit)
{
	if (n > limit)
		return SLSEC_FORGERY_OVER;
	if (n == limit)
		return SLSEC_FORGERY_LIMIT;
	if (n && n == slsec_forgery_near(limit))
		return SLSEC_FORGERY_NEAR;
	return SLSEC_FORGERY_OK;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_forgery_class);

/* May sleep: asking may load a crypto module. */
bool slsec_aead_available(u32 alg)
{
	const struct slsec_alg_desc *d = slsec_alg_get(alg);

	return d && crypto_has_alg(d->name, CRYPTO_ALG_TYPE_AEAD,
				  CRYPTO_ALG_TYPE_MASK);
}

/**
 * slsec_aead_init() - allocate and key a transform
 * @a:      the AEAD to set up
 * @alg:    enum slsec_alg
 * @key:    key, exactly the algorithm's key length
 * @keylen: its length
 * @iv:     nonce IV
 * @flags:  SLSEC_AEAD_ASYNC forces an asynchronous (cryptd) driver
 *
 * May sleep.  Return: 0, -EINVAL (unknown algorithm or wrong key length),
 * or the crypto API's error.
 */
int slsec_aead_init(struct slsec_aead *a, u32 alg, const u8 *key,
		    unsigned int keylen, const u8 iv[SLSEC_NONCE_LEN],
		    unsigned int flags)
{
	const struct slsec_alg_desc *d = slsec_alg_get(alg);
	struct crypto_aead *tfm;
	int err;

	if (!d || keylen != d->keylen)
		return -EINVAL;
	tfm = crypto_alloc_aead(flags & SLSEC_AEAD_ASYNC ? d->async_name
							 : d->name, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	err = crypto_aead_setkey(tfm, key, keylen);
	if (!err)
		err = crypto_aead_setauthsize(tfm, SLSEC_TAG_LEN);
	if (err) {
		crypto_free_aead(tfm);
		return err;
	}
	a->tfm = tfm;
	a->alg = alg;
	memcpy(a->iv, iv, SLSEC_NONCE_LEN);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_aead_init);

/*
 * The crypto core wipes the transform's key schedule when it frees it.
 * Process context: a driver's exit_tfm may sleep (slsec_free_after_rcu()).
 */
void slsec_aead_destroy(struct slsec_aead *a)
{
	might_sleep();
	crypto_free_aead(a->tfm);
	a->tfm = NULL;
	memzero_explicit(a->iv, sizeof(a->iv));
}
EXPORT_SYMBOL_IF_KUNIT(slsec_aead_destroy);

void slsec_aead_nonce(const struct slsec_aead *a, u64 pn,
		      u8 nonce[SLSEC_NONCE_LEN])
{
	__be64 bpn = cpu_to_be64(pn);
	const u8 *p = (const u8 *)&bpn;
	int i;

	memcpy(nonce, a->iv, 4);
	for (i = 0; i < 8; i++)
		nonce[4 + i] = a->iv[4 + i] ^ p[i];
}
EXPORT_SYMBOL_IF_KUNIT(slsec_aead_nonce);

/*
 * A spare op per CPU.  The data path needs an op per datagram and frees
 * it as soon as the AEAD returns, which it usually does at once: taking
 * the spare and giving it back are two per-CPU exchanges instead of a
 * slab allocation and, where every allocation is zeroed (init_on_alloc,
 * Debian's default), a memset of the whole block.  An op that finds the
 * slot empty is allocated; one given back to a full slot is freed.  A
 * reused block is not cleared: its users set every field they read, as
 * they must with kmalloc() anyway.  What the driver kept in the request
 * (GCM's GHASH state and tag, Poly1305's accumulator) is wiped when an op
 * is given back: only the request and its context, a few hundred bytes,
 * not the whole block.
 */
static DEFINE_PER_CPU(struct slsec_crypt_op *, slsec_spare_op);

/* Room for a datagram's op with any of slsec's transforms. */
#define SLSEC_OP_MIN_SIZE	1024

/* After the last operation (module exit). */
void slsec_crypt_op_cache_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		kfree(per_cpu(slsec_spare_op, cpu));
		per_cpu(slsec_spare_op, cpu) = NULL;
	}
}

/**
 * slsec_crypt_op_alloc() - allocate the per-datagram request block
 * @a:      the AEAD it will run on
 * @ctxlen: bytes of caller context (op->ctx)
 * @nsg:    scatterlist entries (op->sg), initialized empty
 * @gfp:    allocation flags (GFP_ATOMIC on the packet path)
 *
 * Return: the op or NULL.
 */
struct slsec_crypt_op *slsec_crypt_op_alloc(const struct slsec_aead *a,
					    unsigned int ctxlen,
					    unsigned int nsg, gfp_t gfp)
{
	struct crypto_aead *tfm = a->tfm;
	unsigned int len, reqoff, size;
	struct slsec_crypt_op *op;

	reqoff = ALIGN(sizeof(*op) + ctxlen, crypto_tfm_ctx_alignment());
	len = ALIGN(reqoff + sizeof(struct aead_request) +
		    crypto_aead_reqsize(tfm), __alignof__(struct scatterlist));
	size = len + nsg * sizeof(struct scatterlist);
	op = this_cpu_xchg(slsec_spare_op, NULL);
	if (op && op->size < size) {
		kfree(op);
		op = NULL;
	}
	if (!op) {
		size = kmalloc_size_roundup(max_t(unsigned int, size,
						  SLSEC_OP_MIN_SIZE));
		op = kmalloc(size, gfp);
		if (!op)
			return NULL;
		op->size = size;
	}
	op->req = (void *)op + reqoff;
	op->sg = (void *)op + len;
	sg_init_table(op->sg, nsg);
	aead_request_set_tfm(op->req, tfm);
	return op;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_crypt_op_alloc);

/* Any context: wiped, then back to this CPU's spare slot, or freed. */
void slsec_crypt_op_free(struct slsec_crypt_op *op)
{
	if (!op)
		return;
	/* The request and its driver context end where @sg starts. */
	memzero_explicit(op->req, (u8 *)op->sg - (u8 *)op->req);
	memzero_explicit(op->nonce, sizeof(op->nonce));
	if (this_cpu_cmpxchg(slsec_spare_op, NULL, op))
		kfree(op);
}
EXPORT_SYMBOL_IF_KUNIT(slsec_crypt_op_free);

static void slsec_crypt_op_complete(void *data, int err)
{
	struct slsec_crypt_op *op = data;

	/* A backlogged request reports -EINPROGRESS once it starts. */
	if (err == -EINPROGRESS)
		return;
	op->done(op, err);
}

SLSEC_CRYPTO_DONE(slsec_crypt_op_complete)

/*
 * The packet path passes no flags: a full driver queue fails the request
 * (-ENOSPC), as ESP's and MACsec's do, instead of growing a backlog.
 */
static int slsec_crypt_op_start(struct slsec_crypt_op *op,
				const struct slsec_aead *a, bool seal, u64 pn,
				unsigned int assoclen, unsigned int len,
				slsec_crypt_done_t done, u32 flags)
{
	struct aead_request *req = op->req;

	if (!seal && len < SLSEC_TAG_LEN)
		return -EBADMSG;
	op->done = done;
	slsec_aead_nonce(a, pn, op->nonce);
	aead_request_set_callback(req, flags,
				  slsec_crypto_done(slsec_crypt_op_complete), op);
	aead_request_set_crypt(req, op->sg, op->sg, len, op->nonce);
	aead_request_set_ad(req, assoclen);
	return seal ? crypto_aead_encrypt(req) : crypto_aead_decrypt(req);
}

/**
 * slsec_crypt_op_run() - seal or open in place
 * @op:       from slsec_crypt_op_alloc() on @a; @op->sg describes
 *            AAD || text, plus SLSEC_TAG_LEN bytes of room for the tag
 *            when sealing (the tag is part of @len when opening)
 * @a:        the traffic key
 * @seal:     true to seal, false to open
 * @pn:       packet number, gives the nonce
 * @assoclen: AAD bytes at the start of @op->sg
 * @len:      plaintext bytes (seal) or ciphertext + tag bytes (open)
 * @done:     called from the driver's completion if this returns
 *            -EINPROGRESS; never called otherwise
 *
 * Return: 0 when done, -EINPROGRESS when @done will run, -EBADMSG when
 * an open does not authenticate, or another negative errno.
 */
int slsec_crypt_op_run(struct slsec_crypt_op *op, const struct slsec_aead *a,
		       bool seal, u64 pn, unsigned int assoclen,
		       unsigned int len, slsec_crypt_done_t done)
{
	return slsec_crypt_op_start(op, a, seal, pn, assoclen, len, done, 0);
}
EXPORT_SYMBOL_IF_KUNIT(slsec_crypt_op_run);

struct slsec_crypt_wait {
	struct completion done;
	int err;
};

static void slsec_crypt_buf_done(struct slsec_crypt_op *op, int err)
{
	struct slsec_crypt_wait *w = (void *)op->ctx;

	w->err = err;
	complete(&w->done);
}

/**
 * slsec_aead_crypt_buf() - seal or open a linear buffer, waiting for an
 *	asynchronous driver if need be
 * @a:        the traffic key
 * @seal:     true to seal, false to open
 * @pn:       packet number
 * @buf:      AAD || text, with SLSEC_TAG_LEN bytes of room when sealing
 * @assoclen: AAD bytes
 * @len:      plaintext (seal) or ciphertext + tag (open) bytes
 *
 * May sleep, also for a full queue of an asynchronous driver.  Return: 0,
 * -EBADMSG on an authentication failure, or another negative errno.
 */
int slsec_aead_crypt_buf(const struct slsec_aead *a, bool seal, u64 pn,
			 u8 *buf, unsigned int assoclen, unsigned int len)
{
	unsigned int total = assoclen + len + (seal ? SLSEC_TAG_LEN : 0);
	struct slsec_crypt_wait *w;
	struct slsec_crypt_op *op;
	int err;

	/* A scatterlist needs linear-mapped memory (not a vmapped stack). */
	if (WARN_ON_ONCE(!virt_addr_valid(buf)))
		return -EINVAL;
	op = slsec_crypt_op_alloc(a, sizeof(*w), 1, GFP_KERNEL);
	if (!op)
		return -ENOMEM;
	w = (void *)op->ctx;
	init_completion(&w->done);
	sg_set_buf(op->sg, buf, total);
	/* One caller that can wait: it may join a full queue's backlog. */
	err = slsec_crypt_op_start(op, a, seal, pn, assoclen, len,
				   slsec_crypt_buf_done,
				   CRYPTO_TFM_REQ_MAY_BACKLOG |
				   CRYPTO_TFM_REQ_MAY_SLEEP);
	if (err == -EINPROGRESS || err == -EBUSY) {
		wait_for_completion(&w->done);
		err = w->err;
	}
	slsec_crypt_op_free(op);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_aead_crypt_buf);
