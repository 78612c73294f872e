// SPDX-License-Identifier: GPL-2.0
/*
 * Group commands: add, set, del and get (one group, or a dump of the
 * namespace's groups, or of one device's), and what the other commands
 * share to name a group: its device index and multicast address.
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <linux/slsec.h>

#include "aead.h"
#include "compat.h"
#include "group.h"
#include "key.h"
#include "netlink.h"
#include "netns.h"
#include "nl_group.h"
#include "nl_sender.h"
#include "replay.h"
#include "stats.h"

static struct netlink_range_validation slsec_grace_range = {
	.max = SLSEC_GRACE_MAX,
};

static struct netlink_range_validation slsec_freshness_range = {
	.max = SLSEC_FRESHNESS_MAX,
};

const struct nla_policy slsec_group_policy[] = {
	[SLSEC_A_IFINDEX] = { .type = NLA_U32 },
	[SLSEC_A_ADDR4] = NLA_POLICY_EXACT_LEN(4),
	[SLSEC_A_ADDR6] = NLA_POLICY_EXACT_LEN(16),
	[SLSEC_A_SENDER] = { .type = NLA_U32 },
	[SLSEC_A_ALG] = NLA_POLICY_RANGE(NLA_U32, 1, SLSEC_ALG_MAX),
	[SLSEC_A_REPLAY_WINDOW] = NLA_POLICY_RANGE(NLA_U32,
						   SLSEC_REPLAY_WINDOW_MIN,
						   SLSEC_REPLAY_WINDOW_MAX),
	[SLSEC_A_MODE] = NLA_POLICY_MAX(NLA_U8, SLSEC_MODE_MAX),
	[SLSEC_A_MAX_SENDERS] = NLA_POLICY_RANGE(NLA_U32, 1,
						 SLSEC_MAX_SENDERS_LIMIT),
	[SLSEC_A_GRACE] = NLA_POLICY_FULL_RANGE(NLA_U32, &slsec_grace_range),
	[SLSEC_A_FRESHNESS] = NLA_POLICY_FULL_RANGE(NLA_U32,
						    &slsec_freshness_range),
	[SLSEC_A_SENDER_MARK] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* The group named by a request: device index and multicast address. */
int slsec_nl_group_id(struct genl_info *info, struct slsec_group_id *id)
{
	struct nlattr **a = info->attrs;

	memset(id, 0, sizeof(*id));
	if (slsec_nl_missing(info, SLSEC_A_IFINDEX, "device index missing"))
		return -EINVAL;
	if (!a[SLSEC_A_ADDR4] == !a[SLSEC_A_ADDR6]) {
		NL_SET_ERR_MSG(info->extack,
			       "exactly one group address (IPv4 or IPv6) is needed");
		return -EINVAL;
	}
	id->ifindex = nla_get_u32(a[SLSEC_A_IFINDEX]);
	if (a[SLSEC_A_ADDR4]) {
		id->family = AF_INET;
		id->addr.a4 = nla_get_in_addr(a[SLSEC_A_ADDR4]);
		if (ipv4_is_multicast(id->addr.a4))
			return 0;
		NL_SET_ERR_MSG_ATTR(info->extack, a[SLSEC_A_ADDR4],
				    "group address is not an IPv4 multicast address");
		return -EINVAL;
	}
	id->family = AF_INET6;
	id->addr.a6 = nla_get_in6_addr(a[SLSEC_A_ADDR6]);
	if (ipv6_addr_is_multicast(&id->addr.a6))
		return 0;
	NL_SET_ERR_MSG_ATTR(info->extack, a[SLSEC_A_ADDR6],
			    "group address is not an IPv6 multicast address");
	return -EINVAL;
}

/* Find the request's group; the caller holds sn->lock. */
struct slsec_group *slsec_nl_group(struct slsec_net *sn,
				   struct genl_info *info)
{
	struct slsec_group_id id;
	struct slsec_group *g;
	int err;

	err = slsec_nl_group_id(info, &id);
	if (err)
		return ERR_PTR(err);
	g = slsec_group_find(sn, &id);
	if (!g) {
		NL_SET_ERR_MSG(info->extack, "no such group on this device");
		return ERR_PTR(-ENOENT);
	}
	return g;
}

static int slsec_nl_replay_window(struct genl_info *info, u32 *window)
{
	struct nlattr *a = info->attrs[SLSEC_A_REPLAY_WINDOW];

	if (!a)
		return 0;
	*window = nla_get_u32(a);
	if (slsec_replay_size_valid(*window))
		return 0;
	NL_SET_ERR_MSG_ATTR(info->extack, a,
			    "replay window must be a power of two from 64 to 8192");
	return -EINVAL;
}

/* 0 (off) or SLSEC_FRESHNESS_MIN..MAX ms; *@ms is left alone if absent. */
static int slsec_nl_freshness(struct genl_info *info, u32 *ms)
{
	struct nlattr *a = info->attrs[SLSEC_A_FRESHNESS];
	u32 v;

	if (!a)
		return 0;
	v = nla_get_u32(a);
	if (v && v < SLSEC_FRESHNESS_MIN) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "freshness window below 10 ms: use 0 (off) or 10 ms to 1 hour");
		return -ERANGE;
	}
	*ms = v;
	return 0;
}

