// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 and IPv6 header walking for the hooks: where the payload begins,
 * which byte names its protocol, and rewriting lengths after slsec grew
 * or shrank a datagram.
 */

#include <linux/module.h>
#include <linux/skbuff.h>
#include <linux/scatterlist.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmpv6.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ipv6_frag.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>
#include <kunit/visibility.h>

#include "ip.h"

static int slsec_ip4_parse(struct sk_buff *skb, struct slsec_ip *ip)
{
	const struct iphdr *iph;

	if (!pskb_may_pull(skb, sizeof(*iph)))
		return -EINVAL;
	iph = ip_hdr(skb);
	if (iph->ihl < 5 || !pskb_may_pull(skb, iph->ihl * 4))
		return -EINVAL;
	iph = ip_hdr(skb);
	/* Not a whole datagram yet: slsec_ip_defrag() first. */
	if (ip_is_fragment(iph))
		return -EAGAIN;
	ip->nhoff = offsetof(struct iphdr, protocol);
	ip->hoff = iph->ihl * 4;
	ip->proto = iph->protocol;
	return 0;
}

/* Bounded: no datagram legitimately carries more extension headers. */
#define SLSEC_IP6_MAX_EXTHDRS	8

static int slsec_ip6_parse(struct sk_buff *skb, struct slsec_ip *ip)
{
	unsigned int off = sizeof(struct ipv6hdr), i;
	u8 nexthdr;

	if (!pskb_may_pull(skb, off))
		return -EINVAL;
	nexthdr = ipv6_hdr(skb)->nexthdr;
	ip->nhoff = offsetof(struct ipv6hdr, nexthdr);
	for (i = 0; ipv6_ext_hdr(nexthdr) && nexthdr != NEXTHDR_NONE; i++) {
		struct ipv6_opt_hdr _hp;
		const struct ipv6_opt_hdr *hp;

		if (nexthdr == NEXTHDR_FRAGMENT)
			return -EAGAIN;
		if (i == SLSEC_IP6_MAX_EXTHDRS)
			return -EINVAL;
		hp = skb_header_pointer(skb, off, sizeof(_hp), &_hp);
		if (!hp)
			return -EINVAL;
		ip->nhoff = off;
		nexthdr = hp->nexthdr;
		off += nexthdr == NEXTHDR_AUTH ? ipv6_authlen(hp)
					       : ipv6_optlen(hp);
	}
	if (!pskb_may_pull(skb, off))
		return -EINVAL;
	ip->hoff = off;
	ip->proto = nexthdr;
	return 0;
}

/**
 * slsec_ip_parse() - find a datagram's payload
 * @skb:    at its network header
 * @family: AF_INET or AF_INET6
 * @ip:     the result
 *
 * Return: 0, -EAGAIN for a fragment (slsec_ip_defrag()), or -EINVAL for
 * a truncated or malformed header.
 */
int slsec_ip_parse(struct sk_buff *skb, u8 family, struct slsec_ip *ip)
{
	if (family == AF_INET)
		return slsec_ip4_parse(skb, ip);
	return slsec_ip6_parse(skb, ip);
}
EXPORT_SYMBOL_IF_KUNIT(slsec_ip_parse);

/**
 * slsec_ip_defrag() - gather the fragments of a datagram to a group
 * @net:    its namespace
 * @skb:    a fragment, at its network header
 * @family: AF_INET or AF_INET6
 *
 * Only datagrams slsec must open are reassembled here, with the
 * reassembly queues netfilter's defragmentation uses (IP's own, and
 * nf_defrag_ipv6's); every other fragment is left to IP, later.  Under
 * RCU, at PRE_ROUTING.
 *
 * Return: 0 with @skb the whole datagram; -EINPROGRESS when @skb waits
 * for the rest; another errno when reassembly refused it.  Unless 0,
 * @skb is no longer the caller's.
 */
int slsec_ip_defrag(struct net *net, struct sk_buff *skb, u8 family)
{
	int err;

	if (family == AF_INET) {
		local_bh_disable();
		err = ip_defrag(net, skb, IP_DEFRAG_CONNTRACK_IN);
		local_bh_enable();
	} else {
		err = nf_ct_frag6_gather(net, skb, IP6_DEFRAG_CONNTRACK_IN);
		if (err && err != -EINPROGRESS)
			kfree_skb(skb);
	}
	if (!err)
		skb->ignore_df = 1;	/* may be forwarded, refragmented */
	return err;
}

