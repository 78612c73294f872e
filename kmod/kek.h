/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_KEK_H
#define _SLSEC_KEK_H

#include <linux/types.h>

struct crypto_aead;
struct slsec_net;

/**
 * struct slsec_kek - a key-encryption key: opens sealed key bundles
 * @aead:     AES-256-GCM keyed with it (the only copy slsec keeps)
 * @id:       its id, as bundles name it
 * @device:   this device's id under it: bundles for others are refused
 * @last_seq: the newest bundle sequence number applied under it, or the
 *            min-seq it was installed with: only newer bundles apply.
 *            Kernel memory only, so userspace persists it (it is in the
 *            KEK listing and the BUNDLE_APPLIED event) and hands it back
 *            at the next kek add, or a reboot would let old bundles in.
 *
 * Owned by the namespace's slsec_net.keks; under slsec_net.lock.
 */
struct slsec_kek {
	struct crypto_aead *aead;
	u8 id;
	u32 device;
	u64 last_seq;
};

struct slsec_kek *slsec_kek_find(struct slsec_net *sn, u8 id);
int slsec_kek_add(struct slsec_net *sn, u8 id, u32 device, u64 min_seq,
		  const u8 *key, unsigned int len);
int slsec_kek_del(struct slsec_net *sn, u8 id);
void slsec_keks_destroy(struct slsec_net *sn);

#endif /* _SLSEC_KEK_H */
