// SPDX-License-Identifier: GPL-2.0
/*
 * Requests for the fuzzer: a well-formed template per command (drawn from
 * small pools of devices, groups, senders and key ids, so that requests
 * meet the objects earlier ones made), and mutations of it: attributes
 * dropped, duplicated, retyped, cut, grown (up to tens of kilobytes),
 * their bytes or length field replaced, nest flags flipped, nests of
 * garbage, boundary values, foreign flags and commands.
 */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/slsec.h>

#include "fuzz.h"

/* The encoding each attribute of the ABI has. */
enum kind { K_NONE, K_U8, K_U32, K_U64, K_BIN, K_FLAG, K_STR, K_NEST };

static const enum kind kinds[SLSEC_A_MAX + 1] = {
	[SLSEC_A_INFO_VERSION] = K_STR, [SLSEC_A_INFO_ABI] = K_U32,
	[SLSEC_A_INFO_IPPROTO] = K_U8, [SLSEC_A_INFO_NGROUPS] = K_U32,
	[SLSEC_A_INFO_ALGS] = K_NEST, [SLSEC_A_IFINDEX] = K_U32,
	[SLSEC_A_ADDR4] = K_BIN, [SLSEC_A_ADDR6] = K_BIN,
	[SLSEC_A_SENDER] = K_U32, [SLSEC_A_ALG] = K_U32,
	[SLSEC_A_REPLAY_WINDOW] = K_U32, [SLSEC_A_MODE] = K_U8,
	[SLSEC_A_KEY_ID] = K_U32, [SLSEC_A_KEY_MATERIAL] = K_BIN,
	[SLSEC_A_KEYS] = K_NEST, [SLSEC_A_MAX_SENDERS] = K_U32,
	[SLSEC_A_NSENDERS] = K_U32, [SLSEC_A_TX_KEY_ID] = K_U32,
	[SLSEC_A_STATS] = K_NEST, [SLSEC_A_SENDER_KEYS] = K_NEST,
	[SLSEC_A_GRACE] = K_U32, [SLSEC_A_ACTIVATE_NOW] = K_FLAG,
	[SLSEC_A_ACTIVATE_AT] = K_U64, [SLSEC_A_ACTIVATE_AFTER] = K_U32,
	[SLSEC_A_PENDING] = K_FLAG, [SLSEC_A_FORCE] = K_FLAG,
	[SLSEC_A_LIFETIME] = K_NEST, [SLSEC_A_KEY_STATE] = K_U8,
	[SLSEC_A_KEY_AGE] = K_U64, [SLSEC_A_KEY_ACTIVE_FOR] = K_U64,
	[SLSEC_A_KEY_RETIRE_IN] = K_U64, [SLSEC_A_KEY_USAGE] = K_NEST,
	[SLSEC_A_EVENT] = K_U32, [SLSEC_A_TIME] = K_U64,
	[SLSEC_A_EXPIRE_KIND] = K_U32, [SLSEC_A_REVOKED_SENDERS] = K_NEST,
	[SLSEC_A_KEYRING_TYPE] = K_U32, [SLSEC_A_KEYRING_DESC] = K_STR,
	[SLSEC_A_KEK_ID] = K_U32, [SLSEC_A_DEVICE_ID] = K_U32,
	[SLSEC_A_BUNDLE] = K_BIN, [SLSEC_A_REQUIRE_SEALED] = K_U8,
	[SLSEC_A_KEKS] = K_NEST, [SLSEC_A_BUNDLE_STATS] = K_NEST,
	[SLSEC_A_FRESHNESS] = K_U32, [SLSEC_A_KEK_MIN_SEQ] = K_U64,
	[SLSEC_A_BUNDLE_SEQ] = K_U64, [SLSEC_A_INSTALL] = K_U64,
};

/* Times are never near: a key that changed state by itself between two
 * snapshots would look like a refused request that changed something.
 */
#define DAY_MS		((uint64_t)FZ_FAR_MS)

uint64_t fz_rand(struct fz *f)
{
	/* xorshift64* */
	f->rng ^= f->rng >> 12;
	f->rng ^= f->rng << 25;
	f->rng ^= f->rng >> 27;
	return f->rng * 0x2545F4914F6CDD1DULL;
}

