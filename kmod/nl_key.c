// SPDX-License-Identifier: GPL-2.0
/*
 * Key commands: add (with its activation and lifetimes), set (activate),
 * del and revoke, and the key dump (state, age, usage, lifetimes; never
 * key material).
 */

#include <linux/ktime.h>
#include <linux/math64.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <linux/slsec.h>

#include "compat.h"
#include "group.h"
#include "key.h"
#include "keyring.h"
#include "lifecycle.h"
#include "messages.h"
#include "netlink.h"
#include "netns.h"
#include "nl_config.h"
#include "nl_group.h"
#include "nl_key.h"

const struct nla_policy slsec_key_policy[] = {
	[SLSEC_A_IFINDEX] = { .type = NLA_U32 },
	[SLSEC_A_ADDR4] = NLA_POLICY_EXACT_LEN(4),
	[SLSEC_A_ADDR6] = NLA_POLICY_EXACT_LEN(16),
	[SLSEC_A_KEY_ID] = NLA_POLICY_MAX(NLA_U32, 255),
	[SLSEC_A_KEY_MATERIAL] = { .type = NLA_BINARY,
				   .len = SLSEC_MAX_KEY_LEN },
	[SLSEC_A_ACTIVATE_NOW] = { .type = NLA_FLAG },
	[SLSEC_A_ACTIVATE_AT] = { .type = NLA_U64 },
	[SLSEC_A_ACTIVATE_AFTER] = { .type = NLA_U32 },
	[SLSEC_A_PENDING] = { .type = NLA_FLAG },
	[SLSEC_A_FORCE] = { .type = NLA_FLAG },
	[SLSEC_A_LIFETIME] = { .type = NLA_NESTED },
	[SLSEC_A_KEYRING_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, SLSEC_KEYRING_MAX),
	[SLSEC_A_KEYRING_DESC] = { .type = NLA_NUL_STRING, .len = 4095 },
};

/* The request's activation: now (the default), at a time, or pending. */
static int slsec_nl_activation(struct genl_info *info,
			       struct slsec_activation *act, bool need)
{
	struct nlattr **a = info->attrs;
	int n = !!a[SLSEC_A_ACTIVATE_NOW] + !!a[SLSEC_A_ACTIVATE_AT] +
		!!a[SLSEC_A_ACTIVATE_AFTER] + !!a[SLSEC_A_PENDING];

	if (n > 1 || (need && !n)) {
		NL_SET_ERR_MSG(info->extack,
			       "exactly one of activate now, at, after or pending is needed");
		return -EINVAL;
	}
	act->how = SLSEC_ACT_NOW;
	if (a[SLSEC_A_PENDING]) {
		act->how = SLSEC_ACT_PENDING;
	} else if (a[SLSEC_A_ACTIVATE_AT]) {
		act->how = SLSEC_ACT_AT;
		act->at = nla_get_u64(a[SLSEC_A_ACTIVATE_AT]);
	} else if (a[SLSEC_A_ACTIVATE_AFTER]) {
		act->how = SLSEC_ACT_AT;
		act->at = ktime_get_real_ns() +
			  (u64)nla_get_u32(a[SLSEC_A_ACTIVATE_AFTER]) *
			  NSEC_PER_MSEC;
	}
	return 0;
}

static const struct nla_policy slsec_lifetime_policy[] = {
	[SLSEC_A_LT_SOFT_TIME] = { .type = NLA_U64 },
	[SLSEC_A_LT_HARD_TIME] = { .type = NLA_U64 },
	[SLSEC_A_LT_SOFT_PACKETS] = { .type = NLA_U64 },
	[SLSEC_A_LT_HARD_PACKETS] = { .type = NLA_U64 },
	[SLSEC_A_LT_SOFT_BYTES] = { .type = NLA_U64 },
	[SLSEC_A_LT_HARD_BYTES] = { .type = NLA_U64 },
};

/* Attribute of each kind's soft limit; the hard one follows it. */
static const u8 slsec_lt_attr[] = {
	[SLSEC_EXPIRE_TIME] = SLSEC_A_LT_SOFT_TIME,
	[SLSEC_EXPIRE_PACKETS] = SLSEC_A_LT_SOFT_PACKETS,
	[SLSEC_EXPIRE_BYTES] = SLSEC_A_LT_SOFT_BYTES,
};

