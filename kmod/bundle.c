// SPDX-License-Identifier: GPL-2.0
/*
 * Sealed key bundles: a group manager's key distribution to one device,
 * authenticated and encrypted with AES-256-GCM under a key-encryption key
 * (KEK) the device holds.  Parsing is strict: exact length, known magic
 * and version, zero reserved bytes, and every field in range, so a
 * bundle either opens completely or is refused with one reason.  The
 * byte layout is in Documentation/bundle-format.rst.
 */

#include <linux/err.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <crypto/aead.h>
#include <kunit/visibility.h>
#include <net/ipv6.h>

#include "aead.h"
#include "bundle.h"
#include "compat.h"

/* Body field offsets. */
enum {
	SLSEC_BO_DEVICE = 0,
	SLSEC_BO_FAMILY = 4,
	SLSEC_BO_ALG = 5,
	SLSEC_BO_KEY_ID = 6,
	SLSEC_BO_KEYLEN = 7,
	SLSEC_BO_ADDR = 8,
	SLSEC_BO_SENDER = 24,
	SLSEC_BO_ACTIVATE = 28,
	SLSEC_BO_LIFE = 36,	/* soft/hard time, packets, bytes: 6 x u64 */
	SLSEC_BO_KEY = 84,
	SLSEC_BO_RESERVED = 116,
};

#define SLSEC_BUNDLE_NONCE	16	/* offset of the 12-byte nonce */

/**
 * slsec_bundle_header() - check a bundle's clear header
 * @blob:   the bundle
 * @len:    its length
 * @kek_id: the KEK it names
 * @seq:    its sequence number (authenticated only once opened)
 *
 * Return: 0 or -EINVAL (malformed).
 */
int slsec_bundle_header(const u8 *blob, size_t len, u8 *kek_id, u64 *seq)
{
	if (len != SLSEC_BUNDLE_LEN ||
	    get_unaligned_be32(blob) != SLSEC_BUNDLE_MAGIC ||
	    blob[4] != SLSEC_BUNDLE_VERSION || blob[6] || blob[7])
		return -EINVAL;
	*kek_id = blob[5];
	*seq = get_unaligned_be64(blob + 8);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_bundle_header);

static bool slsec_bundle_addr_ok(u8 family, const u8 *addr)
{
	static const u8 zero[12];

	if (family == AF_INET)
		return ipv4_is_multicast(get_unaligned((__be32 *)addr)) &&
		       !memcmp(addr + 4, zero, sizeof(zero));
	return ipv6_addr_is_multicast((const struct in6_addr *)addr);
}

/* The decrypted body into @b: -EINVAL or -EKEYREJECTED (key length). */
static int slsec_bundle_parse(const u8 *body, struct slsec_bundle *b)
{
	static const u8 zero[16];
	const struct slsec_alg_desc *d;
	unsigned int k;

	b->device = get_unaligned_be32(body + SLSEC_BO_DEVICE);
	b->family = body[SLSEC_BO_FAMILY] == 4 ? AF_INET :
		    body[SLSEC_BO_FAMILY] == 6 ? AF_INET6 : 0;
	b->alg = body[SLSEC_BO_ALG];
	b->key_id = body[SLSEC_BO_KEY_ID];
	b->keylen = body[SLSEC_BO_KEYLEN];
	memcpy(b->addr, body + SLSEC_BO_ADDR, sizeof(b->addr));
	b->sender = get_unaligned_be32(body + SLSEC_BO_SENDER);
	b->activate_at = get_unaligned_be64(body + SLSEC_BO_ACTIVATE);
	for (k = 0; k < __SLSEC_EXPIRE_KIND_MAX; k++) {
		b->soft[k] = get_unaligned_be64(body + SLSEC_BO_LIFE + 16 * k);
		b->hard[k] = get_unaligned_be64(body + SLSEC_BO_LIFE + 16 * k + 8);
		if (b->soft[k] && b->hard[k] && b->soft[k] > b->hard[k])
			return -EINVAL;
	}
	d = slsec_alg_get(b->alg);
	if (!b->family || !d || b->keylen > sizeof(b->key) ||
	    !slsec_bundle_addr_ok(b->family, b->addr) ||
	    memcmp(body + SLSEC_BO_RESERVED, zero, sizeof(zero)) ||
	    memchr_inv(body + SLSEC_BO_KEY + b->keylen, 0,
		       sizeof(b->key) - b->keylen))
		return -EINVAL;
	if (b->keylen != d->keylen)
		return -EKEYREJECTED;
	memcpy(b->key, body + SLSEC_BO_KEY, b->keylen);
	return 0;
}

/**
 * slsec_bundle_open() - authenticate, decrypt and parse a bundle
 * @kek:  the KEK's AEAD (gcm(aes), 16-byte tag)
 * @blob: the bundle, header checked by slsec_bundle_header()
 * @len:  SLSEC_BUNDLE_LEN
 * @b:    the result; the caller wipes it
 *
 * May sleep.  Return: 0, -EBADMSG (not authentic under @kek), -EINVAL
 * (malformed), -EKEYREJECTED (key length not the algorithm's), -ENOMEM.
 */
int slsec_bundle_open(struct crypto_aead *kek, const u8 *blob, size_t len,
		      struct slsec_bundle *b)
{
	const size_t clen = SLSEC_BUNDLE_BODY_LEN + SLSEC_BUNDLE_TAG_LEN;
	struct aead_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 *buf, iv[12];
	int err;

	memset(b, 0, sizeof(*b));
	if (slsec_bundle_header(blob, len, &b->kek_id, &b->seq))
		return -EINVAL;
	buf = kmemdup(blob, len, GFP_KERNEL_ACCOUNT);
	req = aead_request_alloc(kek, GFP_KERNEL_ACCOUNT);
	if (!buf || !req) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(iv, blob + SLSEC_BUNDLE_NONCE, sizeof(iv));
	sg_init_one(&sg, buf, len);
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP,
				  crypto_req_done, &wait);
	aead_request_set_ad(req, SLSEC_BUNDLE_HDR_LEN);
	aead_request_set_crypt(req, &sg, &sg, clen, iv);
	err = crypto_wait_req(crypto_aead_decrypt(req), &wait);
	if (!err)
		err = slsec_bundle_parse(buf + SLSEC_BUNDLE_HDR_LEN, b);
out:
	aead_request_free(req);
	kfree_sensitive(buf);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_bundle_open);

/**
 * slsec_bundle_check() - is an opened bundle for this device, and new?
 * @b:        the bundle
 * @device:   this device's id under the bundle's KEK
 * @last_seq: the newest sequence number applied under that KEK
 *
 * Return: 0, -ENODEV (for another device) or -ESTALE (a replay).
 */
int slsec_bundle_check(const struct slsec_bundle *b, u32 device, u64 last_seq)
{
	if (b->device != device)
		return -ENODEV;
	if (b->seq <= last_seq)
		return -ESTALE;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_bundle_check);

/* A KEK's AEAD: AES-256-GCM, 16-byte tag.  May sleep. */
struct crypto_aead *slsec_kek_aead(const u8 *key, unsigned int len)
{
	struct crypto_aead *tfm;
	int err;

	if (len != SLSEC_KEK_LEN)
		return ERR_PTR(-EINVAL);
	tfm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(tfm))
		return tfm;
	err = crypto_aead_setkey(tfm, key, len) ?:
	      crypto_aead_setauthsize(tfm, SLSEC_BUNDLE_TAG_LEN);
	if (err) {
		crypto_free_aead(tfm);
		return ERR_PTR(err);
	}
	return tfm;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_kek_aead);
