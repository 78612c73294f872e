// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: IPv4/IPv6 header walking (where the slsec header goes and which
 * byte names the protocol), what counts as group management, and the
 * length fix-ups after sealing or opening.
 */
#include <kunit/test.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmpv6.h>
#include <linux/skbuff.h>
#include <net/checksum.h>
#include <net/ip.h>

#include "ip.h"

/* An skb holding @len bytes of @data at its network header. */
static struct sk_buff *ip_skb(struct kunit *test, const void *data,
			      unsigned int len)
{
	struct sk_buff *skb = alloc_skb(len + 64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 32);
	skb_put_data(skb, data, len);
	skb_reset_network_header(skb);
	return skb;
}

static void ip4_hdr(u8 *b, unsigned int ihl, u8 proto, unsigned int len)
{
	struct iphdr *iph = (struct iphdr *)b;

	iph->version = 4;
	iph->ihl = ihl;
	iph->protocol = proto;
	iph->tot_len = htons(len);
	iph->ttl = 1;
	iph->daddr = htonl(0xef010101);
}

static void slsec_ip4_parse_test(struct kunit *test)
{
	u8 b[64] = {};
	struct slsec_ip ip;
	struct sk_buff *skb;

	ip4_hdr(b, 5, IPPROTO_UDP, sizeof(b));
	skb = ip_skb(test, b, sizeof(b));
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET, &ip), 0);
	KUNIT_EXPECT_EQ(test, ip.hoff, 20u);
	KUNIT_EXPECT_EQ(test, ip.nhoff, 9u);
	KUNIT_EXPECT_EQ(test, ip.proto, IPPROTO_UDP);
	KUNIT_EXPECT_FALSE(test, slsec_ip_is_mgmt(skb, AF_INET, &ip));
	kfree_skb(skb);

	/* Options: the payload starts after them. */
	ip4_hdr(b, 6, IPPROTO_IGMP, sizeof(b));
	skb = ip_skb(test, b, sizeof(b));
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET, &ip), 0);
	KUNIT_EXPECT_EQ(test, ip.hoff, 24u);
	KUNIT_EXPECT_TRUE(test, slsec_ip_is_mgmt(skb, AF_INET, &ip));
	kfree_skb(skb);
}

static void slsec_ip4_refused_test(struct kunit *test)
{
	u8 b[64] = {};
	struct slsec_ip ip;
	struct sk_buff *skb;

	ip4_hdr(b, 4, IPPROTO_UDP, sizeof(b));	/* ihl below 5 */
	skb = ip_skb(test, b, sizeof(b));
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET, &ip), -EINVAL);
	kfree_skb(skb);

	ip4_hdr(b, 15, IPPROTO_UDP, sizeof(b));	/* options past the end */
	skb = ip_skb(test, b, 40);
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET, &ip), -EINVAL);
	kfree_skb(skb);

	skb = ip_skb(test, b, 12);			/* truncated header */
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET, &ip), -EINVAL);
	kfree_skb(skb);

	ip4_hdr(b, 5, IPPROTO_UDP, sizeof(b));	/* a fragment */
	((struct iphdr *)b)->frag_off = htons(IP_MF);
	skb = ip_skb(test, b, sizeof(b));
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET, &ip), -EAGAIN);
	kfree_skb(skb);
}

/* IPv6 header, then @n extension headers of 8 * (1 + len[i]) bytes. */
static unsigned int ip6_build(u8 *b, const u8 *types, const u8 *lens,
			      unsigned int n, u8 last)
{
	struct ipv6hdr *h = (struct ipv6hdr *)b;
	unsigned int off = sizeof(*h), i;
	u8 *next = &h->nexthdr;

	h->version = 6;
	for (i = 0; i < n; i++) {
		*next = types[i];
		next = b + off;
		b[off + 1] = lens[i];
		off += 8 * (1 + lens[i]);
	}
	*next = last;
	h->payload_len = htons(off + 16 - sizeof(*h));
	return off;
}

