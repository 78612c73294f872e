// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter hooks.  A namespace has them only while it has groups: the
 * first group registers them, the last one takes them away, so a
 * namespace without groups pays nothing.
 *
 *   LOCAL_OUT, last:           seal datagrams to a group (send.c)
 *   FORWARD, last:             seal datagrams to a group that the host
 *                              forwards onto the group's device (a relay:
 *                              multicast routing), with its own sender id
 *   PRE_ROUTING, defrag + 1:   reassemble and open them (receive.c);
 *                              drop or count plaintext to a group
 *   NF_NETDEV_EGRESS, last,    the backstop (egress.c): drop what would
 *   on each bound device:      leave the device unsealed by any other
 *                              path (an upper device: VLAN, macvlan,
 *                              bridge, VRF; layer-2 forwarding)
 *
 * So nothing to a group leaves its device in the clear but IGMP and MLD.
 * Datagrams to any other address pass untouched: their fragments are
 * left to IP's reassembly (or to conntrack's, whose defragmentation runs
 * just before slsec's hook when it is there).
 */

#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "egress.h"
#include "group.h"
#include "hooks.h"
#include "timing.h"
#include "ip.h"
#include "main.h"
#include "netns.h"
#include "receive.h"
#include "send.h"
#include "stats.h"

/**
 * struct slsec_hooks - a namespace's hooks
 * @ops:    the hooks, registered in that namespace
 * @egress: the backstops on the devices with groups (egress.c)
 * @users:  groups in the namespace
 */
struct slsec_hooks {
	struct nf_hook_ops ops[6];
	struct list_head egress;
	unsigned int users;
};

static u8 slsec_hook_family(const struct nf_hook_state *state)
{
	return state->pf == NFPROTO_IPV4 ? AF_INET : AF_INET6;
}

/* The group a datagram is addressed to on @dev, under RCU. */
static struct slsec_group *slsec_hook_group(struct slsec_net *sn,
					    struct sk_buff *skb, u8 family,
					    const struct net_device *dev)
{
	struct slsec_group_id id;

	if (!dev)
		return NULL;
	memset(&id, 0, sizeof(id));
	if (family == AF_INET) {
		if (!ipv4_is_multicast(ip_hdr(skb)->daddr))
			return NULL;
		id.addr.a4 = ip_hdr(skb)->daddr;
	} else {
		if (!ipv6_addr_is_multicast(&ipv6_hdr(skb)->daddr))
			return NULL;
		id.addr.a6 = ipv6_hdr(skb)->daddr;
	}
	id.ifindex = dev->ifindex;
	id.family = family;
	return slsec_group_lookup(sn, &id);
}

static unsigned int slsec_hook_out(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	u8 family = slsec_hook_family(state);
	u64 t0 = slsec_timing_start();
	struct slsec_group *g;
	struct slsec_ip ip;
	unsigned int v;

	g = slsec_hook_group(priv, skb, family, state->out);
	if (!g)
		return NF_ACCEPT;
	if (slsec_ip_parse(skb, family, &ip)) {
		/* Nothing leaves in the clear, not even a malformed datagram. */
		slsec_stats_inc(&g->stats, SLSEC_STAT_TX_DROP_ERROR);
		return NF_DROP;
	}
	if (slsec_ip_is_mgmt(skb, family, &ip))
		return NF_ACCEPT;
	v = slsec_send(g, skb, state, &ip);
	slsec_timing_end(SLSEC_TIMING_SEAL, t0);
	return v;
}

/*
 * A datagram this host forwards (multicast routing: ipmr_queue_xmit(),
 * ip6mr_forward2()) onto a device with its group: sealed as this host's
 * own, since the group's receivers know this host's sender id and not
 * the source's.  The route is the output's, the TTL or hop limit already
 * decremented (outside the AAD), the IPv4 checksum redone on sealing.
 */
static unsigned int slsec_hook_fwd(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	u8 family = slsec_hook_family(state);
	struct slsec_group *g;
	struct slsec_ip ip;
	int err;

	g = slsec_hook_group(priv, skb, family, state->out);
	if (!g)
		return NF_ACCEPT;
	err = slsec_ip_parse(skb, family, &ip);
	if (err) {
		/*
		 * Multicast routing forwards fragments one by one, and a
		 * fragment cannot be sealed alone: a relay needs whole
		 * datagrams (or conntrack's defragmentation).
		 */
		slsec_stats_inc(&g->stats, err == -EAGAIN ?
				SLSEC_STAT_TX_DROP_UNSEALED :
				SLSEC_STAT_TX_DROP_ERROR);
		return NF_DROP;
	}
	/* Sealed upstream: forwarded as it is, for its receivers to open. */
	if (ip.proto == slsec_ipproto || slsec_ip_is_mgmt(skb, family, &ip))
		return NF_ACCEPT;
	/* The checksum received with the data no longer covers it. */
	if (skb->ip_summed != CHECKSUM_PARTIAL)
		skb->ip_summed = CHECKSUM_NONE;
	return slsec_send(g, skb, state, &ip);
}

