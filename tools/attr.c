// SPDX-License-Identifier: GPL-2.0
/*
 * Reply attributes, validated before they are read, as iproute2's
 * parse_rtattr() and libmnl's mnl_attr_validate(): one pass fills tb[]
 * from a table of types, and an attribute of the wrong type or length is
 * left out (the reader sees it as absent) instead of read past its end.
 */

#include <stdbool.h>
#include <stddef.h>
#include <linux/genetlink.h>

#include "attr.h"

#define U8	{ MNL_TYPE_U8, 0 }
#define U32	{ MNL_TYPE_U32, 0 }
#define U64	{ MNL_TYPE_U64, 0 }
#define NEST	{ MNL_TYPE_NESTED, 0 }
#define FLAG	{ MNL_TYPE_FLAG, 0 }
#define STR	{ MNL_TYPE_NUL_STRING, 0 }

const struct slsec_attr_pol slsec_attr_policy[__SLSEC_A_MAX] = {
	[SLSEC_A_INFO_VERSION] = STR,
	[SLSEC_A_INFO_ABI] = U32,
	[SLSEC_A_INFO_IPPROTO] = U8,
	[SLSEC_A_INFO_NGROUPS] = U32,
	[SLSEC_A_INFO_ALGS] = NEST,
	[SLSEC_A_IFINDEX] = U32,
	[SLSEC_A_ADDR4] = { MNL_TYPE_BINARY, 4 },
	[SLSEC_A_ADDR6] = { MNL_TYPE_BINARY, 16 },
	[SLSEC_A_SENDER] = U32,
	[SLSEC_A_ALG] = U32,
	[SLSEC_A_REPLAY_WINDOW] = U32,
	[SLSEC_A_MODE] = U8,
	[SLSEC_A_KEY_ID] = U32,
	[SLSEC_A_KEYS] = NEST,
	[SLSEC_A_MAX_SENDERS] = U32,
	[SLSEC_A_NSENDERS] = U32,
	[SLSEC_A_TX_KEY_ID] = U32,
	[SLSEC_A_STATS] = NEST,
	[SLSEC_A_SENDER_KEYS] = NEST,
	[SLSEC_A_GRACE] = U32,
	[SLSEC_A_ACTIVATE_AT] = U64,
	[SLSEC_A_LIFETIME] = NEST,
	[SLSEC_A_KEY_STATE] = U8,
	[SLSEC_A_KEY_AGE] = U64,
	[SLSEC_A_KEY_ACTIVE_FOR] = U64,
	[SLSEC_A_KEY_RETIRE_IN] = U64,
	[SLSEC_A_KEY_USAGE] = NEST,
	[SLSEC_A_EVENT] = U32,
	[SLSEC_A_TIME] = U64,
	[SLSEC_A_EXPIRE_KIND] = U32,
	[SLSEC_A_REVOKED_SENDERS] = NEST,
	[SLSEC_A_KEK_ID] = U32,
	[SLSEC_A_DEVICE_ID] = U32,
	[SLSEC_A_REQUIRE_SEALED] = U8,
	[SLSEC_A_KEKS] = NEST,
	[SLSEC_A_BUNDLE_STATS] = NEST,
	[SLSEC_A_FRESHNESS] = U32,
	[SLSEC_A_BUNDLE_SEQ] = U64,
	[SLSEC_A_INSTALL] = U64,
	[SLSEC_A_MAX_GROUPS] = U32,
	[SLSEC_A_SENDER_MARK] = U8,
	[SLSEC_A_UNAUTHENTICATED] = FLAG,
	[SLSEC_A_FORGERIES] = U64,
};

const struct slsec_attr_pol slsec_sk_policy[__SLSEC_A_SK_MAX] = {
	[SLSEC_A_SK_KEY_ID] = U32,
	[SLSEC_A_SK_EPOCH] = U32,
	[SLSEC_A_SK_NEXT_PN] = U64,
	[SLSEC_A_SK_INSTALL] = U64,
	[SLSEC_A_SK_RESTARTS] = U32,
	[SLSEC_A_SK_FORGERIES] = U64,
};

struct parse_ctx {
	const struct slsec_attr_pol *pol;
	unsigned int n;
	const struct nlattr **tb;
};

static bool attr_ok(const struct nlattr *a, const struct slsec_attr_pol *p)
{
	if (!p->type)
		return false;
	/* validate2 checks @len instead of the type's own length. */
	if (p->len)
		return mnl_attr_validate2(a, p->type, p->len) >= 0;
	return mnl_attr_validate(a, p->type) >= 0;
}

