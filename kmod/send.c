// SPDX-License-Identifier: GPL-2.0
/*
 * Egress: seal a datagram to a protected group, at NF_INET_LOCAL_OUT (or
 * NF_INET_FORWARD, for a relay) after every other hook, before IPv4's
 * loopback clone, fragmentation and GSO segmentation
 * (Documentation/design.rst, "Data path").
 *
 *   IP | [ext] | payload          ->  IP | [ext] | slsec hdr | ct | tag
 *
 * The IP protocol (IPv6: the last next-header field) becomes slsec's and
 * moves into the slsec header.  A GSO datagram is segmented first and each
 * segment sealed on its own.  An asynchronous AEAD steals the skb and the
 * completion sends it on through the hook's okfn.
 */

#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <net/dst.h>
#include <linux/scatterlist.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/sock.h>

#include "aead.h"
#include "compat.h"
#include "group.h"
#include "fresh.h"
#include "ip.h"
#include "key.h"
#include "lifecycle.h"
#include "main.h"
#include "messages.h"
#include "netns.h"
#include "replay.h"
#include "send.h"
#include "stats.h"
#include "timing.h"
#include "tkey.h"

/**
 * struct slsec_send_ctx - a seal in flight, in its slsec_crypt_op
 * @skb:   the datagram
 * @g:     its group (a reference)
 * @tk:    the traffic key (a reference)
 * @sn:    the namespace's state, for the in-flight count
 * @dev:   the output device (a reference, as nf_queue takes)
 * @net:   to send on with
 * @okfn:  the hook's continuation
 * @len:   IP length before sealing, for the counters
 * @addr:  AAD's first part: the group address
 */
struct slsec_send_ctx {
	struct sk_buff *skb;
	struct slsec_group *g;
	struct slsec_tkey *tk;
	struct slsec_net *sn;
	struct net_device *dev;
	struct net *net;
	int (*okfn)(struct net *net, struct sock *sk, struct sk_buff *skb);
	unsigned int len;
	u8 addr[16];
};

static void slsec_send_release(struct slsec_crypt_op *op)
{
	struct slsec_send_ctx *ctx = (void *)op->ctx;

	dev_put(ctx->dev);
	slsec_tkey_put(ctx->tk);
	slsec_group_put(ctx->g);
	slsec_crypt_op_free(op);
}

static void slsec_send_done(struct slsec_crypt_op *op, int err)
{
	struct slsec_send_ctx *ctx = (void *)op->ctx;
	struct slsec_net *sn = ctx->sn;
	struct sk_buff *skb = ctx->skb;

	if (err) {
		slsec_stats_inc(&ctx->g->stats, SLSEC_STAT_TX_DROP_ERROR);
		kfree_skb(skb);
	} else {
		slsec_stats_pkt(&ctx->g->stats, SLSEC_STAT_TX_PACKETS,
				ctx->len);
		local_bh_disable();
		rcu_read_lock();
		ctx->okfn(ctx->net, skb->sk, skb);
		rcu_read_unlock();
		local_bh_enable();
	}
	slsec_send_release(op);
	if (atomic_dec_and_test(&sn->inflight))
		wake_up_var(&sn->inflight);
}

/**
 * struct slsec_send_id - what names a sealed datagram's traffic key and
 *	nonce on the wire
 * @install: the sending key's installation
 * @pn:      the datagram's packet number
 * @key_id:  the group key
 */
struct slsec_send_id {
	u64 install;
	u64 pn;
	u8 key_id;
};

/*
 * This host's packet number and traffic key for the next datagram of
 * @len bytes, or NULL and why not.
 */
static struct slsec_tkey *slsec_send_key(struct slsec_group *g,
					 unsigned int len,
					 struct slsec_send_id *id,
					 enum slsec_stat *why)
{
	unsigned int shift = slsec_alg_get(g->cfg.alg)->epoch_shift;
	struct slsec_key *key = rcu_dereference(g->tx_key);
	u64 limit = slsec_pn_limit(shift);
	struct slsec_tkey *tk;
	u64 *pn = &id->pn;
	u32 epoch;
	int use;