uint32_t fz_below(struct fz *f, uint32_t n)
{
	return n ? (uint32_t)(fz_rand(f) % n) : 0;
}

bool fz_chance(struct fz *f, unsigned int percent)
{
	return fz_below(f, 100) < percent;
}

void fz_bytes(struct fz *f, uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)fz_rand(f);
}

static struct fz_attr *put(struct fz_msg *m, uint16_t type, const void *p,
			   uint32_t len)
{
	struct fz_attr *a;

	if (m->n == FZ_MAX_ATTRS)
		return NULL;
	a = &m->a[m->n];
	a->data = malloc(len ? len : 1);
	if (!a->data)
		return NULL;
	if (len)
		memcpy(a->data, p, len);
	a->type = type;
	a->len = len;
	a->len_lie = 0;
	m->n++;
	return a;
}

static void put_u32(struct fz_msg *m, uint16_t type, uint32_t v)
{
	put(m, type, &v, sizeof(v));
}

static void put_u64(struct fz_msg *m, uint16_t type, uint64_t v)
{
	put(m, type, &v, sizeof(v));
}

static void put_u8(struct fz_msg *m, uint16_t type, uint8_t v)
{
	put(m, type, &v, sizeof(v));
}

void fz_msg_free(struct fz_msg *m)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		free(m->a[i].data);
	m->n = 0;
}

void fz_msg_drop(struct fz_msg *m, unsigned int i)
{
	free(m->a[i].data);
	memmove(&m->a[i], &m->a[i + 1], (m->n - i - 1) * sizeof(m->a[0]));
	m->n--;
}

/* Key material of @len bytes, remembered: no reply may ever carry it. */
static void put_key(struct fz *f, struct fz_msg *m, uint32_t len)
{
	uint8_t k[FZ_KEY_MAX];

	fz_bytes(f, k, sizeof(k));
	memcpy(f->keys[f->nkeys++ % FZ_MAX_KEYS], k, sizeof(k));
	put(m, SLSEC_A_KEY_MATERIAL, k, len > sizeof(k) ? sizeof(k) : len);
}

/* The group: the loopback device mostly, addresses from a small pool. */
static void put_group(struct fz *f, struct fz_msg *m)
{
	static const char *const v4[] = {
		"239.9.0.1", "239.9.0.2", "239.9.0.3", "224.0.0.251",
		"239.255.255.255", "10.0.0.1",
	};
	static const char *const v6[] = {
		"ff05::9:1", "ff05::9:2", "ff02::1", "2001:db8::1",
	};
	uint8_t a[16];

	put_u32(m, SLSEC_A_IFINDEX, fz_chance(f, 95) ? 1 :
		fz_chance(f, 50) ? 0 : 99999);
	if (fz_chance(f, 70)) {
		inet_pton(AF_INET, v4[fz_below(f, 6)], a);
		put(m, SLSEC_A_ADDR4, a, 4);
	} else {
		inet_pton(AF_INET6, v6[fz_below(f, 4)], a);
		put(m, SLSEC_A_ADDR6, a, 16);
	}
}

static uint32_t small_id(struct fz *f)
{
	static const uint32_t odd[] = { 0, 255, 256, 0xffffffff };

	return fz_chance(f, 85) ? 1 + fz_below(f, 4) : odd[fz_below(f, 4)];
}

/* A lifetime: limits far off, or none, or garbage inside. */
static void put_lifetime(struct fz *f, struct fz_msg *m)
{
	uint8_t buf[64];
	unsigned int i, off = 0;

	for (i = SLSEC_A_LT_SOFT_TIME; i <= SLSEC_A_LT_HARD_BYTES; i++) {
		uint64_t v = i <= SLSEC_A_LT_HARD_TIME ? DAY_MS * (1 + fz_below(f, 30))
						      : 1 + fz_below(f, 1000000);
		uint16_t hdr[2] = { 12, (uint16_t)i };

		if (!fz_chance(f, 40) || off + 12 > sizeof(buf))
			continue;
		memcpy(buf + off, hdr, 4);
		memcpy(buf + off + 4, &v, 8);
		off += 12;
	}
	put(m, SLSEC_A_LIFETIME | NLA_F_NESTED, buf, off);
}

