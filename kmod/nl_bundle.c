// SPDX-License-Identifier: GPL-2.0
/*
 * Sealed bundles (bundle apply) and their counters.  A bundle is
 * opened and verified by the kernel and installed in one step under the
 * namespace lock: the group (created if needed, with the bundle's sender
 * id and algorithm) and its key, or nothing.
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <linux/slsec.h>

#include "aead.h"
#include "bundle.h"
#include "event.h"
#include "group.h"
#include "kek.h"
#include "key.h"
#include "lifecycle.h"
#include "messages.h"
#include "netlink.h"
#include "netns.h"
#include "nl_bundle.h"

const struct nla_policy slsec_bundle_policy[] = {
	[SLSEC_A_IFINDEX] = { .type = NLA_U32 },
	[SLSEC_A_BUNDLE] = { .type = NLA_BINARY, .len = SLSEC_BUNDLE_LEN },
};

/* The bundle's group, created if missing; -ENOTUNIQ: other settings. */
static struct slsec_group *slsec_bundle_group(struct slsec_net *sn, u32 ifindex,
					      const struct slsec_bundle *b,
					      bool *created,
					      struct netlink_ext_ack *extack)
{
	struct slsec_group_cfg cfg = {
		.sender = b->sender, .alg = b->alg,
		.replay_window = SLSEC_REPLAY_WINDOW_DEFAULT,
		.max_senders = SLSEC_MAX_SENDERS_DEFAULT,
		.grace = SLSEC_GRACE_DEFAULT, .mode = SLSEC_MODE_STRICT,
		.freshness = SLSEC_FRESHNESS_DEFAULT,
	};
	struct slsec_group_id id = { .ifindex = ifindex, .family = b->family };
	struct slsec_group *g;
	int err;

	memcpy(id.addr.bytes, b->addr, b->family == AF_INET ? 4 : 16);
	*created = false;
	g = slsec_group_find(sn, &id);
	if (g) {
		if (g->cfg.sender == b->sender && g->cfg.alg == b->alg)
			return g;
		NL_SET_ERR_MSG(extack,
			       "the group exists with another sender id or algorithm than the bundle's");
		return ERR_PTR(-ENOTUNIQ);
	}
	if (!slsec_aead_available(b->alg)) {
		NL_SET_ERR_MSG(extack, "bundle's algorithm not available in this kernel");
		return ERR_PTR(-EOPNOTSUPP);
	}
	err = slsec_group_add(sn, &id, &cfg, extack);
	if (err)
		return ERR_PTR(err);
	*created = true;
	return slsec_group_find(sn, &id);
}

/*
 * Install the opened bundle's key in its group (*@gp); on failure nothing
 * is left behind.
 */
static int slsec_bundle_install(struct slsec_net *sn, u32 ifindex,
				const struct slsec_bundle *b,
				struct slsec_group **gp,
				struct netlink_ext_ack *extack)
{
	struct slsec_activation act = { .how = SLSEC_ACT_NOW };
	struct slsec_group *g;
	struct slsec_key *key;
	bool created;
	int err;

	g = slsec_bundle_group(sn, ifindex, b, &created, extack);
	if (IS_ERR(g))
		return PTR_ERR(g);
	*gp = g;
	key = slsec_key_create(b->alg, b->key_id, b->key, b->keylen, extack);
	if (IS_ERR(key)) {
		err = PTR_ERR(key);
		goto undo;
	}
	memcpy(key->life.soft, b->soft, sizeof(b->soft));
	memcpy(key->life.hard, b->hard, sizeof(b->hard));
	if (b->activate_at) {
		act.how = SLSEC_ACT_AT;
		act.at = b->activate_at;
	}
	err = slsec_life_key_add(sn, g, key, &act, extack);
	if (!err)
		return 0;
	slsec_key_free(key);
undo:
	if (created)
		slsec_group_del(sn, g);
	return err;
}

/* Why a bundle was refused: its counter, and words for the operator. */
static u32 slsec_bundle_reason(int err, struct netlink_ext_ack *extack)
{
	switch (err) {
	case -EINVAL:
		NL_SET_ERR_MSG(extack, "malformed bundle");
		return SLSEC_BSTAT_MALFORMED;
	case -ENOKEY:
		NL_SET_ERR_MSG(extack, "bundle names a KEK this device does not hold");
		return SLSEC_BSTAT_NO_KEK;
	case -EBADMSG:
		NL_SET_ERR_MSG(extack, "bundle does not authenticate under its KEK");
		return SLSEC_BSTAT_AUTH;
	case -ENODEV:
		NL_SET_ERR_MSG(extack, "bundle is sealed for another device");
		return SLSEC_BSTAT_WRONG_DEVICE;
	case -ESTALE:
		NL_SET_ERR_MSG(extack,
			       "bundle sequence number is not newer than the last one applied (a replay)");
		return SLSEC_BSTAT_REPLAY;
	case -EKEYREJECTED:
		NL_SET_ERR_MSG(extack, "bundle's key length does not match its algorithm");
		return SLSEC_BSTAT_BAD_KEY;
	case -ENOTUNIQ:
		return SLSEC_BSTAT_WRONG_GROUP;
	default:
		return SLSEC_BSTAT_REFUSED;
	}
}

