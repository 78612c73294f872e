// SPDX-License-Identifier: GPL-2.0
/*
 * Ingress: open a sealed datagram to a protected group, at
 * NF_INET_PRE_ROUTING, reassembled (hooks.c) and before conntrack.
 *
 * Checks run cheapest first and nothing is written before the frame
 * authenticated: header sanity, key id, sender (a frame claiming this
 * host's own id is a collision unless it is this host's own loopback
 * copy), replay pre-check, then the AEAD; only then does the replay window
 * move and the datagram get its original protocol and lengths back.
 * A frame whose sender or epoch has no traffic key yet waits for one,
 * on a bounded backlog, known senders' apart from unknown ones (peer.c);
 * a known sender's frame more than an epoch ahead of its newest is
 * dropped first (rx_drop_epoch), and one that finds no room in its
 * backlog is counted rx_drop_backlog.  An open that completes
 * asynchronously resumes the hook traversal after slsec's hook with
 * nf_hook_slow(), as an NF_QUEUE reinjection does.
 */

#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <net/dst.h>
#include <linux/scatterlist.h>
#include <linux/skbuff.h>
#include <linux/ipv6.h>

#include "aead.h"
#include "group.h"
#include "hooks.h"
#include "ip.h"
#include "event.h"
#include "fresh.h"
#include "key.h"
#include "messages.h"
#include "netns.h"
#include "peer.h"
#include "receive.h"
#include "replay.h"
#include "stats.h"
#include "timing.h"
#include "tkey.h"

/**
 * struct slsec_recv_ctx - an open in flight, in its slsec_crypt_op
 * @skb:    the datagram
 * @g:      its group (a reference)
 * @tk:     the traffic key (a reference)
 * @rxk:    the sender's state (a reference); NULL for a loopback copy
 * @sn:     the namespace's state, for the in-flight count
 * @dev:    the input device (a reference, as nf_queue takes): it may be
 *          unregistering while an asynchronous open runs
 * @state:  the hook's state, to resume the traversal with
 * @pn:     its packet number
 * @ts:     its timestamp
 * @sender: its sender id (this host's own for a loopback copy)
 * @hoff:   offset of the slsec header
 * @nhoff:  offset of the protocol byte
 * @thoff:  the transport header's offset as IP input left it: the IPv4
 *          payload, or for IPv6 the first extension header input has not
 *          processed yet (ip6_rcv_core() has parsed a hop-by-hop header)
 * @next:   the payload's protocol
 * @key_id: its group key
 * @addr:   AAD's first part: the group address
 */
struct slsec_recv_ctx {
	struct sk_buff *skb;
	struct slsec_group *g;
	struct slsec_tkey *tk;
	struct slsec_rxkey *rxk;
	struct slsec_net *sn;
	struct net_device *dev;
	struct nf_hook_state state;
	u64 pn;
	u32 ts;
	u32 sender;
	unsigned int hoff;
	unsigned int nhoff;
	unsigned int thoff;
	u8 next;
	u8 key_id;
	u8 addr[16];
};

static void slsec_recv_release(struct slsec_crypt_op *op)
{
	struct slsec_recv_ctx *ctx = (void *)op->ctx;

	dev_put(ctx->dev);
	slsec_rxkey_put(ctx->rxk);
	slsec_tkey_put(ctx->tk);
	slsec_group_put(ctx->g);
	slsec_crypt_op_free(op);
}

/*
 * Record the packet number (a frame that raced its twin loses here) and
 * the newest timestamp.
 */
static enum slsec_stat slsec_recv_replay(struct slsec_rxkey *rxk, u64 pn,
					 u32 ts)
{
	enum slsec_replay_verdict v;

	if (!rxk)
		return SLSEC_STAT_UNSPEC;
	spin_lock(&rxk->lock);
	v = slsec_replay_update(rxk->replay, pn);
	if (v == SLSEC_REPLAY_OK && slsec_ts_after(ts, rxk->last_ts))
		WRITE_ONCE(rxk->last_ts, ts);
	spin_unlock(&rxk->lock);
	if (v == SLSEC_REPLAY_DUP)
		return SLSEC_STAT_RX_DROP_REPLAY;
	if (v == SLSEC_REPLAY_OLD)
		return SLSEC_STAT_RX_DROP_TOO_OLD;
	return SLSEC_STAT_UNSPEC;
}