	*why = SLSEC_STAT_TX_DROP_NO_KEY;
	if (!key) {
		if (READ_ONCE(g->tx_expired))
			*why = SLSEC_STAT_TX_DROP_KEY_EXPIRED;
		return NULL;
	}
	if (slsec_pn_take(&key->tx_pn, limit, pn)) {
		*why = SLSEC_STAT_TX_DROP_KEY_EXPIRED;	/* numbers ran out */
		slsec_life_kick(g);
		return NULL;
	}
	use = slsec_key_tx_account(key, *pn, len);
	if (use || *pn == slsec_pn_warn_at(limit))
		slsec_life_kick(g);	/* a lifetime limit, or PN near end */
	if (use < 0) {
		*why = SLSEC_STAT_TX_DROP_KEY_EXPIRED;
		return NULL;
	}
	epoch = slsec_pn_epoch(*pn, shift);
	/* Halfway through an epoch, make the next epoch's key. */
	if ((*pn & ((1ULL << shift) - 1)) == 1ULL << (shift - 1))
		slsec_group_schedule(g);
	tk = slsec_tkey_get(slsec_tkey_pick(key->tx, epoch));
	if (!tk)
		slsec_group_schedule(g);
	id->key_id = key->id;
	id->install = key->install;
	return tk;
}

/*
 * Data writable, room for the tag behind and for the header: in front
 * when there is headroom (the IP header then moves back), else behind
 * (the payload moves on).  A UDP socket's skb has only the link layer's
 * headroom, and growing the head reallocates and copies the whole
 * datagram; moving the payload of a linear skb within its tailroom is
 * one short memmove.
 */
static int slsec_send_prepare(struct sk_buff *skb, unsigned int *nfrags,
			      struct sk_buff **trailer)
{
	unsigned int tail = SLSEC_TAG_LEN;
	int n;

	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return -ENOMEM;
	if (skb_headroom(skb) < SLSEC_HDR_LEN && !skb_has_frag_list(skb))
		tail += SLSEC_HDR_LEN;
	/* Leaves an skb without a frag list linear, with @tail to spare. */
	n = skb_cow_data(skb, tail, trailer);
	if (n < 0)
		return n;
	if (tail == SLSEC_TAG_LEN && skb_cow_head(skb, SLSEC_HDR_LEN))
		return -ENOMEM;
	*nfrags = n;
	return 0;
}

/* A gap for the header at @hoff, where slsec_send_prepare() made room. */
static void slsec_send_gap(struct sk_buff *skb, unsigned int hoff)
{
	unsigned int plen = skb->len - hoff;

	if (skb_headroom(skb) >= SLSEC_HDR_LEN) {
		skb_push(skb, SLSEC_HDR_LEN);
		memmove(skb->data, skb->data + SLSEC_HDR_LEN, hoff);
	} else {
		__skb_put(skb, SLSEC_HDR_LEN);
		memmove(skb->data + hoff + SLSEC_HDR_LEN, skb->data + hoff,
			plen);
	}
}

static void slsec_send_frame(struct slsec_group *g, struct sk_buff *skb,
			     const struct slsec_ip *ip,
			     const struct slsec_send_id *id,
			     struct sk_buff *trailer)
{
	struct slsec_hdr *h;

	slsec_send_gap(skb, ip->hoff);
	pskb_put(skb, trailer, SLSEC_TAG_LEN);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, ip->hoff);
	h = (struct slsec_hdr *)(skb->data + ip->hoff);
	h->version = SLSEC_WIRE_VERSION;
	h->next_proto = ip->proto;
	h->key_id = id->key_id;
	h->flags = 0;
	h->sender_id = cpu_to_be32(g->cfg.sender);
	h->install = cpu_to_be64(id->install);
	h->ts = cpu_to_be32((u32)slsec_now_ms());
	h->pn = cpu_to_be64(id->pn);
	skb->data[ip->nhoff] = slsec_ipproto;
	slsec_ip_set_len(skb, g->id.family);
}

/*
 * Seal one (non-GSO) datagram: NF_ACCEPT, NF_STOLEN (async), NF_DROP, or
 * NF_DROP_ERR(-EMSGSIZE) when it would not fit the IP length sealed.
 */
