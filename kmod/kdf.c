// SPDX-License-Identifier: GPL-2.0
/*
 * Key derivation: the generic KDF of 3GPP TS 33.220 Annex B.2,
 *
 *   derived key = HMAC-SHA-256(Key, S),  S = FC || P0 || L0 || ... || Pn || Ln
 *
 * with each Li the length of Pi in bytes as two bytes, big endian.  slsec
 * follows TS 33.303's PGK -> PTK -> PEK ladder: the group key (PGK) keys
 * one HMAC per installed key; a PTK per sender, installation and epoch
 * comes from it;
 * the AEAD key and the nonce IV come from the PTK.  Every intermediate is
 * wiped.  The byte-exact inputs are in Documentation/design.rst.
 */

#include <linux/module.h>
#include <linux/string.h>
#include <crypto/hash.h>
#include <kunit/visibility.h>

#include "kdf.h"

/**
 * slsec_kdf_alloc() - allocate an HMAC-SHA-256 keyed with @key
 * @key:    the KDF key (a group key, or a PTK)
 * @keylen: its length in bytes
 *
 * Return: the keyed transform or an ERR_PTR().  May sleep.
 */
struct crypto_shash *slsec_kdf_alloc(const u8 *key, unsigned int keylen)
{
	struct crypto_shash *hmac;
	int err;

	hmac = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(hmac))
		return hmac;
	err = crypto_shash_setkey(hmac, key, keylen);
	if (err) {
		crypto_free_shash(hmac);
		return ERR_PTR(err);
	}
	return hmac;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_kdf_alloc);

void slsec_kdf_free(struct crypto_shash *hmac)
{
	/* The shash core wipes the HMAC's key schedule on free. */
	crypto_free_shash(hmac);
}
EXPORT_SYMBOL_IF_KUNIT(slsec_kdf_free);

/**
 * slsec_hmac_parts() - HMAC over the concatenation of @n parts
 * @hmac: keyed HMAC-SHA-256
 * @part: the parts, in order
 * @n:    their number
 * @out:  the 32-byte MAC
 *
 * Callable from any context.  Return: 0 or a negative errno.
 */
int slsec_hmac_parts(struct crypto_shash *hmac,
		     const struct slsec_kdf_param *part, unsigned int n,
		     u8 out[SLSEC_KDF_OUT_LEN])
{
	SHASH_DESC_ON_STACK(desc, hmac);
	unsigned int i;
	int err;

	desc->tfm = hmac;
	err = crypto_shash_init(desc);
	for (i = 0; i < n && !err; i++)
		err = crypto_shash_update(desc, part[i].data, part[i].len);
	if (!err)
		err = crypto_shash_final(desc, out);
	shash_desc_zero(desc);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_hmac_parts);

/**
 * slsec_kdf() - TS 33.220 Annex B.2 KDF
 * @hmac: HMAC-SHA-256 keyed with the KDF key
 * @fc:   function code
 * @p:    parameters P0..Pn-1
 * @n:    number of parameters, at most SLSEC_KDF_MAX_PARAMS
 * @out:  the 32-byte derived key
 *
 * Callable from any context.
 * Return: 0 or a negative errno.
 */
int slsec_kdf(struct crypto_shash *hmac, u8 fc,
	      const struct slsec_kdf_param *p, unsigned int n,
	      u8 out[SLSEC_KDF_OUT_LEN])
{
	struct slsec_kdf_param s[1 + 2 * SLSEC_KDF_MAX_PARAMS];
	__be16 len[SLSEC_KDF_MAX_PARAMS];
	unsigned int i;

	if (n > SLSEC_KDF_MAX_PARAMS)
		return -EINVAL;
	/* S = FC || P0 || L0 || ... || Pn-1 || Ln-1 */
	s[0] = (struct slsec_kdf_param){ &fc, 1 };
	for (i = 0; i < n; i++) {
		len[i] = cpu_to_be16(p[i].len);
		s[1 + 2 * i] = p[i];
		s[2 + 2 * i] = (struct slsec_kdf_param){ &len[i], 2 };
	}
	return slsec_hmac_parts(hmac, s, 1 + 2 * n, out);
}
EXPORT_SYMBOL_IF_KUNIT(slsec_kdf);

static int slsec_kdf_ptk(struct crypto_shash *pgk,
			 const struct slsec_ptk_input *in,
			 u8 ptk[SLSEC_KDF_OUT_LEN])
{
	__be32 sender = cpu_to_be32(in->sender);
	__be64 install = cpu_to_be64(in->install);
	__be32 epoch = cpu_to_be32(in->epoch);
	const struct slsec_kdf_param p[] = {
		{ in->group, in->grouplen },
		{ &in->key_id, 1 },
		{ &sender, 4 },
		{ &install, 8 },
		{ &epoch, 4 },
	};

	if (in->grouplen != 4 && in->grouplen != 16)
		return -EINVAL;
	return slsec_kdf(pgk, SLSEC_FC_PTK, p, ARRAY_SIZE(p), ptk);
}

static int slsec_kdf_pek(struct crypto_shash *ptk, u8 type, u8 alg,
			 u8 out[SLSEC_KDF_OUT_LEN])
{
	const struct slsec_kdf_param p[] = {
		{ &type, 1 },
		{ &alg, 1 },
	};

	return slsec_kdf(ptk, SLSEC_FC_PEK, p, ARRAY_SIZE(p), out);
}

/**
 * slsec_kdf_traffic() - derive a sender's AEAD key and nonce IV
 * @pgk:    HMAC-SHA-256 keyed with the group key
 * @in:     group, key id, algorithm, sender, installation and epoch
 * @keylen: AEAD key length (16 or 32)
 * @key:    the AEAD key: the @keylen least significant (last) bytes of
 *          KDF(PTK, FC_PEK, 0x01, alg)
 * @iv:     the nonce IV: the 12 last bytes of KDF(PTK, FC_PEK, 0x02, alg)
 *
 * May sleep (allocates the PTK's HMAC).
 * Return: 0 or a negative errno.
 */
int slsec_kdf_traffic(struct crypto_shash *pgk,
		      const struct slsec_ptk_input *in, unsigned int keylen,
		      u8 *key, u8 iv[12])
{
	u8 ptk[SLSEC_KDF_OUT_LEN], out[SLSEC_KDF_OUT_LEN];
	struct crypto_shash *hmac;
	int err;

	if (keylen != 16 && keylen != 32)
		return -EINVAL;
	err = slsec_kdf_ptk(pgk, in, ptk);
	if (err)
		goto out;
	hmac = slsec_kdf_alloc(ptk, sizeof(ptk));
	if (IS_ERR(hmac)) {
		err = PTR_ERR(hmac);
		goto out;
	}
	err = slsec_kdf_pek(hmac, SLSEC_PEK_ENC_KEY, in->alg, out);
	if (!err)
		memcpy(key, out + sizeof(out) - keylen, keylen);
	if (!err)
		err = slsec_kdf_pek(hmac, SLSEC_PEK_NONCE_IV, in->alg, out);
	if (!err)
		memcpy(iv, out + sizeof(out) - 12, 12);
	slsec_kdf_free(hmac);
out:
	if (err) {
		memzero_explicit(key, keylen);
		memzero_explicit(iv, 12);
	}
	memzero_explicit(ptk, sizeof(ptk));
	memzero_explicit(out, sizeof(out));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_kdf_traffic);
