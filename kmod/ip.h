/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_IP_H
#define _SLSEC_IP_H

#include <linux/types.h>

struct scatterlist;
struct sk_buff;

/**
 * struct slsec_ip - where a datagram's payload starts, from skb->data
 *	(the network header) on
 * @hoff:  offset of the payload: the transport header, or the slsec
 *         header of a sealed datagram; the IP header and any IPv6
 *         extension headers before it are linear
 * @nhoff: offset of the byte that names @proto (IPv4 protocol, IPv6 next
 *         header of the fixed header or of the last extension header)
 * @proto: the payload's IP protocol
 */
struct slsec_ip {
	unsigned int hoff;
	unsigned int nhoff;
	u8 proto;
};

struct net;

int slsec_ip_parse(struct sk_buff *skb, u8 family, struct slsec_ip *ip);
int slsec_ip_defrag(struct net *net, struct sk_buff *skb, u8 family);
bool slsec_ip_is_mgmt(struct sk_buff *skb, u8 family,
		      const struct slsec_ip *ip);
bool slsec_ip_fits(const struct sk_buff *skb, u8 family, unsigned int grow);
void slsec_ip_set_len(struct sk_buff *skb, u8 family);
int slsec_ip_to_sg(struct sk_buff *skb, u8 family, const struct slsec_ip *ip,
		   const u8 *addr, u8 *copy, struct scatterlist *sg,
		   unsigned int len);

#endif /* _SLSEC_IP_H */
