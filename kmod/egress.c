// SPDX-License-Identifier: GPL-2.0
/*
 * The egress backstop: an NF_NETDEV_EGRESS hook on every device that has
 * a bound group, the last thing before the device's queue and driver.
 *
 * LOCAL_OUT and FORWARD seal what IP itself sends on a bound device
 * (hooks.c).  Group traffic can still reach the device by paths IP's
 * hooks do not name it on: sent through an upper device stacked on it
 * (VLAN, macvlan, a bridge it is a port of, a VRF), where LOCAL_OUT sees
 * the upper device; or bridged onto it at layer 2.  Whatever reaches
 * this hook addressed to one of the device's groups must be sealed
 * already, or be group management (IGMP, MLD); anything else would
 * leave in the clear and is dropped, counted as tx_drop_unsealed.
 *
 * At netdev egress skb->data is the link-layer header, so the IP header
 * is read in place (skb_header_pointer()), never pulled or written.
 */

#include <linux/module.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter_netdev.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "egress.h"
#include "group.h"
#include "ip.h"
#include "main.h"
#include "netns.h"
#include "stats.h"

/**
 * struct slsec_egress - the backstop on one device
 * @list:    in the namespace's list (struct slsec_hooks)
 * @ops:     the hook, registered on the device
 * @ifindex: the device
 * @users:   groups bound on the device
 */
struct slsec_egress {
	struct list_head list;
	struct nf_hook_ops ops;
	u32 ifindex;
	unsigned int users;
};

/*
 * Where the IP header starts (from skb->data) and its family, or -1 for
 * anything else.  A hardware-accelerated VLAN tag is out of band: the
 * protocol is IP's and the IP header at the network header.  Tags in the
 * frame (an 802.1ad outer tag, a tag pushed in software) leave the VLAN
 * protocol in skb->protocol: the IP header follows the last tag.
 */
static int slsec_egress_l3(const struct sk_buff *skb,
			   const struct net_device *dev, u8 *family)
{
	__be16 proto = skb->protocol;
	int off = skb_network_offset(skb);

	if (unlikely(eth_type_vlan(proto))) {
		unsigned int i;

		if (dev->type != ARPHRD_ETHER || !skb_mac_header_was_set(skb))
			return -1;
		off = skb_mac_offset(skb) + ETH_HLEN;
		for (i = 0; eth_type_vlan(proto); i++) {
			const struct vlan_hdr *vh;
			struct vlan_hdr _vh;

			if (i == VLAN_MAX_DEPTH)
				return -1;
			vh = skb_header_pointer(skb, off, sizeof(_vh), &_vh);
			if (!vh)
				return -1;
			proto = vh->h_vlan_encapsulated_proto;
			off += VLAN_HLEN;
		}
	}
	if (off < 0)
		return -1;
	if (proto == htons(ETH_P_IP))
		*family = AF_INET;
	else if (proto == htons(ETH_P_IPV6))
		*family = AF_INET6;
	else
		return -1;
	return off;
}

/* The multicast destination at @off, into @id; false if not multicast. */
static bool slsec_egress_dst(const struct sk_buff *skb, int off, u8 family,
			     struct slsec_group_id *id)
{
	if (family == AF_INET) {
		const struct iphdr *iph;
		struct iphdr _iph;

		iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
		if (!iph || !ipv4_is_multicast(iph->daddr))
			return false;
		id->addr.a4 = iph->daddr;
	} else {
		const struct ipv6hdr *ip6h;
		struct ipv6hdr _ip6h;

		ip6h = skb_header_pointer(skb, off, sizeof(_ip6h), &_ip6h);
		if (!ip6h || !ipv6_addr_is_multicast(&ip6h->daddr))
			return false;
		id->addr.a6 = ip6h->daddr;
	}
	id->family = family;
	return true;
}

/* Bounded as slsec_ip6_parse() bounds it. */
#define SLSEC_EGRESS_MAX_EXTHDRS	8

/*
 * The payload's protocol and offset (from skb->data) of the datagram at
 * @off, read in place; *@frag: a fragment.  The same walk as ip.c's,
 * except that fragments are not an error: every IPv4 fragment carries
 * the protocol, and an IPv6 fragment header names the protocol of the
 * fragmentable part, which for a sealed datagram is slsec's (ip.c puts
 * the slsec header after every extension header).
 */
static int slsec_egress_parse(const struct sk_buff *skb, int off, u8 family,
			      struct slsec_ip *ip, bool *frag)
{
	const struct ipv6hdr *ip6h;
	struct ipv6hdr _ip6h;
	unsigned int i;
	u8 nexthdr;

