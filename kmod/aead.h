/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_AEAD_H
#define _SLSEC_AEAD_H

#include <linux/types.h>
#include <linux/gfp.h>

#include "messages.h"

struct crypto_aead;
struct scatterlist;
struct aead_request;

/**
 * struct slsec_alg_desc - what slsec needs to know of an AEAD
 * @name:        crypto API algorithm name
 * @async_name:  an asynchronous (cryptd) instance, for testing that path;
 *               cryptd needs its child named by driver
 * @label:       name used by the tool and in logs
 * @keylen:      key length in bytes; any other length is refused
 * @epoch_shift: log2 of the packets one traffic key may seal (the AEAD's
 *               confidentiality limit, RFC 9001 section 6.6)
 * @forgery_shift: log2 of the frames that may fail to authenticate under
 *               one traffic key (the AEAD's integrity limit, RFC 9001
 *               section 6.6)
 */
struct slsec_alg_desc {
	const char *name;
	const char *async_name;
	const char *label;
	u8 keylen;
	u8 epoch_shift;
	u8 forgery_shift;
};

/*
 * Where a traffic key's count of authentication failures stands against
 * its integrity limit: slsec_forgery_class() of the count just reached.
 */
enum slsec_forgery {
	SLSEC_FORGERY_OK,	/* below the warning threshold */
	SLSEC_FORGERY_NEAR,	/* reached the warning threshold (7/8) */
	SLSEC_FORGERY_LIMIT,	/* reached the limit: the key opens no more */
	SLSEC_FORGERY_OVER,	/* past it (frames that were in flight) */
};

/* Allocate the AEAD through cryptd, i.e. force asynchronous completion. */
#define SLSEC_AEAD_ASYNC	BIT(0)

/**
 * struct slsec_aead - one keyed AEAD: a traffic key of one sender and epoch
 * @tfm: the transform, keyed once at creation
 * @iv:  nonce IV; nonce = @iv XOR (0^32 || be64 packet number)
 * @alg: enum slsec_alg
 */
struct slsec_aead {
	struct crypto_aead *tfm;
	u8 iv[SLSEC_NONCE_LEN];
	u8 alg;
};

struct slsec_crypt_op;
typedef void (*slsec_crypt_done_t)(struct slsec_crypt_op *op, int err);

/**
 * struct slsec_crypt_op - one seal or open, allocated per datagram
 * @done:  called on asynchronous completion only
 * @req:   the crypto request, inside this allocation
 * @sg:    @nsg scatterlist entries, set up by the caller
 * @size:  bytes allocated for the whole block
 * @nonce: the operation's nonce
 * @ctx:   caller context, ctxlen bytes (aligned for any type)
 *
 * One allocation holds the op, the caller context, the aead_request with
 * its driver context and the scatterlist, as ESP does.
 */
struct slsec_crypt_op {
	slsec_crypt_done_t done;
	struct aead_request *req;
	struct scatterlist *sg;
	unsigned int size;
	u8 nonce[SLSEC_NONCE_LEN];
	u8 ctx[] __aligned(__alignof__(unsigned long long));
};

const struct slsec_alg_desc *slsec_alg_get(u32 alg);
u64 slsec_forgery_limit(u32 alg, u64 override);
u64 slsec_forgery_near(u64 limit);
enum slsec_forgery slsec_forgery_class(u64 n, u64 limit);
u64 slsec_alg_forgery_limit(u32 alg);
bool slsec_aead_available(u32 alg);
int slsec_aead_init(struct slsec_aead *a, u32 alg, const u8 *key,
		    unsigned int keylen, const u8 iv[SLSEC_NONCE_LEN],
		    unsigned int flags);
void slsec_aead_destroy(struct slsec_aead *a);
void slsec_aead_nonce(const struct slsec_aead *a, u64 pn,
		      u8 nonce[SLSEC_NONCE_LEN]);

struct slsec_crypt_op *slsec_crypt_op_alloc(const struct slsec_aead *a,
					    unsigned int ctxlen,
					    unsigned int nsg, gfp_t gfp);
void slsec_crypt_op_free(struct slsec_crypt_op *op);
void slsec_crypt_op_cache_exit(void);
int slsec_crypt_op_run(struct slsec_crypt_op *op, const struct slsec_aead *a,
		       bool seal, u64 pn, unsigned int assoclen,
		       unsigned int len, slsec_crypt_done_t done);

/*
 * An asynchronous driver's queue was full (cryptd without a backlog
 * returns -ENOSPC): the datagram is dropped, as ESP and MACsec drop it,
 * and counted apart from errors -- it is load, not a fault.
 */
static inline bool slsec_crypt_busy(int err)
{
	return err == -ENOSPC || err == -EBUSY;
}

int slsec_aead_crypt_buf(const struct slsec_aead *a, bool seal, u64 pn,
			 u8 *buf, unsigned int assoclen, unsigned int len);

#endif /* _SLSEC_AEAD_H */
