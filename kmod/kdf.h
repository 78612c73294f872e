/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_KDF_H
#define _SLSEC_KDF_H

#include <linux/types.h>

struct crypto_shash;

#define SLSEC_KDF_OUT_LEN	32	/* HMAC-SHA-256 */
#define SLSEC_KDF_MAX_PARAMS	5

/* FC values of slsec's two derivations (Documentation/design.rst). */
#define SLSEC_FC_PTK		0xf0
#define SLSEC_FC_PEK		0xf1

/* Algorithm type distinguishers for SLSEC_FC_PEK (P0). */
#define SLSEC_PEK_ENC_KEY	0x01
#define SLSEC_PEK_NONCE_IV	0x02

/**
 * struct slsec_kdf_param - one input Pi of the TS 33.220 Annex B KDF
 * @data: the parameter's bytes
 * @len:  its length Li, encoded on the wire as two bytes, big endian
 */
struct slsec_kdf_param {
	const void *data;
	u16 len;
};

/**
 * struct slsec_ptk_input - what identifies a per-sender traffic key
 * @group:    group address, network byte order
 * @grouplen: 4 (IPv4) or 16 (IPv6)
 * @key_id:   group key identifier
 * @alg:      enum slsec_alg
 * @sender:   sender identifier
 * @install:  the sender's installation of the group key (random)
 * @epoch:    traffic key epoch
 */
struct slsec_ptk_input {
	const u8 *group;
	u8 grouplen;
	u8 key_id;
	u8 alg;
	u32 sender;
	u64 install;
	u32 epoch;
};

struct crypto_shash *slsec_kdf_alloc(const u8 *key, unsigned int keylen);
void slsec_kdf_free(struct crypto_shash *hmac);
int slsec_hmac_parts(struct crypto_shash *hmac,
		     const struct slsec_kdf_param *part, unsigned int n,
		     u8 out[SLSEC_KDF_OUT_LEN]);
int slsec_kdf(struct crypto_shash *hmac, u8 fc,
	      const struct slsec_kdf_param *p, unsigned int n,
	      u8 out[SLSEC_KDF_OUT_LEN]);
int slsec_kdf_traffic(struct crypto_shash *pgk,
		      const struct slsec_ptk_input *in, unsigned int keylen,
		      u8 *key, u8 iv[12]);

#endif /* _SLSEC_KDF_H */