/* The datagram as it was before it was sealed. */
static int slsec_recv_restore(struct slsec_recv_ctx *ctx)
{
	struct sk_buff *skb = ctx->skb;

	if (pskb_trim(skb, skb->len - SLSEC_TAG_LEN))
		return -ENOMEM;
	memmove(skb->data + SLSEC_HDR_LEN, skb->data, ctx->hoff);
	__skb_pull(skb, SLSEC_HDR_LEN);
	skb_reset_network_header(skb);
	skb->data[ctx->nhoff] = ctx->next;
	/* Unchanged: what slsec removed lies behind it. */
	skb_set_transport_header(skb, ctx->thoff);
	slsec_ip_set_len(skb, ctx->g->id.family);
	skb_mac_header_rebuild(skb);
	/*
	 * The tag authenticated every byte the sender sealed, and the sender
	 * completed the transport checksum before sealing (send.c): checking
	 * it again proves nothing.  (A CHECKSUM_COMPLETE value, had there
	 * been one, covered the ciphertext and would be wrong now.)
	 */
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	skb->csum_level = 0;
	return 0;
}

/* A datagram opened under a group key: the key's usage counters. */
static void slsec_recv_account(struct slsec_group *g, u8 key_id,
			       unsigned int len)
{
	struct slsec_key *key;

	rcu_read_lock();
	key = rcu_dereference(g->keys[key_id]);
	if (key) {
		atomic64_inc(&key->rx_packets);
		atomic64_add(len, &key->rx_bytes);
	}
	rcu_read_unlock();
}

/*
 * A frame under @ctx->tk did not authenticate: count it against the
 * traffic key's integrity limit (RFC 9001 section 6.6), warn at 7/8 of
 * it, and close the key at it.  Each count is reached by one caller only,
 * so each event is raised once per traffic key.
 */
static void slsec_recv_forgery(struct slsec_recv_ctx *ctx)
{
	struct slsec_tkey *tk = ctx->tk;
	u64 n = atomic64_inc_return(&tk->forgeries);
	u32 type;

	switch (slsec_forgery_class(n, slsec_alg_forgery_limit(tk->aead.alg))) {
	case SLSEC_FORGERY_NEAR:
		type = SLSEC_EVENT_FORGERY_NEAR_LIMIT;
		break;
	case SLSEC_FORGERY_LIMIT:
		WRITE_ONCE(tk->closed, true);
		type = SLSEC_EVENT_FORGERY_LIMIT;
		break;
	default:
		return;
	}
	slsec_event_forgery(ctx->g, type, ctx->key_id, ctx->sender, n);
}

/* After the AEAD: 0 to pass the datagram on, or the drop reason. */
static enum slsec_stat slsec_recv_finish(struct slsec_recv_ctx *ctx, int err)
{
	enum slsec_stat why;

	if (err == -EBADMSG) {
		slsec_recv_forgery(ctx);
		return SLSEC_STAT_RX_DROP_AUTH;
	}
	if (err)
		return SLSEC_STAT_RX_DROP_NOMEM;
	/* Opened while the key was being closed: accepted no more. */
	if (unlikely(slsec_tkey_closed(ctx->tk)))
		return SLSEC_STAT_RX_DROP_FORGERY_LIMIT;
	why = slsec_recv_replay(ctx->rxk, ctx->pn, ctx->ts);
	if (why)
		return why;
	if (ctx->rxk)	/* the next epoch's key, before it is needed */
		slsec_rxkey_heard(ctx->g, ctx->rxk, ctx->pn);
	if (slsec_recv_restore(ctx))
		return SLSEC_STAT_RX_DROP_NOMEM;
	/*
	 * The sender id authenticated (against outsiders: every member can
	 * claim any id); the IP source did not.  SO_RCVMARK shows it.
	 */
	if (READ_ONCE(ctx->g->cfg.sender_mark))
		ctx->skb->mark = ctx->sender;
	slsec_stats_pkt(&ctx->g->stats, SLSEC_STAT_RX_PACKETS, ctx->skb->len);
	if (ctx->rxk)
		slsec_recv_account(ctx->g, ctx->rxk->key_id, ctx->skb->len);
	return SLSEC_STAT_UNSPEC;
}

/*
 * After an asynchronous open: go on with the PRE_ROUTING hooks after
 * slsec's (conntrack among them), as an NF_QUEUE reinjection would, so the
 * datagram is treated exactly as one opened inline.  nf_hook_slow() frees
 * what a later hook drops and returns 1 when all accepted.  Should slsec's
 * hook be gone meanwhile (its last group removed), the datagram goes
 * straight on to the hook's continuation.  (nf_reinject() would do the
 * same but is no longer exported from 6.10 on.)
 */