/*
 * Group management (IGMP, MLD) stays readable: multicast routers and
 * snooping switches must see who joins, and it carries no payload.
 */
bool slsec_ip_is_mgmt(struct sk_buff *skb, u8 family,
		      const struct slsec_ip *ip)
{
	u8 _type;
	const u8 *type;

	if (family == AF_INET)
		return ip->proto == IPPROTO_IGMP;
	if (ip->proto != IPPROTO_ICMPV6)
		return false;
	type = skb_header_pointer(skb, ip->hoff, sizeof(_type), &_type);
	if (!type)
		return false;
	switch (*type) {
	case ICMPV6_MGM_QUERY:
	case ICMPV6_MGM_REPORT:
	case ICMPV6_MGM_REDUCTION:
	case ICMPV6_MLD2_REPORT:
		return true;
	}
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_ip_is_mgmt);

/**
 * slsec_ip_fits() - whether a datagram grown by @grow bytes still fits
 *	its IP length field
 * @skb:    the datagram, at its network header
 * @family: AF_INET or AF_INET6
 * @grow:   bytes sealing adds
 *
 * IPv4's total length and IPv6's payload length are 16 bits; past them
 * slsec_ip_set_len() would wrap the field and send a datagram whose
 * header names a length it does not have.  (A GSO datagram is segmented
 * before this is asked, and a jumbogram is not sent to a group.)
 *
 * Return: true when the sealed datagram's length is representable.
 */
bool slsec_ip_fits(const struct sk_buff *skb, u8 family, unsigned int grow)
{
	unsigned int len = skb->len + grow;

	if (family == AF_INET6)
		len -= sizeof(struct ipv6hdr);
	return len <= U16_MAX;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_ip_fits);

/* After the datagram's length changed: IPv4 total length and checksum,
 * or the IPv6 payload length.
 */
void slsec_ip_set_len(struct sk_buff *skb, u8 family)
{
	if (family == AF_INET) {
		struct iphdr *iph = ip_hdr(skb);

		iph->tot_len = htons(skb->len);
		ip_send_check(iph);
	} else {
		ipv6_hdr(skb)->payload_len =
			htons(skb->len - sizeof(struct ipv6hdr));
	}
}
EXPORT_SYMBOL_IF_KUNIT(slsec_ip_set_len);

/**
 * slsec_ip_to_sg() - describe a datagram's AAD, text and tag for the AEAD
 * @skb:    the datagram, at its network header; the IP header and the
 *          slsec header at @ip->hoff are linear
 * @family: AF_INET or AF_INET6
 * @ip:     where the slsec header starts
 * @addr:   the group address, AAD's first part (4 or 16 bytes)
 * @copy:   as many bytes that outlive the operation, for a copy of @addr
 * @sg:     skb_cow_data()'s count plus one entries
 * @len:    bytes from the slsec header on (header, text and tag)
 *
 * Without IPv4 options or IPv6 extension headers the destination address,
 * which is the group address, ends exactly where the slsec header starts:
 * AAD and text are then one run of bytes, and AES-NI's GCM reads the AAD
 * in place instead of copying it into a buffer it allocates per datagram
 * (gcmaes_crypt_by_sg() in 6.1).  Otherwise the AAD starts with @copy.
 *
 * Return: 0, or a negative errno from skb_to_sgvec().
 */
int slsec_ip_to_sg(struct sk_buff *skb, u8 family, const struct slsec_ip *ip,
		   const u8 *addr, u8 *copy, struct scatterlist *sg,
		   unsigned int len)
{
	unsigned int alen = family == AF_INET ? 4 : 16;
	unsigned int daddr = family == AF_INET ? offsetof(struct iphdr, daddr)
					       : offsetof(struct ipv6hdr, daddr);
	int err;

	if (ip->hoff == daddr + alen &&
	    !memcmp(skb->data + daddr, addr, alen)) {
		err = skb_to_sgvec(skb, sg, daddr, alen + len);
	} else {
		memcpy(copy, addr, alen);
		sg_set_buf(sg, copy, alen);
		err = skb_to_sgvec(skb, sg + 1, ip->hoff, len);
	}
	return min(err, 0);
}