static void put_activation(struct fz *f, struct fz_msg *m)
{
	switch (fz_below(f, 5)) {
	case 0:
		put(m, SLSEC_A_ACTIVATE_NOW, NULL, 0);
		break;
	case 1:
		put(m, SLSEC_A_PENDING, NULL, 0);
		break;
	case 2:
		put_u32(m, SLSEC_A_ACTIVATE_AFTER, (uint32_t)DAY_MS);
		break;
	case 3:		/* in the past, or a day on: never in between */
		put_u64(m, SLSEC_A_ACTIVATE_AT, fz_chance(f, 50) ? 1000000000ULL :
			(uint64_t)4102444800ULL * 1000000000ULL);
		break;
	}
}

static void template_group(struct fz *f, struct fz_msg *m, bool add)
{
	static const uint32_t windows[] = { 64, 1024, 8192, 100, 0, 16384 };

	put_group(f, m);
	if (add)
		put_u32(m, SLSEC_A_SENDER, small_id(f));
	if (fz_chance(f, 40))
		put_u32(m, SLSEC_A_ALG, fz_below(f, 5));
	if (fz_chance(f, 30))
		put_u32(m, SLSEC_A_REPLAY_WINDOW, windows[fz_below(f, 6)]);
	if (fz_chance(f, 30))
		put_u8(m, SLSEC_A_MODE, (uint8_t)fz_below(f, 3));
	if (fz_chance(f, 30))
		put_u32(m, SLSEC_A_MAX_SENDERS, fz_below(f, 3) * 8192);
	if (fz_chance(f, 30))
		put_u32(m, SLSEC_A_GRACE, (uint32_t)DAY_MS + fz_below(f, 2));
	if (fz_chance(f, 30))	/* off, edges of the range, beyond them */
		put_u32(m, SLSEC_A_FRESHNESS,
			(const uint32_t[]){ 0, 9, 10, 3600000, 3600001 }
				[fz_below(f, 5)]);
}

static void template_key(struct fz *f, struct fz_msg *m)
{
	put_group(f, m);
	put_u32(m, SLSEC_A_KEY_ID, small_id(f));
	if (fz_chance(f, 85)) {
		put_key(f, m, fz_chance(f, 50) ? 16 : 32);
	} else {
		put_u32(m, SLSEC_A_KEYRING_TYPE, fz_below(f, 4));
		put(m, SLSEC_A_KEYRING_DESC, "slsec:fuzz", 11);
	}
	put_activation(f, m);
	if (fz_chance(f, 30))
		put_lifetime(f, m);
}

static void template_bundle(struct fz *f, struct fz_msg *m)
{
	uint8_t b[2 * SLSEC_BUNDLE_LEN];
	uint32_t magic = htonl(SLSEC_BUNDLE_MAGIC);

	fz_bytes(f, b, sizeof(b));
	if (fz_chance(f, 70)) {		/* past the magic and version checks */
		memcpy(b, &magic, 4);
		b[4] = SLSEC_BUNDLE_VERSION;
	}
	put_u32(m, SLSEC_A_IFINDEX, 1);
	put(m, SLSEC_A_BUNDLE, b, fz_chance(f, 80) ? SLSEC_BUNDLE_LEN :
	    fz_below(f, sizeof(b)));
}

/**
 * fz_msg_template() - a well-formed request for @cmd
 * @f:   the fuzzer
 * @m:   filled in (empty before)
 * @cmd: any command number, known or not
 */