static int slsec_nl_lifetime(struct genl_info *info, struct slsec_lifetime *lt)
{
	struct nlattr *tb[ARRAY_SIZE(slsec_lifetime_policy)];
	struct nlattr *nest = info->attrs[SLSEC_A_LIFETIME];
	unsigned int k;
	int err;

	memset(lt, 0, sizeof(*lt));
	if (!nest)
		return 0;
	err = nla_parse_nested(tb, ARRAY_SIZE(tb) - 1, nest,
			       slsec_lifetime_policy, info->extack);
	if (err)
		return err;
	for (k = 0; k < ARRAY_SIZE(slsec_lt_attr); k++) {
		struct nlattr *s = tb[slsec_lt_attr[k]];
		struct nlattr *h = tb[slsec_lt_attr[k] + 1];

		lt->soft[k] = s ? nla_get_u64(s) : 0;
		lt->hard[k] = h ? nla_get_u64(h) : 0;
		if (lt->soft[k] && lt->hard[k] && lt->soft[k] > lt->hard[k]) {
			NL_SET_ERR_MSG_ATTR(info->extack, s,
					    "soft limit above the hard limit");
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * The key bytes: the request's, or a keyring key's payload.  @buf gets
 * them (the caller wipes it); @blame is the attribute a refusal names.
 * A require-sealed namespace refuses every source (slsec_nl_sealed_only()),
 * before a keyring key is looked up; the caller asks again under the
 * namespace lock.
 */
int slsec_nl_key_bytes(struct genl_info *info, u8 *buf, unsigned int *len,
		       struct nlattr **blame)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct nlattr *mat = info->attrs[SLSEC_A_KEY_MATERIAL];
	struct nlattr *desc = info->attrs[SLSEC_A_KEYRING_DESC];
	struct nlattr *type = info->attrs[SLSEC_A_KEYRING_TYPE];
	int err;

	if (!desc && slsec_nl_missing(info, SLSEC_A_KEY_MATERIAL,
				      "key material missing"))
		return -EINVAL;
	if (mat && desc) {
		NL_SET_ERR_MSG(info->extack,
			       "key material and a keyring key are exclusive");
		return -EINVAL;
	}
	err = slsec_nl_sealed_only(sn, info, mat ?: desc);
	if (err)
		return err;
	if (mat) {
		*blame = mat;
		*len = nla_len(mat);	/* at most SLSEC_MAX_KEY_LEN: policy */
		memcpy(buf, nla_data(mat), *len);
		return 0;
	}
	*blame = desc;
	return slsec_keyring_read(type ? nla_get_u32(type) : SLSEC_KEYRING_LOGON,
				  nla_data(desc), buf, SLSEC_MAX_KEY_LEN, len,
				  desc, info->extack);
}

static int slsec_nl_key_new(struct genl_info *info, struct slsec_group *g,
			    const u8 *bytes, unsigned int len,
			    struct nlattr *blame, struct slsec_key **keyp)
{
	struct slsec_key *key;

	key = slsec_key_create(g->cfg.alg,
			       nla_get_u32(info->attrs[SLSEC_A_KEY_ID]),
			       bytes, len, info->extack);
	if (IS_ERR(key)) {
		if (PTR_ERR(key) == -EINVAL)
			NL_SET_BAD_ATTR(info->extack, blame);
		return PTR_ERR(key);
	}
	*keyp = key;
	return 0;
}

int slsec_nl_key_add(struct sk_buff *skb, struct genl_info *info)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct nlattr *mat = info->attrs[SLSEC_A_KEY_MATERIAL];
	u8 bytes[SLSEC_MAX_KEY_LEN];
	struct slsec_activation act;
	struct nlattr *blame = NULL;
	struct slsec_lifetime lt;
	struct slsec_group *g;
	struct slsec_key *key;
	unsigned int len = 0;
	int err;

	if (slsec_nl_missing(info, SLSEC_A_KEY_ID, "key id missing")) {
		err = -EINVAL;
		goto out;
	}
	err = slsec_nl_activation(info, &act, false) ?:
	      slsec_nl_lifetime(info, &lt) ?:
	      slsec_nl_key_bytes(info, bytes, &len, &blame);
	if (err)
		goto out;
	mutex_lock(&sn->lock);
	/* Again under the lock: the mode may have been set meanwhile. */
	err = slsec_nl_sealed_only(sn, info, blame);
	if (err)
		goto out_unlock;
	g = slsec_nl_group(sn, info);
	err = IS_ERR(g) ? PTR_ERR(g)
			: slsec_nl_key_new(info, g, bytes, len, blame, &key);
	if (err)
		goto out_unlock;
	key->life = lt;
	err = slsec_life_key_add(sn, g, key, &act, info->extack);
	if (err)
		slsec_key_free(key);
out_unlock:
	mutex_unlock(&sn->lock);
out:
	/* Every copy of the key in this request is wiped, whatever happened. */
	memzero_explicit(bytes, sizeof(bytes));
	if (mat)
		memzero_explicit(nla_data(mat), nla_len(mat));
	return err;
}

/* The request's group and key; the caller holds sn->lock. */
static struct slsec_key *slsec_nl_key(struct slsec_net *sn,
				      struct genl_info *info,
				      struct slsec_group **gp)
{
	struct nlattr *id = info->attrs[SLSEC_A_KEY_ID];
	struct slsec_group *g;
	struct slsec_key *key;

	if (slsec_nl_missing(info, SLSEC_A_KEY_ID, "key id missing"))
		return ERR_PTR(-EINVAL);
	g = slsec_nl_group(sn, info);
	if (IS_ERR(g))
		return ERR_CAST(g);
	key = slsec_group_key(sn, g, nla_get_u32(id));
	if (!key) {
		NL_SET_ERR_MSG_ATTR(info->extack, id, "no such key in this group");
		return ERR_PTR(-ENOENT);
	}
	*gp = g;
	return key;
}

int slsec_nl_key_set(struct sk_buff *skb, struct genl_info *info)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct slsec_activation act;
	struct slsec_group *g;
	struct slsec_key *key;
	int err;

	err = slsec_nl_activation(info, &act, true);
	if (err)
		return err;
	mutex_lock(&sn->lock);
	key = slsec_nl_key(sn, info, &g);
	err = IS_ERR(key) ? PTR_ERR(key)
			  : slsec_life_key_set(sn, g, key, &act, info->extack);
	mutex_unlock(&sn->lock);
	return err;
}

