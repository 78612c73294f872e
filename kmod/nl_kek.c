// SPDX-License-Identifier: GPL-2.0
/*
 * KEK commands: add and del a key-encryption key, under which sealed
 * bundles (nl_bundle.c) are opened, and the KEK listing in INFO_GET
 * (each with the last bundle sequence number applied under it).
 */

#include <net/genetlink.h>
#include <linux/slsec.h>

#include "kek.h"
#include "messages.h"
#include "netlink.h"
#include "netns.h"
#include "nl_config.h"
#include "nl_kek.h"
#include "nl_key.h"

/* KEKs: id, this device's id, and the key as a group key's. */
const struct nla_policy slsec_kek_policy[] = {
	[SLSEC_A_KEK_ID] = NLA_POLICY_MAX(NLA_U32, 255),
	[SLSEC_A_DEVICE_ID] = { .type = NLA_U32 },
	[SLSEC_A_KEY_MATERIAL] = { .type = NLA_BINARY,
				   .len = SLSEC_MAX_KEY_LEN },
	[SLSEC_A_KEYRING_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, SLSEC_KEYRING_MAX),
	[SLSEC_A_KEYRING_DESC] = { .type = NLA_NUL_STRING, .len = 4095 },
	[SLSEC_A_KEK_MIN_SEQ] = { .type = NLA_U64 },
};

/*
 * SLSEC_A_KEK_MIN_SEQ: the last sequence number applied before a reboot
 * or reload, which userspace persisted; only newer bundles apply.  At
 * most U64_MAX - 1, or no bundle could ever follow.
 */
static int slsec_nl_min_seq(struct genl_info *info, u64 *min_seq)
{
	struct nlattr *attr = info->attrs[SLSEC_A_KEK_MIN_SEQ];

	*min_seq = 0;
	if (!attr)
		return 0;
	*min_seq = nla_get_u64(attr);
	if (*min_seq == U64_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "min-seq must be below 2^64-1: no bundle could be newer");
		return -ERANGE;
	}
	return 0;
}

int slsec_nl_kek_add(struct sk_buff *skb, struct genl_info *info)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct nlattr **a = info->attrs;
	struct nlattr *mat = a[SLSEC_A_KEY_MATERIAL], *blame;
	u8 bytes[SLSEC_MAX_KEY_LEN];
	unsigned int len = 0;
	u64 min_seq;
	int err;

	if (slsec_nl_missing(info, SLSEC_A_KEK_ID, "KEK id missing") ||
	    slsec_nl_missing(info, SLSEC_A_DEVICE_ID, "device id missing")) {
		err = -EINVAL;
		goto out;
	}
	err = slsec_nl_min_seq(info, &min_seq) ?:
	      slsec_nl_key_bytes(info, bytes, &len, &blame);
	if (err)
		goto out;
	mutex_lock(&sn->lock);
	/* Again under the lock: the mode may have been set meanwhile. */
	err = slsec_nl_sealed_only(sn, info, blame) ?:
	      slsec_kek_add(sn, nla_get_u32(a[SLSEC_A_KEK_ID]),
			    nla_get_u32(a[SLSEC_A_DEVICE_ID]), min_seq,
			    bytes, len);
	mutex_unlock(&sn->lock);
	if (err == -EEXIST)
		NL_SET_ERR_MSG_ATTR(info->extack, a[SLSEC_A_KEK_ID],
				    "KEK id already installed");
	else if (err == -ENOSPC)
		NL_SET_ERR_MSG(info->extack, "namespace already holds 16 KEKs");
	else if (err == -EINVAL)
		NL_SET_ERR_MSG_ATTR(info->extack, blame,
				    "a KEK is exactly 32 bytes (AES-256-GCM)");
out:
	memzero_explicit(bytes, sizeof(bytes));
	if (mat)
		memzero_explicit(nla_data(mat), nla_len(mat));
	return err;
}

int slsec_nl_kek_del(struct sk_buff *skb, struct genl_info *info)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	int err;

	if (slsec_nl_missing(info, SLSEC_A_KEK_ID, "KEK id missing"))
		return -EINVAL;
	mutex_lock(&sn->lock);
	err = slsec_kek_del(sn, nla_get_u32(info->attrs[SLSEC_A_KEK_ID]));
	mutex_unlock(&sn->lock);
	if (err)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[SLSEC_A_KEK_ID],
				    "no such KEK");
	return err;
}

/* For INFO_GET: each KEK, its device id and the last sequence applied. */
int slsec_nl_put_keks(struct sk_buff *skb, struct slsec_net *sn)
{
	struct nlattr *nest, *kn;
	unsigned int i;

	lockdep_assert_held(&sn->lock);
	nest = nla_nest_start(skb, SLSEC_A_KEKS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < SLSEC_MAX_KEKS; i++) {
		if (!sn->keks[i])
			continue;
		kn = nla_nest_start(skb, SLSEC_A_KEK_ID);
		if (!kn || nla_put_u32(skb, SLSEC_A_KEK_ID, sn->keks[i]->id) ||
		    nla_put_u32(skb, SLSEC_A_DEVICE_ID, sn->keks[i]->device) ||
		    nla_put_u64_64bit(skb, SLSEC_A_BUNDLE_SEQ,
				      sn->keks[i]->last_seq, SLSEC_A_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, kn);
	}
	nla_nest_end(skb, nest);
	return 0;
}
