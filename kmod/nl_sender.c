// SPDX-License-Identifier: GPL-2.0
/*
 * Sender commands: the receive state a group holds per sender (a dump),
 * and revoking a sender id (a member that left or is compromised), whose
 * frames are dropped from then on.
 */

#include <net/genetlink.h>
#include <net/sock.h>
#include <linux/slsec.h>

#include "compat.h"
#include "event.h"
#include "group.h"
#include "netlink.h"
#include "netns.h"
#include "nl_group.h"
#include "nl_sender.h"
#include "peer.h"
#include "replay.h"
#include "tkey.h"

/* Sender revocation: a group and a sender id. */
const struct nla_policy slsec_sender_policy[] = {
	[SLSEC_A_IFINDEX] = { .type = NLA_U32 },
	[SLSEC_A_ADDR4] = NLA_POLICY_EXACT_LEN(4),
	[SLSEC_A_ADDR6] = NLA_POLICY_EXACT_LEN(16),
	[SLSEC_A_SENDER] = { .type = NLA_U32 },
};

/*
 * Sender dump state in cb->ctx: the group, and senders sent so far.  The
 * group is parsed on the first call, not in .start: in 6.1 only dumpit
 * calls have cb->extack, and every refusal must say why.
 */
struct slsec_sender_ctx {
	struct slsec_group_id id;
	unsigned int idx;
	bool started;
};

static int slsec_nl_sender_first(struct netlink_callback *cb,
				 struct slsec_sender_ctx *ctx)
{
	struct genl_info info = {
		.attrs = slsec_dump_attrs(cb),
		.extack = cb->extack,
	};

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	ctx->started = true;
	return slsec_nl_group_id(&info, &ctx->id);
}

static u32 slsec_rxkey_epoch(struct slsec_rxkey *rxk, struct mutex *tkey_lock)
{
	struct slsec_tkey *a, *b;

	a = rcu_dereference_protected(rxk->tk[0], lockdep_is_held(tkey_lock));
	b = rcu_dereference_protected(rxk->tk[1], lockdep_is_held(tkey_lock));
	return max(a ? a->epoch : 0, b ? b->epoch : 0);
}

/*
 * Authentication failures under the sender's traffic keys at hand (its
 * current and adjacent epoch): the integrity limit counts per traffic
 * key, so a new epoch or installation starts again from 0.
 */
static u64 slsec_rxkey_forgeries(struct slsec_rxkey *rxk,
				 struct mutex *tkey_lock)
{
	struct slsec_tkey *tk;
	u64 n = 0;
	int i;

	for (i = 0; i < 2; i++) {
		tk = rcu_dereference_protected(rxk->tk[i],
					       lockdep_is_held(tkey_lock));
		if (tk)
			n += atomic64_read(&tk->forgeries);
	}
	return n;
}

static int slsec_nl_put_rxkey(struct sk_buff *skb, struct slsec_rxkey *rxk,
			      struct mutex *tkey_lock)
{
	struct nlattr *nest;
	u64 next;