static int slsec_nl_group_cfg(struct genl_info *info,
			      struct slsec_group_cfg *cfg)
{
	int err;

	struct nlattr **a = info->attrs;

	if (slsec_nl_missing(info, SLSEC_A_SENDER, "sender id missing"))
		return -EINVAL;
	cfg->sender = nla_get_u32(a[SLSEC_A_SENDER]);
	cfg->alg = a[SLSEC_A_ALG] ? nla_get_u32(a[SLSEC_A_ALG])
				  : SLSEC_ALG_AES_GCM_128;
	cfg->mode = a[SLSEC_A_MODE] ? nla_get_u8(a[SLSEC_A_MODE])
				    : SLSEC_MODE_STRICT;
	cfg->replay_window = SLSEC_REPLAY_WINDOW_DEFAULT;
	cfg->grace = a[SLSEC_A_GRACE] ? nla_get_u32(a[SLSEC_A_GRACE])
				      : SLSEC_GRACE_DEFAULT;
	cfg->max_senders = a[SLSEC_A_MAX_SENDERS] ?
			   nla_get_u32(a[SLSEC_A_MAX_SENDERS]) :
			   SLSEC_MAX_SENDERS_DEFAULT;
	cfg->sender_mark = a[SLSEC_A_SENDER_MARK] ?
			   nla_get_u8(a[SLSEC_A_SENDER_MARK]) : 0;
	cfg->freshness = SLSEC_FRESHNESS_DEFAULT;
	err = slsec_nl_freshness(info, &cfg->freshness);
	if (err)
		return err;
	if (!slsec_aead_available(cfg->alg)) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[SLSEC_A_ALG],
				    "algorithm not available in this kernel");
		return -EOPNOTSUPP;
	}
	return slsec_nl_replay_window(info, &cfg->replay_window);
}

int slsec_nl_group_add(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct slsec_net *sn = slsec_net(net);
	struct slsec_group_cfg cfg;
	struct slsec_group_id id;
	int err;

	err = slsec_nl_group_id(info, &id);
	if (!err)
		err = slsec_nl_group_cfg(info, &cfg);
	if (err)
		return err;

	/* RTNL keeps the device from going away until the group is in. */
	rtnl_lock();
	if (!__dev_get_by_index(net, id.ifindex)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[SLSEC_A_IFINDEX],
				    "no such device in this network namespace");
		err = -ENODEV;
	} else {
		mutex_lock(&sn->lock);
		err = slsec_group_add(sn, &id, &cfg, info->extack);
		mutex_unlock(&sn->lock);
	}
	rtnl_unlock();
	return err;
}

int slsec_nl_group_set(struct sk_buff *skb, struct genl_info *info)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct nlattr **a = info->attrs;
	struct slsec_group *g;
	u32 window = 0, fresh = 0;
	int err;

	if (a[SLSEC_A_SENDER] || a[SLSEC_A_ALG]) {
		NL_SET_ERR_MSG(info->extack,
			       "sender id and algorithm cannot change: delete the group and add it again");
		return -EINVAL;
	}
	if (!a[SLSEC_A_MODE] && !a[SLSEC_A_REPLAY_WINDOW] &&
	    !a[SLSEC_A_MAX_SENDERS] && !a[SLSEC_A_GRACE] &&
	    !a[SLSEC_A_FRESHNESS] && !a[SLSEC_A_SENDER_MARK]) {
		NL_SET_ERR_MSG(info->extack, "nothing to change");
		return -EINVAL;
	}
	err = slsec_nl_replay_window(info, &window);
	if (!err)
		err = slsec_nl_freshness(info, &fresh);
	if (err)
		return err;
	mutex_lock(&sn->lock);
	g = slsec_nl_group(sn, info);
	if (IS_ERR(g))
		err = PTR_ERR(g);
	else if (a[SLSEC_A_MAX_SENDERS])
		err = slsec_group_senders_check(sn, g->cfg.max_senders,
						nla_get_u32(a[SLSEC_A_MAX_SENDERS]),
						info->extack);
	if (!err) {
		if (window)
			WRITE_ONCE(g->cfg.replay_window, window);
		if (a[SLSEC_A_MODE])
			WRITE_ONCE(g->cfg.mode, nla_get_u8(a[SLSEC_A_MODE]));
		if (a[SLSEC_A_MAX_SENDERS]) {
			sn->nsenders -= g->cfg.max_senders;
			WRITE_ONCE(g->cfg.max_senders,
				   nla_get_u32(a[SLSEC_A_MAX_SENDERS]));
			sn->nsenders += g->cfg.max_senders;
		}
		/* Keys retiring already keep their end time. */
		if (a[SLSEC_A_GRACE])
			WRITE_ONCE(g->cfg.grace, nla_get_u32(a[SLSEC_A_GRACE]));
		if (a[SLSEC_A_FRESHNESS])
			WRITE_ONCE(g->cfg.freshness, fresh);
		if (a[SLSEC_A_SENDER_MARK])
			WRITE_ONCE(g->cfg.sender_mark,
				   nla_get_u8(a[SLSEC_A_SENDER_MARK]));
		sn->gen++;
	}
	mutex_unlock(&sn->lock);
	return err;
}