void fz_msg_template(struct fz *f, struct fz_msg *m, uint8_t cmd)
{
	m->cmd = cmd;
	m->version = SLSEC_GENL_VERSION;
	m->flags = 0;
	m->short_hdr = false;
	switch (cmd) {
	case SLSEC_CMD_GROUP_ADD:
		template_group(f, m, true);
		break;
	case SLSEC_CMD_GROUP_SET:
		template_group(f, m, false);
		break;
	case SLSEC_CMD_GROUP_GET:
	case SLSEC_CMD_KEY_GET:
		if (fz_chance(f, 70))
			m->flags = NLM_F_DUMP;
		fallthrough;
	case SLSEC_CMD_GROUP_DEL:
	case SLSEC_CMD_STATS_RESET:
		if (fz_chance(f, 80))
			put_group(f, m);
		break;
	case SLSEC_CMD_SENDER_GET:
		m->flags = NLM_F_DUMP;
		put_group(f, m);
		break;
	case SLSEC_CMD_KEY_ADD:
		template_key(f, m);
		break;
	case SLSEC_CMD_KEY_SET:
	case SLSEC_CMD_KEY_DEL:
	case SLSEC_CMD_KEY_REVOKE:
		put_group(f, m);
		put_u32(m, SLSEC_A_KEY_ID, small_id(f));
		if (cmd == SLSEC_CMD_KEY_SET)
			put_activation(f, m);
		else if (fz_chance(f, 50))
			put(m, SLSEC_A_FORCE, NULL, 0);
		break;
	case SLSEC_CMD_SENDER_REVOKE:
	case SLSEC_CMD_SENDER_RESTORE:
		put_group(f, m);
		put_u32(m, SLSEC_A_SENDER, small_id(f));
		break;
	case SLSEC_CMD_KEK_ADD:
		put_u32(m, SLSEC_A_KEK_ID, small_id(f));
		put_u32(m, SLSEC_A_DEVICE_ID, small_id(f));
		put_key(f, m, fz_chance(f, 90) ? SLSEC_KEK_LEN : 16);
		if (fz_chance(f, 30))
			put_u64(m, SLSEC_A_KEK_MIN_SEQ,
				fz_chance(f, 50) ? fz_below(f, 4) : UINT64_MAX);
		break;
	case SLSEC_CMD_KEK_DEL:
		put_u32(m, SLSEC_A_KEK_ID, small_id(f));
		break;
	case SLSEC_CMD_BUNDLE_APPLY:
		template_bundle(f, m);
		break;
	case SLSEC_CMD_CONFIG_SET:
		/* One-way: rarely, so raw keys stay fuzzable most of a run. */
		put_u8(m, SLSEC_A_REQUIRE_SEALED,
		       fz_chance(f, 2) ? 1 : (uint8_t)(fz_chance(f, 50) ? 0 : 2));
		break;
	}
}

/* An attribute of @type with a value its kind allows, or some garbage. */
void fz_msg_add(struct fz *f, struct fz_msg *m, uint16_t type)
{
	enum kind k = type <= SLSEC_A_MAX ? kinds[type] : K_NONE;
	uint8_t buf[40];

	fz_bytes(f, buf, sizeof(buf));
	switch (k) {
	case K_U8:
		put(m, type, buf, 1);
		break;
	case K_U32:
		put(m, type, buf, 4);
		break;
	case K_U64:
		put(m, type, buf, 8);
		break;
	case K_FLAG:
		put(m, type, NULL, 0);
		break;
	case K_STR:
		buf[fz_below(f, 20)] = 0;
		put(m, type, buf, 20);
		break;
	case K_NEST:
		put(m, type | NLA_F_NESTED, buf, 4 * fz_below(f, 10));
		break;
	default:
		put(m, type, buf, fz_below(f, sizeof(buf)));
		break;
	}
}

/* A nest of 1-4 attributes of random types and bytes, maybe nested. */
static void nest_garbage(struct fz *f, struct fz_msg *m)
{
	uint8_t buf[256];
	unsigned int i, off = 0, n = 1 + fz_below(f, 4);

	for (i = 0; i < n; i++) {
		uint16_t len = (uint16_t)(4 + fz_below(f, 24));
		uint16_t hdr[2] = {
			(uint16_t)(fz_chance(f, 10) ? fz_below(f, 300) : len),
			(uint16_t)(fz_below(f, 12) | (fz_chance(f, 20) ? NLA_F_NESTED : 0)),
		};

		memcpy(buf + off, hdr, 4);
		fz_bytes(f, buf + off + 4, len - 4);
		off += (len + 3) & ~3U;
	}
	put(m, (uint16_t)(fz_below(f, SLSEC_A_MAX + 3) | NLA_F_NESTED), buf, off);
}

/* A value at or beyond the edge of what the attribute's type holds. */
static void boundary(struct fz *f, struct fz_attr *a)
{
	static const uint64_t edges[] = {
		0, 1, 63, 64, 255, 256, 8192, 8193, 16384, 16385, 65535,
		86400000, 86400001, 0x7fffffff, 0xffffffff, 0x100000000ULL,
		~0ULL,
	};
	uint64_t v = edges[fz_below(f, sizeof(edges) / sizeof(edges[0]))];

	memcpy(a->data, &v, a->len < 8 ? a->len : 8);
}