static unsigned int slsec_hook_in(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	u8 family = slsec_hook_family(state);
	u64 t0 = slsec_timing_start();
	struct slsec_group *g;
	struct slsec_ip ip;
	unsigned int v;
	int err;

	g = slsec_hook_group(priv, skb, family, state->in);
	if (!g)
		return NF_ACCEPT;
	err = slsec_ip_parse(skb, family, &ip);
	if (err == -EAGAIN) {
		err = slsec_ip_defrag(state->net, skb, family);
		if (err == -EINPROGRESS)
			return NF_STOLEN;
		if (err) {
			slsec_stats_inc(&g->stats, SLSEC_STAT_RX_DROP_BAD_HEADER);
			return NF_STOLEN;	/* reassembly dropped it */
		}
		err = slsec_ip_parse(skb, family, &ip);
	}
	if (err) {
		slsec_stats_inc(&g->stats, SLSEC_STAT_RX_DROP_BAD_HEADER);
		return NF_DROP;
	}
	if (ip.proto == slsec_ipproto) {
		v = slsec_receive(g, skb, state, &ip);
		slsec_timing_end(SLSEC_TIMING_OPEN, t0);
		return v;
	}
	if (slsec_ip_is_mgmt(skb, family, &ip))
		return NF_ACCEPT;
	if (READ_ONCE(g->cfg.mode) == SLSEC_MODE_PERMISSIVE) {
		slsec_stats_inc(&g->stats, SLSEC_STAT_RX_PLAINTEXT);
		return NF_ACCEPT;
	}
	slsec_stats_inc(&g->stats, SLSEC_STAT_RX_DROP_PLAINTEXT);
	return NF_DROP;
}

/**
 * slsec_hooks_in_index() - where slsec's PRE_ROUTING hook sits
 * @net: the namespace
 * @pf:  NFPROTO_IPV4 or NFPROTO_IPV6
 * @sn:  its slsec state (the hook's priv)
 * @ep:  set to the namespace's PRE_ROUTING hook table
 *
 * Under RCU.  For resuming a traversal after slsec's hook with
 * nf_hook_slow(), as NF_QUEUE's reinjection does.
 * Return: the index in *@ep, or -ENOENT.
 */
int slsec_hooks_in_index(struct net *net, u8 pf, const struct slsec_net *sn,
			 const struct nf_hook_entries **ep)
{
	const struct nf_hook_entries *e;
	unsigned int i;

	if (pf == NFPROTO_IPV4)
		e = rcu_dereference(net->nf.hooks_ipv4[NF_INET_PRE_ROUTING]);
	else
		e = rcu_dereference(net->nf.hooks_ipv6[NF_INET_PRE_ROUTING]);
	*ep = e;
	for (i = 0; e && i < e->num_hook_entries; i++)
		if (e->hooks[i].hook == slsec_hook_in && e->hooks[i].priv == sn)
			return i;
	return -ENOENT;
}

static const struct nf_hook_ops slsec_hook_ops[] = {
	{
		.hook = slsec_hook_out,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = NF_IP_PRI_LAST,
	},
	{
		.hook = slsec_hook_in,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NF_IP_PRI_CONNTRACK_DEFRAG + 1,
	},
	{
		.hook = slsec_hook_fwd,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_FORWARD,
		.priority = NF_IP_PRI_LAST,
	},
	{
		.hook = slsec_hook_out,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = NF_IP6_PRI_LAST,
	},
	{
		.hook = slsec_hook_fwd,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_FORWARD,
		.priority = NF_IP6_PRI_LAST,
	},
	{
		.hook = slsec_hook_in,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NF_IP6_PRI_CONNTRACK_DEFRAG + 1,
	},
};

static int slsec_hooks_register(struct slsec_net *sn, struct slsec_hooks *h,
				struct netlink_ext_ack *extack)
{
	struct net *net = sn->net;
	unsigned int i;
	int err;

	BUILD_BUG_ON(ARRAY_SIZE(slsec_hook_ops) != ARRAY_SIZE(h->ops));
	for (i = 0; i < ARRAY_SIZE(h->ops); i++) {
		h->ops[i] = slsec_hook_ops[i];
		h->ops[i].priv = sn;
	}
	err = nf_register_net_hooks(net, h->ops, ARRAY_SIZE(h->ops));
	if (err)
		NL_SET_ERR_MSG(extack, "cannot register netfilter hooks");
	return err;
}

/*
 * Under the RTNL and slsec_net.lock: a new group on device @ifindex needs
 * the namespace's hooks and the device's backstop.
 */
int slsec_hooks_get(struct slsec_net *sn, u32 ifindex,
		    struct netlink_ext_ack *extack)
{
	struct slsec_hooks *h = sn->hooks;
	int err;

	lockdep_assert_held(&sn->lock);
	if (!h) {
		h = kzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);
		if (!h)
			return -ENOMEM;
		INIT_LIST_HEAD(&h->egress);
		err = slsec_hooks_register(sn, h, extack);
		if (err) {
			kfree(h);
			return err;
		}
	}
	err = slsec_egress_get(sn, &h->egress, ifindex, extack);
	if (err) {
		if (!h->users) {
			nf_unregister_net_hooks(sn->net, h->ops,
						ARRAY_SIZE(h->ops));
			kfree(h);
		}
		return err;
	}
	h->users++;
	sn->hooks = h;
	return 0;
}

/* Under slsec_net.lock: a group is gone; the last one takes the hooks. */
void slsec_hooks_put(struct slsec_net *sn, u32 ifindex)
{
	struct slsec_hooks *h = sn->hooks;

	lockdep_assert_held(&sn->lock);
	slsec_egress_put(sn, &h->egress, ifindex);
	if (--h->users)
		return;
	WARN_ON_ONCE(!list_empty(&h->egress));
	nf_unregister_net_hooks(sn->net, h->ops, ARRAY_SIZE(h->ops));
	sn->hooks = NULL;
	kfree(h);
}