int slsec_nl_group_del(struct sk_buff *skb, struct genl_info *info)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct slsec_group *g;
	int err = 0;

	mutex_lock(&sn->lock);
	g = slsec_nl_group(sn, info);
	if (IS_ERR(g))
		err = PTR_ERR(g);
	else
		slsec_group_del(sn, g);
	mutex_unlock(&sn->lock);
	return err;
}

/* The attributes that name @g: device index and address. */
int slsec_nl_put_group_id(struct sk_buff *skb, const struct slsec_group *g)
{
	if (nla_put_u32(skb, SLSEC_A_IFINDEX, g->id.ifindex))
		return -EMSGSIZE;
	if (g->id.family == AF_INET)
		return nla_put_in_addr(skb, SLSEC_A_ADDR4, g->id.addr.a4);
	return nla_put_in6_addr(skb, SLSEC_A_ADDR6, &g->id.addr.a6);
}

static int slsec_nl_put_keys(struct sk_buff *skb, struct slsec_net *sn,
			     struct slsec_group *g)
{
	struct nlattr *nest;
	unsigned int i;

	nest = nla_nest_start(skb, SLSEC_A_KEYS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(g->keys); i++) {
		if (slsec_group_key(sn, g, i) &&
		    nla_put_u32(skb, SLSEC_A_KEY_ID, i)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int slsec_nl_put_tx_key(struct sk_buff *skb, struct slsec_net *sn,
			       struct slsec_group *g)
{
	struct slsec_key *key;

	key = rcu_dereference_protected(g->tx_key, lockdep_is_held(&sn->lock));
	return key ? nla_put_u32(skb, SLSEC_A_TX_KEY_ID, key->id) : 0;
}

/* One group as a message; never any key material, only key ids. */
static int slsec_nl_put_group(struct sk_buff *skb, struct slsec_net *sn,
			      struct slsec_group *g, u32 portid, u32 seq,
			      int flags, struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &slsec_genl_family, flags,
			  SLSEC_CMD_GROUP_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (slsec_nl_put_group_id(skb, g) ||
	    nla_put_u32(skb, SLSEC_A_SENDER, g->cfg.sender) ||
	    nla_put_u32(skb, SLSEC_A_ALG, g->cfg.alg) ||
	    nla_put_u32(skb, SLSEC_A_REPLAY_WINDOW, g->cfg.replay_window) ||
	    nla_put_u8(skb, SLSEC_A_MODE, g->cfg.mode) ||
	    nla_put_u32(skb, SLSEC_A_MAX_SENDERS, g->cfg.max_senders) ||
	    nla_put_u32(skb, SLSEC_A_NSENDERS, READ_ONCE(g->peers.n)) ||
	    nla_put_u32(skb, SLSEC_A_GRACE, g->cfg.grace) ||
	    nla_put_u32(skb, SLSEC_A_FRESHNESS, READ_ONCE(g->cfg.freshness)) ||
	    nla_put_u8(skb, SLSEC_A_SENDER_MARK,
		       READ_ONCE(g->cfg.sender_mark)) ||
	    slsec_nl_put_revoked(skb, g) ||
	    slsec_nl_put_tx_key(skb, sn, g) ||
	    slsec_nl_put_keys(skb, sn, g) ||
	    slsec_stats_put(skb, &g->stats)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int slsec_nl_group_get(struct sk_buff *skb, struct genl_info *info)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct slsec_group *g;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&sn->lock);
	g = slsec_nl_group(sn, info);
	if (IS_ERR(g))
		err = PTR_ERR(g);
	else
		err = slsec_nl_put_group(msg, sn, g, info->snd_portid,
					 info->snd_seq, 0, NULL);
	mutex_unlock(&sn->lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* Dump state in cb->ctx: how many groups were sent already. */
struct slsec_dump_ctx {
	unsigned int idx;
};

int slsec_nl_group_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct slsec_dump_ctx *ctx = (struct slsec_dump_ctx *)cb->ctx;
	struct slsec_net *sn = slsec_net(sock_net(skb->sk));
	struct nlattr *dev = slsec_dump_attrs(cb)[SLSEC_A_IFINDEX];
	struct slsec_group *g;
	unsigned int i = 0;
	int err = 0;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	mutex_lock(&sn->lock);
	cb->seq = sn->gen;
	list_for_each_entry(g, &sn->groups, list) {
		if (dev && g->id.ifindex != nla_get_u32(dev))
			continue;
		if (i++ < ctx->idx)
			continue;
		err = slsec_nl_put_group(skb, sn, g, NETLINK_CB(cb->skb).portid,
					 cb->nlh->nlmsg_seq, NLM_F_MULTI, cb);
		if (err)
			break;
		ctx->idx++;
	}
	mutex_unlock(&sn->lock);
	if (err == -EMSGSIZE && skb->len)
		return skb->len;	/* full: the rest comes in the next part */
	return err ?: skb->len;
}