static void mutate_one(struct fz *f, struct fz_msg *m)
{
	struct fz_attr *a = m->n ? &m->a[fz_below(f, m->n)] : NULL;
	uint32_t len;
	uint8_t *p;

	switch (fz_below(f, 13)) {
	case 0:		/* missing */
		if (a)
			fz_msg_drop(m, (unsigned int)(a - m->a));
		break;
	case 1:		/* duplicated */
		if (a)
			put(m, a->type, a->data, a->len);
		break;
	case 2:		/* wrong type */
		if (a)
			a->type = (uint16_t)fz_below(f, SLSEC_A_MAX + 4);
		break;
	case 3:		/* cut */
		if (a && a->len)
			a->len = fz_below(f, a->len);
		break;
	case 4:		/* grown, sometimes far beyond any policy */
		if (!a)
			break;
		len = a->len + (fz_chance(f, 10) ? 4000 + fz_below(f, 60000) :
				1 + fz_below(f, 8));
		if (len > 65000)	/* nla_len is 16 bits */
			break;
		p = realloc(a->data, len);
		if (!p)
			break;
		fz_bytes(f, p + a->len, len - a->len);
		a->data = p;
		a->len = len;
		break;
	case 5:		/* its bytes replaced */
		if (a)
			fz_bytes(f, a->data, a->len);
		break;
	case 6:		/* nest flag flipped */
		if (a)
			a->type ^= NLA_F_NESTED;
		break;
	case 7:
		nest_garbage(f, m);
		break;
	case 8:		/* an attribute of any type, known or not */
		fz_msg_add(f, m, (uint16_t)fz_below(f, SLSEC_A_MAX + 4));
		break;
	case 9:
		if (a && a->len)
			boundary(f, a);
		break;
	case 10:	/* its length field lies */
		if (a)
			a->len_lie = (int32_t)fz_below(f, 16) - 8;
		break;
	case 11:	/* foreign flags, another command, another version */
		m->flags ^= fz_chance(f, 50) ? NLM_F_DUMP : NLM_F_ECHO;
		if (fz_chance(f, 20))
			m->cmd = (uint8_t)fz_below(f, SLSEC_CMD_MAX + 4);
		if (fz_chance(f, 10))
			m->version = (uint8_t)fz_rand(f);
		break;
	case 12:	/* the genl header itself cut */
		m->short_hdr = fz_chance(f, 10);
		break;
	}
}

/* 0 to 3 mutations: a third of all requests stay well-formed. */
void fz_msg_mutate(struct fz *f, struct fz_msg *m)
{
	unsigned int n = fz_below(f, 4);

	while (n--)
		mutate_one(f, m);
}

/**
 * fz_msg_encode() - the request as bytes, lies included
 * @f:    the fuzzer (for the family id)
 * @m:    the request
 * @buf:  where
 * @size: its size
 *
 * Return: the message length (nlmsg_len).
 */
size_t fz_msg_encode(struct fz *f, const struct fz_msg *m, void *buf,
		     size_t size)
{
	struct nlmsghdr *nlh = slsec_nl_msg(&f->nl, buf, m->cmd, m->flags);
	struct genlmsghdr *g = (struct genlmsghdr *)(nlh + 1);
	size_t off = nlh->nlmsg_len;
	unsigned int i;

	g->version = m->version;
	for (i = 0; i < m->n; i++) {
		const struct fz_attr *a = &m->a[i];
		int64_t enc = 4 + (int64_t)a->len + a->len_lie;
		uint16_t hdr[2];

		if (off + 4 + a->len + 3 > size)
			break;
		hdr[0] = (uint16_t)(enc < 0 ? 0 : enc > 0xffff ? 0xffff : enc);
		hdr[1] = a->type;
		memcpy((uint8_t *)buf + off, hdr, 4);
		memcpy((uint8_t *)buf + off + 4, a->data, a->len);
		memset((uint8_t *)buf + off + 4 + a->len, 0, 3);
		off += (4 + a->len + 3) & ~3U;
	}
	nlh->nlmsg_len = (uint32_t)off;
	if (m->short_hdr)
		nlh->nlmsg_len = sizeof(*nlh) + 2;
	return nlh->nlmsg_len;
}