	spin_lock_bh(&rxk->lock);
	next = rxk->replay->next;
	spin_unlock_bh(&rxk->lock);
	nest = nla_nest_start(skb, SLSEC_A_SENDER_KEY);
	if (!nest ||
	    nla_put_u32(skb, SLSEC_A_SK_KEY_ID, rxk->key_id) ||
	    nla_put_u32(skb, SLSEC_A_SK_EPOCH,
			slsec_rxkey_epoch(rxk, tkey_lock)) ||
	    nla_put_u64_64bit(skb, SLSEC_A_SK_NEXT_PN, next, SLSEC_A_SK_PAD) ||
	    nla_put_u64_64bit(skb, SLSEC_A_SK_INSTALL, rxk->install,
			      SLSEC_A_SK_PAD) ||
	    nla_put_u32(skb, SLSEC_A_SK_RESTARTS, rxk->restarts) ||
	    nla_put_u64_64bit(skb, SLSEC_A_SK_FORGERIES,
			      slsec_rxkey_forgeries(rxk, tkey_lock),
			      SLSEC_A_SK_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int slsec_nl_put_sender(struct sk_buff *skb, struct netlink_callback *cb,
			       struct slsec_peer *peer, struct mutex *tkey_lock)
{
	struct nlattr *nest;
	unsigned int i;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &slsec_genl_family, NLM_F_MULTI,
			  SLSEC_CMD_SENDER_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, SLSEC_A_SENDER, peer->id))
		goto cancel;
	nest = nla_nest_start(skb, SLSEC_A_SENDER_KEYS);
	if (!nest)
		goto cancel;
	for (i = 0; i < SLSEC_MAX_KEYS; i++) {
		struct slsec_rxkey *rxk;

		rxk = rcu_dereference_protected(peer->rx[i],
						lockdep_is_held(tkey_lock));
		if (rxk && slsec_nl_put_rxkey(skb, rxk, tkey_lock))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

int slsec_nl_sender_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct slsec_sender_ctx *ctx = (struct slsec_sender_ctx *)cb->ctx;
	struct slsec_net *sn = slsec_net(sock_net(skb->sk));
	struct slsec_peer *peer;
	struct slsec_group *g;
	unsigned int i = 0;
	int err = 0;

	if (!ctx->started) {
		err = slsec_nl_sender_first(cb, ctx);
		if (err)
			return err;
	}
	mutex_lock(&sn->lock);
	g = slsec_group_find(sn, &ctx->id);
	if (!g) {
		err = ctx->idx ? 0 : -ENOENT;
		NL_SET_ERR_MSG(cb->extack, "no such group on this device");
		goto out;
	}
	mutex_lock(&g->peers.tkey_lock);
	list_for_each_entry(peer, &g->peers.list, list) {
		if (i++ < ctx->idx)
			continue;
		err = slsec_nl_put_sender(skb, cb, peer, &g->peers.tkey_lock);
		if (err)
			break;
		ctx->idx++;
	}
	mutex_unlock(&g->peers.tkey_lock);
out:
	mutex_unlock(&sn->lock);
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
}

/* SLSEC_A_REVOKED_SENDERS of a group, if it has any. */
int slsec_nl_put_revoked(struct sk_buff *skb, struct slsec_group *g)
{
	struct slsec_revoked *r;
	struct nlattr *nest;
	unsigned int i;
	int err = 0;

	mutex_lock(&g->peers.tkey_lock);
	r = rcu_dereference_protected(g->peers.revoked,
				      lockdep_is_held(&g->peers.tkey_lock));
	if (!r || !r->n)
		goto out;
	nest = nla_nest_start(skb, SLSEC_A_REVOKED_SENDERS);
	if (!nest) {
		err = -EMSGSIZE;
		goto out;
	}
	for (i = 0; i < r->n; i++) {
		if (nla_put_u32(skb, SLSEC_A_SENDER, r->ids[i])) {
			nla_nest_cancel(skb, nest);
			err = -EMSGSIZE;
			goto out;
		}
	}
	nla_nest_end(skb, nest);
out:
	mutex_unlock(&g->peers.tkey_lock);
	return err;
}

static int slsec_nl_sender_change(struct genl_info *info, bool revoke)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct nlattr *a = info->attrs[SLSEC_A_SENDER];
	struct slsec_event_arg ev = {
		.type = revoke ? SLSEC_EVENT_SENDER_REVOKED
			       : SLSEC_EVENT_SENDER_RESTORED,
		.has_sender = true,
	};
	struct slsec_group *g;
	int err;

	if (slsec_nl_missing(info, SLSEC_A_SENDER, "sender id missing"))
		return -EINVAL;
	ev.sender = nla_get_u32(a);
	mutex_lock(&sn->lock);
	g = slsec_nl_group(sn, info);
	if (IS_ERR(g)) {
		err = PTR_ERR(g);
		goto out;
	}
	if (revoke && ev.sender == g->cfg.sender) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "this is the host's own sender id");
		err = -EINVAL;
		goto out;
	}
	err = slsec_sender_revoke(g, ev.sender, revoke);
	if (err == -EEXIST)
		NL_SET_ERR_MSG_ATTR(info->extack, a, "sender id is revoked already");
	else if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, a, "sender id is not revoked");
	else if (err == -ENOSPC)
		NL_SET_ERR_MSG(info->extack,
			       "group already has the maximum number of revoked senders (64)");
	if (!err) {
		sn->gen++;
		slsec_event(g, &ev, GFP_KERNEL);
	}
out:
	mutex_unlock(&sn->lock);
	return err;
}

int slsec_nl_sender_revoke(struct sk_buff *skb, struct genl_info *info)
{
	return slsec_nl_sender_change(info, true);
}

int slsec_nl_sender_restore(struct sk_buff *skb, struct genl_info *info)
{
	return slsec_nl_sender_change(info, false);
}