static int slsec_nl_key_remove(struct genl_info *info, enum slsec_removal how)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct slsec_group *g;
	struct slsec_key *key;
	int err;

	mutex_lock(&sn->lock);
	key = slsec_nl_key(sn, info, &g);
	err = IS_ERR(key) ? PTR_ERR(key)
			  : slsec_life_key_remove(sn, g, key, how,
						  info->attrs[SLSEC_A_FORCE],
						  info->extack);
	mutex_unlock(&sn->lock);
	return err;
}

int slsec_nl_key_del(struct sk_buff *skb, struct genl_info *info)
{
	return slsec_nl_key_remove(info, SLSEC_REMOVE_DEL);
}

int slsec_nl_key_revoke(struct sk_buff *skb, struct genl_info *info)
{
	return slsec_nl_key_remove(info, SLSEC_REMOVE_REVOKE);
}

static int slsec_nl_put_lifetime(struct sk_buff *skb,
				 const struct slsec_lifetime *lt)
{
	struct nlattr *nest = nla_nest_start(skb, SLSEC_A_LIFETIME);
	unsigned int k;

	if (!nest)
		return -EMSGSIZE;
	for (k = 0; k < ARRAY_SIZE(slsec_lt_attr); k++) {
		if ((lt->soft[k] &&
		     nla_put_u64_64bit(skb, slsec_lt_attr[k], lt->soft[k],
				       SLSEC_A_LT_PAD)) ||
		    (lt->hard[k] &&
		     nla_put_u64_64bit(skb, slsec_lt_attr[k] + 1, lt->hard[k],
				       SLSEC_A_LT_PAD)))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int slsec_nl_put_usage(struct sk_buff *skb, const struct slsec_key *key)
{
	struct nlattr *nest = nla_nest_start(skb, SLSEC_A_KEY_USAGE);

	if (!nest ||
	    nla_put_u64_64bit(skb, SLSEC_A_KU_TX_PACKETS,
			      atomic64_read(&key->tx_pn), SLSEC_A_KU_PAD) ||
	    nla_put_u64_64bit(skb, SLSEC_A_KU_TX_BYTES,
			      atomic64_read(&key->tx_bytes), SLSEC_A_KU_PAD) ||
	    nla_put_u64_64bit(skb, SLSEC_A_KU_RX_PACKETS,
			      atomic64_read(&key->rx_packets), SLSEC_A_KU_PAD) ||
	    nla_put_u64_64bit(skb, SLSEC_A_KU_RX_BYTES,
			      atomic64_read(&key->rx_bytes), SLSEC_A_KU_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static u64 slsec_ms_since(u64 then, u64 now)
{
	return then && now > then ? div_u64(now - then, NSEC_PER_MSEC) : 0;
}

/* The state and times of @key. */
static int slsec_nl_put_key_times(struct sk_buff *skb,
				  const struct slsec_key *key)
{
	u64 now = ktime_get_boottime_ns();

	/* The installation id is no secret: every frame carries it. */
	if (nla_put_u8(skb, SLSEC_A_KEY_STATE, key->state) ||
	    nla_put_u64_64bit(skb, SLSEC_A_INSTALL, key->install, SLSEC_A_PAD) ||
	    nla_put_u64_64bit(skb, SLSEC_A_KEY_AGE,
			      slsec_ms_since(key->installed, now), SLSEC_A_PAD))
		return -EMSGSIZE;
	if (key->state != SLSEC_KEY_PENDING &&
	    nla_put_u64_64bit(skb, SLSEC_A_KEY_ACTIVE_FOR,
			      slsec_ms_since(key->activated, now), SLSEC_A_PAD))
		return -EMSGSIZE;
	if (key->activate_at &&
	    nla_put_u64_64bit(skb, SLSEC_A_ACTIVATE_AT, key->activate_at,
			      SLSEC_A_PAD))
		return -EMSGSIZE;
	if (key->state == SLSEC_KEY_RETIRING &&
	    nla_put_u64_64bit(skb, SLSEC_A_KEY_RETIRE_IN,
			      slsec_ms_since(now, key->retire_at), SLSEC_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int slsec_nl_put_key(struct sk_buff *skb, struct netlink_callback *cb,
			    const struct slsec_group *g,
			    const struct slsec_key *key)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &slsec_genl_family, NLM_F_MULTI, SLSEC_CMD_KEY_GET);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	if (slsec_nl_put_group_id(skb, g) ||
	    nla_put_u32(skb, SLSEC_A_ALG, g->cfg.alg) ||
	    nla_put_u32(skb, SLSEC_A_KEY_ID, key->id) ||
	    slsec_nl_put_key_times(skb, key) ||
	    slsec_nl_put_usage(skb, key) ||
	    slsec_nl_put_lifetime(skb, &key->life)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* Does @g pass the dump's filter (a device, and an address)? */
static bool slsec_nl_key_filter(const struct slsec_group *g,
				struct nlattr **a)
{
	if (a[SLSEC_A_IFINDEX] &&
	    g->id.ifindex != nla_get_u32(a[SLSEC_A_IFINDEX]))
		return false;
	if (a[SLSEC_A_ADDR4])
		return g->id.family == AF_INET &&
		       g->id.addr.a4 == nla_get_in_addr(a[SLSEC_A_ADDR4]);
	if (a[SLSEC_A_ADDR6])
		return g->id.family == AF_INET6 &&
		       ipv6_addr_equal(&g->id.addr.a6,
				       (struct in6_addr *)nla_data(a[SLSEC_A_ADDR6]));
	return true;
}

/* Key dump position in cb->ctx: the group and the key id to go on at. */
struct slsec_key_ctx {
	unsigned int group, key;
};

int slsec_nl_key_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct slsec_key_ctx *ctx = (struct slsec_key_ctx *)cb->ctx;
	struct nlattr **a = slsec_dump_attrs(cb);
	struct slsec_net *sn = slsec_net(sock_net(skb->sk));
	struct slsec_group *g;
	unsigned int gi = 0;
	int err = 0;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	mutex_lock(&sn->lock);
	cb->seq = sn->gen;
	list_for_each_entry(g, &sn->groups, list) {
		if (gi++ < ctx->group || !slsec_nl_key_filter(g, a))
			continue;
		for (; ctx->key < ARRAY_SIZE(g->keys); ctx->key++) {
			struct slsec_key *key = slsec_group_key(sn, g, ctx->key);

			if (!key)
				continue;
			err = slsec_nl_put_key(skb, cb, g, key);
			if (err)
				goto out;
		}
		ctx->group = gi;
		ctx->key = 0;
	}
out:
	mutex_unlock(&sn->lock);
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
}
