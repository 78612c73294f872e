// SPDX-License-Identifier: GPL-2.0
/*
 * Events: SLSEC_CMD_EVENT notifications to the "events" multicast group
 * of the group's namespace (CAP_NET_ADMIN to listen).  Key lifecycle
 * events come from process context; the data path's (an unknown key id,
 * a sender id collision) at most once a second per group and kind.  No
 * event carries key material.  An event raised by a frame that did not
 * authenticate carries SLSEC_A_UNAUTHENTICATED: anyone who can put a
 * frame on the link can cause it, with any key and sender id in it.
 */

#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <net/genetlink.h>
#include <linux/slsec.h>

#include "event.h"
#include "group.h"
#include "netlink.h"
#include "nl_group.h"
#include "netns.h"

/* Off while the family is (un)registered: nothing may use it then. */
static bool slsec_events_on;

void slsec_events_enable(bool on)
{
	WRITE_ONCE(slsec_events_on, on);
	if (!on)
		synchronize_rcu();	/* senders run under RCU */
}

static int slsec_event_fill(struct sk_buff *skb, const struct slsec_group *g,
			    const struct slsec_event_arg *ev)
{
	void *hdr;

	hdr = genlmsg_put(skb, 0, 0, &slsec_genl_family, 0, SLSEC_CMD_EVENT);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, SLSEC_A_EVENT, ev->type) ||
	    nla_put_u64_64bit(skb, SLSEC_A_TIME, ktime_get_real_ns(),
			      SLSEC_A_PAD) ||
	    slsec_nl_put_group_id(skb, g) ||
	    (ev->has_key && nla_put_u32(skb, SLSEC_A_KEY_ID, ev->key_id)) ||
	    (ev->has_sender && nla_put_u32(skb, SLSEC_A_SENDER, ev->sender)) ||
	    (ev->has_kind && nla_put_u32(skb, SLSEC_A_EXPIRE_KIND, ev->kind)) ||
	    (ev->has_install &&
	     nla_put_u64_64bit(skb, SLSEC_A_INSTALL, ev->install,
			       SLSEC_A_PAD)) ||
	    (ev->has_bundle &&
	     (nla_put_u32(skb, SLSEC_A_KEK_ID, ev->kek_id) ||
	      nla_put_u64_64bit(skb, SLSEC_A_BUNDLE_SEQ, ev->seq,
				SLSEC_A_PAD))) ||
	    (ev->has_forgeries &&
	     nla_put_u64_64bit(skb, SLSEC_A_FORGERIES, ev->forgeries,
			       SLSEC_A_PAD)) ||
	    (ev->unauth && nla_put_flag(skb, SLSEC_A_UNAUTHENTICATED))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/**
 * slsec_event() - tell the namespace's listeners
 * @g:   the group it happened in
 * @ev:  what happened
 * @gfp: GFP_KERNEL in process context, GFP_ATOMIC elsewhere
 */
void slsec_event(struct slsec_group *g, const struct slsec_event_arg *ev,
		 gfp_t gfp)
{
	struct net *net = g->sn->net;
	struct sk_buff *skb;

	if (!READ_ONCE(slsec_events_on) ||
	    !genl_has_listeners(&slsec_genl_family, net, 0))
		return;
	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, gfp);
	if (!skb)
		return;
	if (slsec_event_fill(skb, g, ev)) {
		nlmsg_free(skb);
		return;
	}
	/* The family cannot go away while this runs: see events_enable(). */
	rcu_read_lock();
	if (READ_ONCE(slsec_events_on))
		genlmsg_multicast_netns(&slsec_genl_family, net, skb, 0, 0,
					GFP_ATOMIC);
	else
		nlmsg_free(skb);
	rcu_read_unlock();
}

void slsec_event_key(struct slsec_group *g, u32 type, u8 key_id)
{
	struct slsec_event_arg ev = {
		.type = type, .key_id = key_id, .has_key = true,
	};

	slsec_event(g, &ev, GFP_KERNEL);
}

void slsec_event_expire(struct slsec_group *g, u32 type, u8 key_id, u32 kind)
{
	struct slsec_event_arg ev = {
		.type = type, .key_id = key_id, .has_key = true,
		.kind = kind, .has_kind = true,
	};

	slsec_event(g, &ev, GFP_KERNEL);
}

/**
 * slsec_event_rx() - a data-path event, at most one a second
 * @g:      the group
 * @which:  SLSEC_GEV_*, the rate limit's slot
 * @type:   enum slsec_event
 * @key_id: the frame's key id
 * @sender: the frame's sender id
 *
 * Every caller runs before the frame authenticated (an unknown key id, a
 * collision with this host's sender id, a stale timestamp), so the event
 * is marked unauthenticated.  Any context.
 */
void slsec_event_rx(struct slsec_group *g, unsigned int which, u32 type,
		    u8 key_id, u32 sender)
{
	unsigned long last = READ_ONCE(g->ev_last[which]), now = jiffies;
	struct slsec_event_arg ev = {
		.type = type, .key_id = key_id, .has_key = true,
		.sender = sender, .has_sender = true, .unauth = true,
	};

	if (last && time_before(now, last + HZ))
		return;
	if (cmpxchg(&g->ev_last[which], last, now ?: 1) != last)
		return;
	slsec_event(g, &ev, GFP_ATOMIC);
}

/**
 * slsec_event_forgery() - a traffic key's integrity limit is near, or
 *	reached
 * @g:      the group
 * @type:   SLSEC_EVENT_FORGERY_NEAR_LIMIT or SLSEC_EVENT_FORGERY_LIMIT
 * @key_id: the group key the traffic key belongs to
 * @sender: the sender it opens frames of
 * @n:      authentication failures counted under it
 *
 * Not rate-limited: each is raised once per traffic key, at the count
 * slsec_forgery_class() names.  The frames that counted did not
 * authenticate (the flag says so), but the count and the closing of the
 * key are real.  Any context.
 */
void slsec_event_forgery(struct slsec_group *g, u32 type, u8 key_id,
			 u32 sender, u64 n)
{
	struct slsec_event_arg ev = {
		.type = type, .key_id = key_id, .has_key = true,
		.sender = sender, .has_sender = true,
		.forgeries = n, .has_forgeries = true, .unauth = true,
	};

	slsec_event(g, &ev, GFP_ATOMIC);
}

/**
 * slsec_event_bundle() - a sealed bundle was applied
 * @g:      the group it installed its key in
 * @kek_id: the KEK that opened it
 * @seq:    its sequence number, now the KEK's last applied
 * @key_id: the key it installed
 *
 * SLSEC_EVENT_BUNDLE_APPLIED with the group, SLSEC_A_KEY_ID,
 * SLSEC_A_KEK_ID and SLSEC_A_BUNDLE_SEQ: what a daemon persists so that
 * after a reboot kek add can refuse bundles older than it (min-seq).
 * Process context.
 */
void slsec_event_bundle(struct slsec_group *g, u8 kek_id, u64 seq, u8 key_id)
{
	struct slsec_event_arg ev = {
		.type = SLSEC_EVENT_BUNDLE_APPLIED,
		.key_id = key_id, .has_key = true,
		.kek_id = kek_id, .seq = seq, .has_bundle = true,
	};

	slsec_event(g, &ev, GFP_KERNEL);
}