	*frag = false;
	if (family == AF_INET) {
		const struct iphdr *iph;
		struct iphdr _iph;

		iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
		if (!iph || iph->version != 4 || iph->ihl < 5)
			return -EINVAL;
		*frag = ip_is_fragment(iph);
		ip->proto = iph->protocol;
		ip->hoff = off + iph->ihl * 4;
		return 0;
	}
	ip6h = skb_header_pointer(skb, off, sizeof(_ip6h), &_ip6h);
	if (!ip6h || ip6h->version != 6)
		return -EINVAL;
	nexthdr = ip6h->nexthdr;
	off += sizeof(*ip6h);
	for (i = 0; ipv6_ext_hdr(nexthdr) && nexthdr != NEXTHDR_NONE; i++) {
		const struct ipv6_opt_hdr *hp;
		struct ipv6_opt_hdr _hp;

		if (i == SLSEC_EGRESS_MAX_EXTHDRS)
			return -EINVAL;
		if (nexthdr == NEXTHDR_FRAGMENT) {
			const struct frag_hdr *fh;
			struct frag_hdr _fh;

			fh = skb_header_pointer(skb, off, sizeof(_fh), &_fh);
			if (!fh)
				return -EINVAL;
			*frag = true;
			nexthdr = fh->nexthdr;
			off += sizeof(_fh);
			/* A later fragment: only data follows. */
			if (fh->frag_off & htons(IP6_OFFSET))
				break;
			continue;
		}
		hp = skb_header_pointer(skb, off, sizeof(_hp), &_hp);
		if (!hp)
			return -EINVAL;
		off += nexthdr == NEXTHDR_AUTH ? ipv6_authlen(hp)
					       : ipv6_optlen(hp);
		nexthdr = hp->nexthdr;
	}
	ip->proto = nexthdr;
	ip->hoff = off;
	return 0;
}

static unsigned int slsec_egress_hook(void *priv, struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	struct slsec_group_id id;
	struct slsec_ip ip = {};
	struct slsec_group *g;
	bool frag;
	u8 family;
	int off, err;

	/* The fast path: anything but IP multicast leaves at once... */
	off = slsec_egress_l3(skb, state->out, &family);
	if (off < 0)
		return NF_ACCEPT;
	memset(&id, 0, sizeof(id));
	if (!slsec_egress_dst(skb, off, family, &id))
		return NF_ACCEPT;
	/* ... and so does a sealed datagram, without a lookup. */
	err = slsec_egress_parse(skb, off, family, &ip, &frag);
	if (!err && ip.proto == slsec_ipproto)
		return NF_ACCEPT;
	id.ifindex = state->out->ifindex;
	g = slsec_group_lookup(priv, &id);
	if (!g)
		return NF_ACCEPT;
	/* IGMP and MLD messages are small and never fragmented. */
	if (!err && !frag && slsec_ip_is_mgmt(skb, family, &ip))
		return NF_ACCEPT;
	slsec_stats_inc(&g->stats, SLSEC_STAT_TX_DROP_UNSEALED);
	return NF_DROP;
}

static struct slsec_egress *slsec_egress_find(struct list_head *devs,
					      u32 ifindex)
{
	struct slsec_egress *e;

	list_for_each_entry(e, devs, list)
		if (e->ifindex == ifindex)
			return e;
	return NULL;
}

/**
 * slsec_egress_get() - a group is bound on a device: its backstop
 * @sn:      the namespace's state
 * @devs:    the namespace's backstops
 * @ifindex: the device
 * @extack:  for the reason of a refusal
 *
 * Under the RTNL and slsec_net.lock.  The first group on a device
 * registers the hook; a kernel without netdev egress hooks refuses the
 * group, since nothing would keep its traffic from leaving unsealed.
 *
 * Return: 0 or a negative errno.
 */
int slsec_egress_get(struct slsec_net *sn, struct list_head *devs,
		     u32 ifindex, struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct slsec_egress *e;
	int err;

	ASSERT_RTNL();
	lockdep_assert_held(&sn->lock);
	e = slsec_egress_find(devs, ifindex);
	if (e) {
		e->users++;
		return 0;
	}
	if (!IS_ENABLED(CONFIG_NETFILTER_EGRESS)) {
		NL_SET_ERR_MSG(extack,
			       "kernel without netfilter egress hooks (CONFIG_NETFILTER_EGRESS): group traffic could leave the device unsealed");
		return -EOPNOTSUPP;
	}
	dev = __dev_get_by_index(sn->net, ifindex);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "no such device in this network namespace");
		return -ENODEV;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL_ACCOUNT);
	if (!e)
		return -ENOMEM;
	e->ops.hook = slsec_egress_hook;
	e->ops.pf = NFPROTO_NETDEV;
	e->ops.hooknum = NF_NETDEV_EGRESS;
	e->ops.priority = INT_MAX;	/* after any other egress hook */
	e->ops.dev = dev;
	e->ops.priv = sn;
	err = nf_register_net_hook(sn->net, &e->ops);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot register the egress hook on this device");
		kfree(e);
		return err;
	}
	e->ifindex = ifindex;
	e->users = 1;
	list_add(&e->list, devs);
	return 0;
}

/**
 * slsec_egress_put() - a group on a device is gone
 * @sn:      the namespace's state
 * @devs:    the namespace's backstops
 * @ifindex: the device
 *
 * Under slsec_net.lock.  The last group takes the hook away.  The device
 * is still there: a device's groups go (and with them its hook) in the
 * NETDEV_UNREGISTER notifier (group.c), and on namespace exit before any
 * device is unregistered (netns.c).
 */
void slsec_egress_put(struct slsec_net *sn, struct list_head *devs,
		      u32 ifindex)
{
	struct slsec_egress *e = slsec_egress_find(devs, ifindex);

	lockdep_assert_held(&sn->lock);
	if (WARN_ON_ONCE(!e) || --e->users)
		return;
	nf_unregister_net_hook(sn->net, &e->ops);
	list_del(&e->list);
	kfree(e);
}