static void slsec_recv_resume(struct slsec_recv_ctx *ctx)
{
	const struct nf_hook_entries *e;
	int i;

	rcu_read_lock();
	i = slsec_hooks_in_index(ctx->state.net, ctx->state.pf, ctx->sn, &e);
	if (i < 0 || nf_hook_slow(ctx->skb, &ctx->state, e, i + 1) == 1)
		ctx->state.okfn(ctx->state.net, NULL, ctx->skb);
	rcu_read_unlock();
}

static void slsec_recv_done(struct slsec_crypt_op *op, int err)
{
	struct slsec_recv_ctx *ctx = (void *)op->ctx;
	struct slsec_net *sn = ctx->sn;
	enum slsec_stat why = slsec_recv_finish(ctx, err);

	if (why) {
		slsec_stats_inc(&ctx->g->stats, why);
		kfree_skb(ctx->skb);
	} else {
		local_bh_disable();
		slsec_recv_resume(ctx);
		local_bh_enable();
	}
	slsec_recv_release(op);
	if (atomic_dec_and_test(&sn->inflight))
		wake_up_var(&sn->inflight);
}

/**
 * struct slsec_recv_keys - what opening one frame needs
 * @tk:   traffic key, referenced
 * @rxk:  sender state, referenced; NULL for this host's loopback copy
 * @park: without @tk: the backlog the frame waits on (enum slsec_park)
 */
struct slsec_recv_keys {
	struct slsec_tkey *tk;
	struct slsec_rxkey *rxk;
	int park;
};

/* This host's own frame, looped back: opened with its own send key. */
static enum slsec_stat slsec_recv_own(struct slsec_group *g,
				      const struct sk_buff *skb,
				      const struct slsec_hdr *h, u32 epoch,
				      struct slsec_recv_keys *k)
{
	struct slsec_key *key;

	if (skb->pkt_type != PACKET_LOOPBACK) {
		slsec_event_rx(g, SLSEC_GEV_COLLISION,
			       SLSEC_EVENT_SENDER_COLLISION, h->key_id,
			       g->cfg.sender);
		return SLSEC_STAT_RX_DROP_COLLISION;
	}
	key = rcu_dereference(g->keys[h->key_id]);
	/* Sealed by an earlier installation of the key: nothing opens it. */
	if (!key || be64_to_cpu(h->install) != key->install)
		return SLSEC_STAT_RX_DROP_NO_STATE;
	k->tk = slsec_tkey_get(slsec_tkey_pick(key->tx, epoch));
	return k->tk ? SLSEC_STAT_UNSPEC : SLSEC_STAT_RX_DROP_NO_STATE;
}

/* A key id the group does not hold: why, and tell (rate-limited). */
static enum slsec_stat slsec_recv_no_key(struct slsec_group *g, u8 key_id,
					 u32 sender)
{
	if (test_bit(key_id, g->revoked))
		return SLSEC_STAT_RX_DROP_REVOKED_KEY;
	if (test_bit(key_id, g->retired))
		return SLSEC_STAT_RX_DROP_RETIRED_KEY;
	slsec_event_rx(g, SLSEC_GEV_UNKNOWN_KEY, SLSEC_EVENT_UNKNOWN_KEY,
		       key_id, sender);
	return SLSEC_STAT_RX_DROP_UNKNOWN_KEY;
}

/*
 * Is the frame's timestamp within the group's window, and not before this
 * host installed @key or last threw away receive state under it (a sender
 * restored)?  Recorded frames fail here whatever the receiver forgot
 * since (fresh.c).
 */
static enum slsec_stat slsec_recv_fresh(struct slsec_group *g,
					const struct slsec_key *key,
					const struct slsec_hdr *h, u32 sender)
{
	u32 window = READ_ONCE(g->cfg.freshness);
	u64 since;

	if (!window)
		return SLSEC_STAT_UNSPEC;
	since = max(key->installed_ms, READ_ONCE(g->peers.forgot_ms));
	if (slsec_fresh_check(be32_to_cpu(h->ts), slsec_now_ms(), since,
			      window) == SLSEC_FRESH_OK)
		return SLSEC_STAT_UNSPEC;
	slsec_event_rx(g, SLSEC_GEV_STALE, SLSEC_EVENT_STALE_FRAME, h->key_id,
		       sender);
	return SLSEC_STAT_RX_DROP_STALE;
}

/*
 * Find the keys for @h: 0 with references taken, SLSEC_STAT_UNSPEC + a
 * NULL @k->tk when the frame must wait for its traffic key (a new sender,
 * epoch or installation) on backlog @k->park, or a drop reason.
 */