static int parse_cb(const struct nlattr *a, void *data)
{
	const struct parse_ctx *c = data;
	unsigned int t = mnl_attr_get_type(a);

	/* Unknown, or not what it should be: as if not sent. */
	if (t < c->n && attr_ok(a, &c->pol[t]))
		c->tb[t] = a;
	return MNL_CB_OK;
}

/**
 * slsec_attr_parse() - a reply's attributes, validated, into @tb
 * @nlh: a generic netlink message of the slsec family
 * @tb:  __SLSEC_A_MAX entries, zeroed by the caller
 *
 * Return: 0, or -1 if the message is malformed.
 */
int slsec_attr_parse(const struct nlmsghdr *nlh, const struct nlattr **tb)
{
	struct parse_ctx c = { slsec_attr_policy, __SLSEC_A_MAX, tb };

	return mnl_attr_parse(nlh, GENL_HDRLEN,
			      parse_cb, &c) < 0 ? -1 : 0;
}

/**
 * slsec_attr_parse_nested() - a nest's attributes, validated, into @tb
 * @nest: the nest
 * @pol:  its policy, @n entries
 * @n:    size of @pol and @tb
 * @tb:   zeroed by the caller
 *
 * Return: 0, or -1 if the nest is malformed.
 */
int slsec_attr_parse_nested(const struct nlattr *nest,
			    const struct slsec_attr_pol *pol, unsigned int n,
			    const struct nlattr **tb)
{
	struct parse_ctx c = { pol, n, tb };

	return mnl_attr_parse_nested(nest, parse_cb, &c) < 0 ? -1 : 0;
}

struct u64s_ctx {
	uint64_t *v;
	unsigned int n;
};

static int u64s_cb(const struct nlattr *a, void *data)
{
	const struct u64s_ctx *c = data;
	unsigned int t = mnl_attr_get_type(a);

	if (t < c->n && mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
		c->v[t] = mnl_attr_get_u64(a);
	return MNL_CB_OK;
}

/* A nest of u64 counters (stats, usage, lifetimes) into v[type < n]. */
int slsec_attr_u64s(const struct nlattr *nest, uint64_t *v, unsigned int n)
{
	struct u64s_ctx c = { v, n };

	return mnl_attr_parse_nested(nest, u64s_cb, &c) < 0 ? -1 : 0;
}

struct u32s_ctx {
	unsigned int type, max, n;
	uint32_t *v;
};

static int u32s_cb(const struct nlattr *a, void *data)
{
	struct u32s_ctx *c = data;

	if (mnl_attr_get_type(a) == c->type && c->n < c->max &&
	    mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
		c->v[c->n++] = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

/**
 * slsec_attr_u32s() - a list of u32 attributes of one @type (key ids...)
 * @nest: the list
 * @type: the attribute type of its entries
 * @v:    the values
 * @max:  room in @v
 *
 * Return: how many were read; entries of another type or length are skipped.
 */
unsigned int slsec_attr_u32s(const struct nlattr *nest, unsigned int type,
			     uint32_t *v, unsigned int max)
{
	struct u32s_ctx c = { .type = type, .max = max, .v = v };

	(void)mnl_attr_parse_nested(nest, u32s_cb, &c); /* read up to the damage */
	return c.n;
}

struct nests_ctx {
	unsigned int type;
	int (*fn)(const struct nlattr *a, void *data);
	void *data;
};

static int nests_cb(const struct nlattr *a, void *data)
{
	const struct nests_ctx *c = data;

	if (mnl_attr_get_type(a) != c->type ||
	    mnl_attr_validate(a, MNL_TYPE_NESTED) < 0)
		return MNL_CB_OK;
	return c->fn(a, c->data);
}

/* @fn for each nest of @type in the list @nest (KEKs, sender keys). */
int slsec_attr_nests(const struct nlattr *nest, unsigned int type,
		     int (*fn)(const struct nlattr *a, void *data), void *data)
{
	struct nests_ctx c = { type, fn, data };

	return mnl_attr_parse_nested(nest, nests_cb, &c) < 0 ? -1 : 0;
}

bool slsec_tb_u8(const struct nlattr *a, uint8_t *v)
{
	if (a)
		*v = mnl_attr_get_u8(a);
	return a;
}

bool slsec_tb_u32(const struct nlattr *a, uint32_t *v)
{
	if (a)
		*v = mnl_attr_get_u32(a);
	return a;
}

bool slsec_tb_u64(const struct nlattr *a, uint64_t *v)
{
	if (a)
		*v = mnl_attr_get_u64(a);
	return a;
}