static unsigned int slsec_seal(struct slsec_group *g, struct sk_buff *skb,
			       const struct nf_hook_state *state,
			       const struct slsec_ip *ip)
{
	unsigned int alen = g->id.family == AF_INET ? 4 : 16;
	unsigned int len = skb->len, plen = skb->len - ip->hoff, nfrags;
	u64 t0;
	enum slsec_stat why = SLSEC_STAT_TX_DROP_NOMEM;
	struct slsec_send_ctx *ctx;
	struct slsec_crypt_op *op;
	struct sk_buff *trailer;
	struct slsec_send_id id;
	struct slsec_tkey *tk;
	int err;

	/* Before a packet number is spent on it: sealed, it would wrap the
	 * IP length.  The sending socket gets EMSGSIZE (ip_local_out()
	 * returns the hook's error to udp_sendmsg()).
	 */
	if (!slsec_ip_fits(skb, g->id.family, SLSEC_OVERHEAD)) {
		slsec_stats_inc(&g->stats, SLSEC_STAT_TX_DROP_TOO_BIG);
		return NF_DROP_ERR(-EMSGSIZE);
	}
	tk = slsec_send_key(g, len, &id, &why);
	if (!tk) {
		slsec_stats_inc(&g->stats, why);
		return NF_DROP;
	}
	why = SLSEC_STAT_TX_DROP_NOMEM;
	if (slsec_send_prepare(skb, &nfrags, &trailer))
		goto drop;
	op = slsec_crypt_op_alloc(&tk->aead, sizeof(*ctx), nfrags + 1,
				  GFP_ATOMIC);
	if (!op)
		goto drop;
	ctx = (void *)op->ctx;
	slsec_send_frame(g, skb, ip, &id, trailer);
	err = slsec_ip_to_sg(skb, g->id.family, ip, g->id.addr.bytes, ctx->addr,
			     op->sg, SLSEC_HDR_LEN + plen + SLSEC_TAG_LEN);
	if (unlikely(err < 0)) {
		why = SLSEC_STAT_TX_DROP_ERROR;
		goto drop_op;
	}
	ctx->skb = skb;
	/* The skb may outlive this hook: its route and device must too. */
	if (skb_dst(skb) && !skb_dst_force(skb))
		goto drop_op;
	ctx->g = slsec_group_get(g);
	if (!ctx->g)
		goto drop_op;
	ctx->dev = state->out;
	dev_hold(ctx->dev);
	ctx->tk = tk;
	ctx->sn = slsec_net(state->net);
	ctx->net = state->net;
	ctx->okfn = state->okfn;
	ctx->len = len;
	atomic_inc(&ctx->sn->inflight);
	t0 = slsec_timing_start();
	err = slsec_crypt_op_run(op, &tk->aead, true, id.pn,
				 alen + SLSEC_HDR_LEN, plen, slsec_send_done);
	slsec_timing_end(SLSEC_TIMING_SEAL_AEAD, t0);
	if (err == -EINPROGRESS)
		return NF_STOLEN;
	atomic_dec(&ctx->sn->inflight);
	if (err) {
		slsec_stats_inc(&g->stats, slsec_crypt_busy(err) ?
				SLSEC_STAT_TX_DROP_BUSY : SLSEC_STAT_TX_DROP_ERROR);
		slsec_send_release(op);
		return NF_DROP;
	}
	slsec_stats_pkt(&g->stats, SLSEC_STAT_TX_PACKETS, len);
	slsec_send_release(op);
	return NF_ACCEPT;

drop_op:
	slsec_crypt_op_free(op);
drop:
	slsec_stats_inc(&g->stats, why);
	slsec_tkey_put(tk);
	return NF_DROP;
}

/* A GSO datagram: segment it, seal and send each segment. */
static unsigned int slsec_send_gso(struct slsec_group *g, struct sk_buff *skb,
				   const struct nf_hook_state *state,
				   const struct slsec_ip *ip)
{
	struct sk_buff *segs, *seg, *next;

	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs)) {
		slsec_stats_inc(&g->stats, SLSEC_STAT_TX_DROP_ERROR);
		return NF_DROP;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, seg, next) {
		struct slsec_ip sip;

		skb_mark_not_on_list(seg);
		if (slsec_ip_parse(seg, g->id.family, &sip)) {
			slsec_stats_inc(&g->stats, SLSEC_STAT_TX_DROP_ERROR);
			kfree_skb(seg);
			continue;
		}
		switch (slsec_seal(g, seg, state, &sip) & NF_VERDICT_MASK) {
		case NF_ACCEPT:
			state->okfn(state->net, state->sk, seg);
			break;
		case NF_DROP:
			kfree_skb(seg);
			break;
		}
	}
	return NF_STOLEN;
}

/**
 * slsec_send() - seal a datagram to @g
 * @g:     the group it is sent to
 * @skb:   the datagram, at its network header
 * @state: the LOCAL_OUT or FORWARD hook's state
 * @ip:    where its payload starts
 *
 * Return: a netfilter verdict; every NF_DROP is counted.
 */
unsigned int slsec_send(struct slsec_group *g, struct sk_buff *skb,
			const struct nf_hook_state *state,
			const struct slsec_ip *ip)
{
	if (skb_is_gso(skb))
		return slsec_send_gso(g, skb, state, ip);
	return slsec_seal(g, skb, state, ip);
}