static enum slsec_stat slsec_recv_keys(struct slsec_group *g,
				       const struct sk_buff *skb,
				       const struct slsec_hdr *h, u64 pn,
				       struct slsec_recv_keys *k)
{
	unsigned int shift = slsec_alg_get(g->cfg.alg)->epoch_shift;
	u32 sender = be32_to_cpu(h->sender_id), epoch = slsec_pn_epoch(pn, shift);
	u64 install = be64_to_cpu(h->install);
	struct slsec_rxkey *rxk;
	struct slsec_key *key;
	struct slsec_tkey *tk;
	enum slsec_stat why;

	k->tk = NULL;
	k->rxk = NULL;
	k->park = SLSEC_PARK_NEW;
	key = rcu_dereference(g->keys[h->key_id]);
	if (!key)
		return slsec_recv_no_key(g, h->key_id, sender);
	if (unlikely(slsec_sender_revoked(&g->peers, sender)))
		return SLSEC_STAT_RX_DROP_REVOKED_SENDER;
	if (sender == g->cfg.sender)
		return slsec_recv_own(g, skb, h, epoch, k);
	why = slsec_recv_fresh(g, key, h, sender);
	if (why)
		return why;
	rxk = slsec_peer_rxkey(g, sender, h->key_id);
	if (!rxk)
		return SLSEC_STAT_UNSPEC;
	/*
	 * A new installation is new state, tried as a new sender's frame
	 * is: installation ids travel in the clear, so forged restarts of
	 * a known sender must not crowd out its rollover.
	 */
	if (rxk->install != install)
		return slsec_rxkey_superseded(g, rxk, install,
					      be32_to_cpu(h->ts)) ?
		       SLSEC_STAT_RX_DROP_SUPERSEDED : SLSEC_STAT_UNSPEC;
	k->park = SLSEC_PARK_KNOWN;
	switch (slsec_replay_check(rxk->replay, pn)) {
	case SLSEC_REPLAY_DUP:
		return SLSEC_STAT_RX_DROP_REPLAY;
	case SLSEC_REPLAY_OLD:
		return SLSEC_STAT_RX_DROP_TOO_OLD;
	case SLSEC_REPLAY_OK:
		break;
	}
	tk = rcu_dereference(rxk->tk[epoch & 1]);
	if (!tk || tk->epoch < epoch) {
		/* Only an epoch a genuine sender can be in waits. */
		k->park = slsec_rxkey_epoch_park(g, rxk, epoch);
		if (k->park == -ERANGE)
			return SLSEC_STAT_RX_DROP_EPOCH;
		return k->park < 0 ? SLSEC_STAT_RX_DROP_TOO_OLD
				   : SLSEC_STAT_UNSPEC;
	}
	if (tk->epoch > epoch)
		return SLSEC_STAT_RX_DROP_TOO_OLD;
	k->tk = slsec_tkey_get(tk);
	if (k->tk && refcount_inc_not_zero(&rxk->ref))
		k->rxk = rxk;
	if (k->rxk)
		return SLSEC_STAT_UNSPEC;
	slsec_tkey_put(k->tk);
	k->tk = NULL;
	return SLSEC_STAT_RX_DROP_NO_STATE;
}

/* Header checks that need no state. */
static bool slsec_recv_hdr_ok(const struct slsec_group *g,
			      const struct slsec_hdr *h, u64 pn)
{
	unsigned int shift = slsec_alg_get(g->cfg.alg)->epoch_shift;

	return h->version == SLSEC_WIRE_VERSION && !h->flags &&
	       pn < slsec_pn_limit(shift);
}

static unsigned int slsec_recv_open(struct slsec_group *g, struct sk_buff *skb,
				    const struct nf_hook_state *state,
				    const struct slsec_ip *ip,
				    const struct slsec_hdr *h,
				    struct slsec_recv_keys *k)
{
	unsigned int alen = g->id.family == AF_INET ? 4 : 16;
	unsigned int clen = skb->len - ip->hoff - SLSEC_HDR_LEN;
	struct slsec_recv_ctx *ctx;
	struct slsec_crypt_op *op;
	struct sk_buff *trailer;
	enum slsec_stat why;
	int nfrags, err;