static int slsec_bundle_apply(struct slsec_net *sn, u32 ifindex,
			      const struct nlattr *attr, struct slsec_bundle *b,
			      struct netlink_ext_ack *extack)
{
	struct slsec_group *g = NULL;
	struct slsec_kek *kek;
	u64 seq;
	u8 id;
	int err;

	err = slsec_bundle_header(nla_data(attr), nla_len(attr), &id, &seq);
	if (err)
		return err;
	kek = slsec_kek_find(sn, id);
	if (!kek)
		return -ENOKEY;
	err = slsec_bundle_open(kek->aead, nla_data(attr), nla_len(attr), b) ?:
	      slsec_bundle_check(b, kek->device, kek->last_seq) ?:
	      slsec_bundle_install(sn, ifindex, b, &g, extack);
	if (err)
		return err;
	kek->last_seq = b->seq;
	slsec_event_bundle(g, kek->id, b->seq, b->key_id);
	return 0;
}

/* The reply to an applied bundle: its KEK and sequence number, to persist. */
static struct sk_buff *slsec_bundle_reply_new(struct genl_info *info,
					      void **hdr)
{
	struct sk_buff *msg;

	msg = genlmsg_new(nla_total_size(sizeof(u32)) +
			  nla_total_size_64bit(sizeof(u64)), GFP_KERNEL);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put_reply(msg, info, &slsec_genl_family, 0,
				 SLSEC_CMD_BUNDLE_APPLY);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static void slsec_bundle_reply(struct sk_buff *msg, void *hdr,
			       const struct slsec_bundle *b,
			       struct genl_info *info)
{
	if (nla_put_u32(msg, SLSEC_A_KEK_ID, b->kek_id) ||
	    nla_put_u64_64bit(msg, SLSEC_A_BUNDLE_SEQ, b->seq, SLSEC_A_PAD)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	/*
	 * The bundle is applied whatever becomes of the reply: its sequence
	 * number is also in the KEK listing and in the event.
	 */
	genlmsg_reply(msg, info);
}

int slsec_nl_bundle_apply(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct slsec_net *sn = slsec_net(net);
	struct nlattr **a = info->attrs;
	struct slsec_bundle b;
	struct sk_buff *msg;
	void *hdr;
	int err;

	if (slsec_nl_missing(info, SLSEC_A_IFINDEX, "device index missing") ||
	    slsec_nl_missing(info, SLSEC_A_BUNDLE, "bundle missing"))
		return -EINVAL;
	/* Before applying: once applied, the reply must not fail for memory. */
	msg = slsec_bundle_reply_new(info, &hdr);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	if (!__dev_get_by_index(net, nla_get_u32(a[SLSEC_A_IFINDEX]))) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[SLSEC_A_IFINDEX],
				    "no such device in this network namespace");
		rtnl_unlock();
		nlmsg_free(msg);
		return -ENODEV;
	}
	mutex_lock(&sn->lock);
	err = slsec_bundle_apply(sn, nla_get_u32(a[SLSEC_A_IFINDEX]),
				 a[SLSEC_A_BUNDLE], &b, info->extack);
	sn->bstats[err ? slsec_bundle_reason(err, info->extack)
		       : SLSEC_BSTAT_APPLIED]++;
	mutex_unlock(&sn->lock);
	rtnl_unlock();
	if (err)
		nlmsg_free(msg);
	else
		slsec_bundle_reply(msg, hdr, &b, info);
	memzero_explicit(&b, sizeof(b));
	memzero_explicit(nla_data(a[SLSEC_A_BUNDLE]), nla_len(a[SLSEC_A_BUNDLE]));
	return err;
}

/* For INFO_GET: how many bundles were applied, and refused for what. */
int slsec_nl_put_bundle_stats(struct sk_buff *skb, struct slsec_net *sn)
{
	struct nlattr *nest;
	unsigned int i;

	lockdep_assert_held(&sn->lock);
	nest = nla_nest_start(skb, SLSEC_A_BUNDLE_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = SLSEC_BSTAT_APPLIED; i < __SLSEC_BSTAT_MAX; i++)
		if (nla_put_u64_64bit(skb, i, sn->bstats[i], SLSEC_BSTAT_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}
