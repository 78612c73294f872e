/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_BUNDLE_H
#define _SLSEC_BUNDLE_H

#include <linux/types.h>
#include <linux/slsec.h>

struct crypto_aead;

/**
 * struct slsec_bundle - an opened sealed key bundle
 *	(Documentation/bundle-format.rst)
 * @kek_id:      the KEK it was sealed under
 * @seq:         the group manager's sequence number for this device
 * @device:      the device it is for
 * @family:      AF_INET or AF_INET6
 * @alg:         enum slsec_alg
 * @key_id:      group key id
 * @keylen:      key length (the algorithm's)
 * @addr:        group address (IPv4 in the first 4 bytes)
 * @sender:      the receiving device's sender id in the group
 * @activate_at: CLOCK_REALTIME ns, 0: at once
 * @soft:        soft lifetimes by enum slsec_expire_kind (0: none)
 * @hard:        hard lifetimes, likewise
 * @key:         the group key (wiped with the structure)
 */
struct slsec_bundle {
	u8 kek_id;
	u64 seq;
	u32 device;
	u8 family;
	u8 alg;
	u8 key_id;
	u8 keylen;
	u8 addr[16];
	u32 sender;
	u64 activate_at;
	u64 soft[__SLSEC_EXPIRE_KIND_MAX];
	u64 hard[__SLSEC_EXPIRE_KIND_MAX];
	u8 key[32];
};

int slsec_bundle_header(const u8 *blob, size_t len, u8 *kek_id, u64 *seq);
int slsec_bundle_open(struct crypto_aead *kek, const u8 *blob, size_t len,
		      struct slsec_bundle *b);
int slsec_bundle_check(const struct slsec_bundle *b, u32 device, u64 last_seq);
struct crypto_aead *slsec_kek_aead(const u8 *key, unsigned int len);

#endif /* _SLSEC_BUNDLE_H */
