// SPDX-License-Identifier: GPL-2.0
/*
 * Key-encryption keys, per namespace: at most SLSEC_MAX_KEKS, by id.
 * Used only by commands (bundle apply), so the table is plain and
 * guarded by slsec_net.lock.  The crypto core wipes a transform's key
 * when it is freed.
 */

#include <linux/err.h>
#include <linux/slab.h>
#include <crypto/aead.h>

#include "bundle.h"
#include "kek.h"
#include "netns.h"

struct slsec_kek *slsec_kek_find(struct slsec_net *sn, u8 id)
{
	unsigned int i;

	lockdep_assert_held(&sn->lock);
	for (i = 0; i < SLSEC_MAX_KEKS; i++)
		if (sn->keks[i] && sn->keks[i]->id == id)
			return sn->keks[i];
	return NULL;
}

/*
 * @min_seq: the sequence number bundles under it must exceed, as persisted
 * from before a reboot (0: any).  Return: 0, -EEXIST, -ENOSPC, -EINVAL
 * (length) or -ENOMEM.
 */
int slsec_kek_add(struct slsec_net *sn, u8 id, u32 device, u64 min_seq,
		  const u8 *key, unsigned int len)
{
	struct slsec_kek *kek;
	unsigned int i;

	lockdep_assert_held(&sn->lock);
	if (slsec_kek_find(sn, id))
		return -EEXIST;
	for (i = 0; i < SLSEC_MAX_KEKS && sn->keks[i]; i++)
		;
	if (i == SLSEC_MAX_KEKS)
		return -ENOSPC;
	kek = kzalloc(sizeof(*kek), GFP_KERNEL_ACCOUNT);
	if (!kek)
		return -ENOMEM;
	kek->aead = slsec_kek_aead(key, len);
	if (IS_ERR(kek->aead)) {
		int err = PTR_ERR(kek->aead);

		kfree(kek);
		return err;
	}
	kek->id = id;
	kek->device = device;
	kek->last_seq = min_seq;
	sn->keks[i] = kek;
	return 0;
}

static void slsec_kek_free(struct slsec_kek *kek)
{
	might_sleep();	/* a driver's exit_tfm may */
	crypto_free_aead(kek->aead);
	kfree_sensitive(kek);
}

int slsec_kek_del(struct slsec_net *sn, u8 id)
{
	unsigned int i;

	lockdep_assert_held(&sn->lock);
	for (i = 0; i < SLSEC_MAX_KEKS; i++) {
		if (sn->keks[i] && sn->keks[i]->id == id) {
			slsec_kek_free(sn->keks[i]);
			sn->keks[i] = NULL;
			return 0;
		}
	}
	return -ENOENT;
}

/* Namespace exit. */
void slsec_keks_destroy(struct slsec_net *sn)
{
	unsigned int i;

	for (i = 0; i < SLSEC_MAX_KEKS; i++) {
		if (sn->keks[i])
			slsec_kek_free(sn->keks[i]);
		sn->keks[i] = NULL;
	}
}