static void slsec_ip6_parse_test(struct kunit *test)
{
	static const u8 types[] = { NEXTHDR_HOP, NEXTHDR_DEST };
	static const u8 lens[] = { 0, 1 };
	u8 b[128] = {};
	struct slsec_ip ip;
	struct sk_buff *skb;
	unsigned int off;

	off = ip6_build(b, NULL, NULL, 0, IPPROTO_UDP);
	skb = ip_skb(test, b, off + 16);
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET6, &ip), 0);
	KUNIT_EXPECT_EQ(test, ip.hoff, 40u);
	KUNIT_EXPECT_EQ(test, ip.nhoff, 6u);
	KUNIT_EXPECT_EQ(test, ip.proto, IPPROTO_UDP);
	kfree_skb(skb);

	/* Hop-by-hop (8 bytes) and destination options (16): the protocol
	 * byte is the last extension header's.
	 */
	memset(b, 0, sizeof(b));
	off = ip6_build(b, types, lens, 2, IPPROTO_ICMPV6);
	b[off] = ICMPV6_MLD2_REPORT;
	skb = ip_skb(test, b, off + 16);
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET6, &ip), 0);
	KUNIT_EXPECT_EQ(test, ip.hoff, 64u);
	KUNIT_EXPECT_EQ(test, ip.nhoff, 48u);
	KUNIT_EXPECT_EQ(test, ip.proto, IPPROTO_ICMPV6);
	KUNIT_EXPECT_TRUE(test, slsec_ip_is_mgmt(skb, AF_INET6, &ip));
	kfree_skb(skb);

	/* ICMPv6 that is not MLD is not group management. */
	b[off] = ICMPV6_ECHO_REQUEST;
	skb = ip_skb(test, b, off + 16);
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET6, &ip), 0);
	KUNIT_EXPECT_FALSE(test, slsec_ip_is_mgmt(skb, AF_INET6, &ip));
	kfree_skb(skb);
}

static void slsec_ip6_refused_test(struct kunit *test)
{
	static const u8 frag[] = { NEXTHDR_FRAGMENT };
	static const u8 many[9] = { [0 ... 8] = NEXTHDR_DEST };
	static const u8 zero[9];
	u8 b[256] = {};
	struct slsec_ip ip;
	struct sk_buff *skb;
	unsigned int off;

	off = ip6_build(b, frag, zero, 1, IPPROTO_UDP);
	skb = ip_skb(test, b, off + 16);
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET6, &ip), -EAGAIN);
	kfree_skb(skb);

	memset(b, 0, sizeof(b));
	off = ip6_build(b, many, zero, ARRAY_SIZE(many), IPPROTO_UDP);
	skb = ip_skb(test, b, off + 16);
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET6, &ip), -EINVAL);
	kfree_skb(skb);

	/* An extension header that runs past the end. */
	memset(b, 0, sizeof(b));
	off = ip6_build(b, many, zero, 1, IPPROTO_UDP);
	skb = ip_skb(test, b, off - 4);
	KUNIT_EXPECT_EQ(test, slsec_ip_parse(skb, AF_INET6, &ip), -EINVAL);
	kfree_skb(skb);
}

static void slsec_ip_set_len_test(struct kunit *test)
{
	u8 b[128] = {};
	struct sk_buff *skb;

	ip4_hdr(b, 5, IPPROTO_UDP, 64);
	skb = ip_skb(test, b, 100);
	slsec_ip_set_len(skb, AF_INET);
	KUNIT_EXPECT_EQ(test, ntohs(ip_hdr(skb)->tot_len), 100);
	KUNIT_EXPECT_EQ(test, ip_fast_csum(ip_hdr(skb), 5), 0);
	kfree_skb(skb);

	ip6_build(b, NULL, NULL, 0, IPPROTO_UDP);
	skb = ip_skb(test, b, 120);
	slsec_ip_set_len(skb, AF_INET6);
	KUNIT_EXPECT_EQ(test, ntohs(ipv6_hdr(skb)->payload_len), 80);
	kfree_skb(skb);
}

static struct kunit_case slsec_ip_cases[] = {
	KUNIT_CASE(slsec_ip4_parse_test),
	KUNIT_CASE(slsec_ip4_refused_test),
	KUNIT_CASE(slsec_ip6_parse_test),
	KUNIT_CASE(slsec_ip6_refused_test),
	KUNIT_CASE(slsec_ip_set_len_test),
	{}
};

static struct kunit_suite slsec_ip_suite = {
	.name = "slsec_ip",
	.test_cases = slsec_ip_cases,
};

kunit_test_suite(slsec_ip_suite);