	/* Past its integrity limit: not worth an AEAD. */
	if (unlikely(slsec_tkey_closed(k->tk))) {
		slsec_rxkey_put(k->rxk);
		slsec_tkey_put(k->tk);
		slsec_stats_inc(&g->stats, SLSEC_STAT_RX_DROP_FORGERY_LIMIT);
		return NF_DROP;
	}
	nfrags = skb_cow_data(skb, 0, &trailer);
	if (nfrags < 0)
		goto nomem;
	op = slsec_crypt_op_alloc(&k->tk->aead, sizeof(*ctx), nfrags + 1,
				  GFP_ATOMIC);
	if (!op)
		goto nomem;
	ctx = (void *)op->ctx;
	*ctx = (struct slsec_recv_ctx) {
		.skb = skb, .g = slsec_group_get(g), .tk = k->tk,
		.rxk = k->rxk, .sn = slsec_net(state->net), .dev = state->in,
		.state = *state, .pn = be64_to_cpu(h->pn),
		.ts = be32_to_cpu(h->ts), .sender = be32_to_cpu(h->sender_id),
		.key_id = h->key_id,
		.hoff = ip->hoff, .nhoff = ip->nhoff, .next = h->next_proto,
		.thoff = skb_transport_offset(skb),
	};
	if (!ctx->g || (skb_dst(skb) && !skb_dst_force(skb))) {
		if (ctx->g)
			slsec_group_put(ctx->g);
		slsec_crypt_op_free(op);
		goto nomem;
	}
	dev_hold(ctx->dev);
	err = slsec_ip_to_sg(skb, g->id.family, ip, g->id.addr.bytes, ctx->addr,
			     op->sg, SLSEC_HDR_LEN + clen);
	if (err >= 0) {
		u64 t0 = slsec_timing_start();

		atomic_inc(&ctx->sn->inflight);
		err = slsec_crypt_op_run(op, &k->tk->aead, false, ctx->pn,
					 alen + SLSEC_HDR_LEN, clen,
					 slsec_recv_done);
		slsec_timing_end(SLSEC_TIMING_OPEN_AEAD, t0);
		if (err == -EINPROGRESS)
			return NF_STOLEN;
		atomic_dec(&ctx->sn->inflight);
	}
	if (slsec_crypt_busy(err))
		why = SLSEC_STAT_RX_DROP_BUSY;
	else if (err < 0 && err != -EBADMSG)
		why = SLSEC_STAT_RX_DROP_NOMEM;
	else
		why = slsec_recv_finish(ctx, err);
	slsec_recv_release(op);
	if (!why)
		return NF_ACCEPT;
	slsec_stats_inc(&g->stats, why);
	return NF_DROP;

nomem:
	slsec_rxkey_put(k->rxk);
	slsec_tkey_put(k->tk);
	slsec_stats_inc(&g->stats, SLSEC_STAT_RX_DROP_NOMEM);
	return NF_DROP;
}

/**
 * slsec_receive() - open a sealed datagram to @g
 * @g:     the group it was sent to
 * @skb:   the datagram, whole, at its network header; its protocol is
 *         slsec's
 * @state: the PRE_ROUTING hook's state
 * @ip:    where the slsec header starts
 *
 * Return: a netfilter verdict; every NF_DROP is counted.
 */
unsigned int slsec_receive(struct slsec_group *g, struct sk_buff *skb,
			   const struct nf_hook_state *state,
			   const struct slsec_ip *ip)
{
	struct slsec_recv_keys k;
	const struct slsec_hdr *h;
	struct slsec_hdr hdr;
	enum slsec_stat why;
	u64 pn;

	/* Linear up to the end of the header: opening moves it in place. */
	if (skb->len < ip->hoff + SLSEC_OVERHEAD ||
	    !pskb_may_pull(skb, ip->hoff + SLSEC_HDR_LEN))
		goto bad;
	h = (const struct slsec_hdr *)(skb->data + ip->hoff);
	pn = be64_to_cpu(h->pn);
	if (!slsec_recv_hdr_ok(g, h, pn))
		goto bad;
	why = slsec_recv_keys(g, skb, h, pn, &k);
	if (why) {
		slsec_stats_inc(&g->stats, why);
		return NF_DROP;
	}
	if (!k.tk) {
		if (slsec_peers_park(g, skb, k.park, be32_to_cpu(h->sender_id)))
			return NF_STOLEN;
		slsec_stats_inc(&g->stats, SLSEC_STAT_RX_DROP_BACKLOG);
		return NF_DROP;
	}
	/* @h points into @skb, which the open rewrites: keep a copy. */
	hdr = *h;
	return slsec_recv_open(g, skb, state, ip, &hdr, &k);

bad:
	slsec_stats_inc(&g->stats, SLSEC_STAT_RX_DROP_BAD_HEADER);
	return NF_DROP;
}
