/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_ATTR_H
#define SLSEC_ATTR_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/slsec.h>

/*
 * What an attribute of a reply must be before it is read: its libmnl
 * type and, for MNL_TYPE_BINARY, its least payload length.  An entry of
 * zeros: not expected, skipped.
 */
struct slsec_attr_pol {
	uint8_t type;		/* enum mnl_attr_data_type */
	uint16_t len;
};

/* The flat SLSEC_A_* set: every reply's and event's top level. */
extern const struct slsec_attr_pol slsec_attr_policy[__SLSEC_A_MAX];
/* One SLSEC_A_SENDER_KEY nest of SLSEC_A_SENDER_KEYS. */
extern const struct slsec_attr_pol slsec_sk_policy[__SLSEC_A_SK_MAX];

typedef const struct nlattr *slsec_tb_t[__SLSEC_A_MAX];

int slsec_attr_parse(const struct nlmsghdr *nlh, const struct nlattr **tb);
int slsec_attr_parse_nested(const struct nlattr *nest,
			    const struct slsec_attr_pol *pol, unsigned int n,
			    const struct nlattr **tb);
int slsec_attr_u64s(const struct nlattr *nest, uint64_t *v, unsigned int n);
unsigned int slsec_attr_u32s(const struct nlattr *nest, unsigned int type,
			     uint32_t *v, unsigned int max);
int slsec_attr_nests(const struct nlattr *nest, unsigned int type,
		     int (*fn)(const struct nlattr *a, void *data), void *data);

/* An attribute of tb[] into *v: true if it was there (and valid). */
bool slsec_tb_u8(const struct nlattr *a, uint8_t *v);
bool slsec_tb_u32(const struct nlattr *a, uint32_t *v);
bool slsec_tb_u64(const struct nlattr *a, uint64_t *v);

#endif
