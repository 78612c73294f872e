// SPDX-License-Identifier: GPL-2.0
/*
 * slsec key show: each key's state, age, usage and what is left of its
 * lifetimes.  Never key bytes.
 */

#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>

#include "genl.h"
#include "group.h"
#include "key.h"
#include "print.h"
#include "timefmt.h"

/* A key as the kernel reports it. */
struct key_info {
	struct group_info g;
	uint32_t id;
	uint8_t state;
	uint64_t age, active_for, activate_at, retire_in, install;
	bool has_active_for, has_activate_at, has_retire_in, has_install;
	uint64_t usage[__SLSEC_A_KU_MAX];
	uint64_t life[__SLSEC_A_LT_MAX];
};

static const char *const state_names[] = {
	[SLSEC_KEY_PENDING] = "pending",
	[SLSEC_KEY_ACTIVE] = "active",
	[SLSEC_KEY_RETIRING] = "retiring",
};

/* Lifetime attributes: JSON and text name, is it a time (ms)? */
static const struct {
	const char *json, *text;
	bool ms;
} life_names[__SLSEC_A_LT_MAX] = {
	[SLSEC_A_LT_SOFT_TIME] = { "soft_time_ms", "soft-time", true },
	[SLSEC_A_LT_HARD_TIME] = { "hard_time_ms", "hard-time", true },
	[SLSEC_A_LT_SOFT_PACKETS] = { "soft_packets", "soft-packets", false },
	[SLSEC_A_LT_HARD_PACKETS] = { "hard_packets", "hard-packets", false },
	[SLSEC_A_LT_SOFT_BYTES] = { "soft_bytes", "soft-bytes", false },
	[SLSEC_A_LT_HARD_BYTES] = { "hard_bytes", "hard-bytes", false },
};

/* A nest of u64 attributes, read into v[type] for type < max. */
struct u64_array {
	uint64_t *v;
	unsigned int max;
};

static int u64_array_cb(const struct nlattr *a, void *data)
{
	struct u64_array *arr = data;
	unsigned int t = mnl_attr_get_type(a);

	if (t < arr->max && mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
		arr->v[t] = mnl_attr_get_u64(a);
	return MNL_CB_OK;
}

static int parse_u64_nest(const struct nlattr *a, uint64_t *v, unsigned int max)
{
	struct u64_array arr = { .v = v, .max = max };

	return mnl_attr_parse_nested(a, u64_array_cb, &arr);
}

static int key_attr_cb(const struct nlattr *a, void *data)
{
	struct key_info *k = data;

	if (group_sel_attr(a, &k->g.sel))
		return MNL_CB_OK;
	switch (mnl_attr_get_type(a)) {
	case SLSEC_A_ALG:
		k->g.alg = mnl_attr_get_u32(a);
		break;
	case SLSEC_A_KEY_ID:
		k->id = mnl_attr_get_u32(a);
		break;
	case SLSEC_A_KEY_STATE:
		k->state = mnl_attr_get_u8(a);
		break;
	case SLSEC_A_KEY_AGE:
		k->age = mnl_attr_get_u64(a);
		break;
	case SLSEC_A_KEY_ACTIVE_FOR:
		k->active_for = mnl_attr_get_u64(a);
		k->has_active_for = true;
		break;
	case SLSEC_A_ACTIVATE_AT:
		k->activate_at = mnl_attr_get_u64(a);
		k->has_activate_at = true;
		break;
	case SLSEC_A_KEY_RETIRE_IN:
		k->retire_in = mnl_attr_get_u64(a);
		k->has_retire_in = true;
		break;
	case SLSEC_A_INSTALL:
		k->install = mnl_attr_get_u64(a);
		k->has_install = true;
		break;
	case SLSEC_A_KEY_USAGE:
		return parse_u64_nest(a, k->usage, __SLSEC_A_KU_MAX) < 0 ?
		       MNL_CB_ERROR : MNL_CB_OK;
	case SLSEC_A_LIFETIME:
		return parse_u64_nest(a, k->life, __SLSEC_A_LT_MAX) < 0 ?
		       MNL_CB_ERROR : MNL_CB_OK;
	}
	return MNL_CB_OK;
}

static void print_ms(const char *json, const char *fmt, uint64_t ms)
{
	char buf[32];

	format_ms(buf, sizeof(buf), ms);
	print_uint(PRINT_JSON, json, NULL, ms);
	print_string(PRINT_FP, NULL, fmt, buf);
}

/* How much of limit @t is used, by the key's usage counters. */
static uint64_t key_used(const struct key_info *k, unsigned int t)
{
	switch (t) {
	case SLSEC_A_LT_SOFT_TIME:
	case SLSEC_A_LT_HARD_TIME:
		return k->active_for;
	case SLSEC_A_LT_SOFT_PACKETS:
	case SLSEC_A_LT_HARD_PACKETS:
		return k->usage[SLSEC_A_KU_TX_PACKETS];
	default:
		return k->usage[SLSEC_A_KU_TX_BYTES];
	}
}

/* "lifetime hard-time 60s left 42s soft-packets 1000 left 900". */
static void print_lifetime(const struct key_info *k)
{
	char fmt[48], left[24];
	unsigned int t;

	print_open_obj("lifetime");
	for (t = SLSEC_A_LT_SOFT_TIME; t < __SLSEC_A_LT_MAX; t++) {
		uint64_t lim = k->life[t], used = key_used(k, t);
		uint64_t rest = lim > used ? lim - used : 0;

		if (!lim)
			continue;
		snprintf(fmt, sizeof(fmt), " %s %%s", life_names[t].text);
		snprintf(left, sizeof(left), "%s_left", life_names[t].json);
		if (life_names[t].ms) {
			print_ms(life_names[t].json, fmt, lim);
			print_ms(left, " left %s", rest);
		} else {
			snprintf(fmt, sizeof(fmt), " %s %%llu", life_names[t].text);
			print_uint(PRINT_ANY, life_names[t].json, fmt, lim);
			print_uint(PRINT_ANY, left, " left %llu", rest);
		}
	}
	print_close_obj();
}

static void print_state(const struct key_info *k)
{
	char when[48];

	print_string(PRINT_ANY, "state", " state %s",
		     k->state < __SLSEC_KEY_STATE_MAX ? state_names[k->state]
						      : "unknown");
	print_ms("age_ms", " age %s", k->age);
	if (k->has_active_for)
		print_ms("active_for_ms", " active-for %s", k->active_for);
	if (k->has_activate_at) {
		format_walltime(when, sizeof(when), k->activate_at);
		print_string(PRINT_ANY, "activate_at", " activate-at %s", when);
	}
	if (k->has_retire_in)
		print_ms("retire_in_ms", " retire-in %s", k->retire_in);
	/* Sent in every frame of this installation: not a secret. */
	if (k->has_install)
		print_install("install", k->install);
}

static int key_cb(const struct nlmsghdr *nlh, void *data)
{
	char dev[IF_NAMESIZE], addr[INET6_ADDRSTRLEN];
	struct key_info k = { 0 };

	(void)data;
	if (mnl_attr_parse(nlh, GENL_HDRLEN, key_attr_cb, &k) < 0)
		return MNL_CB_ERROR;
	group_names(&k.g, dev, addr);
	print_open_obj(NULL);
	print_string(PRINT_ANY, "dev", "dev %s", dev);
	print_string(PRINT_ANY, "addr", " addr %s", addr);
	print_uint(PRINT_ANY, "id", " id %llu", k.id);
	print_string(PRINT_ANY, "alg", " alg %s", slsec_alg_name(k.g.alg));
	print_state(&k);
	print_string(PRINT_FP, NULL, "%s", "\n    usage:");
	print_uint(PRINT_ANY, "tx_packets", " tx-packets %llu",
		   k.usage[SLSEC_A_KU_TX_PACKETS]);
	print_uint(PRINT_ANY, "tx_bytes", " tx-bytes %llu",
		   k.usage[SLSEC_A_KU_TX_BYTES]);
	print_uint(PRINT_ANY, "rx_packets", " rx-packets %llu",
		   k.usage[SLSEC_A_KU_RX_PACKETS]);
	print_uint(PRINT_ANY, "rx_bytes", " rx-bytes %llu",
		   k.usage[SLSEC_A_KU_RX_BYTES]);
	if (memcmp(k.life, (uint64_t[__SLSEC_A_LT_MAX]){ 0 }, sizeof(k.life))) {
		print_string(PRINT_FP, NULL, "%s", "\n    lifetime:");
		print_lifetime(&k);
	}
	print_close_obj();
	print_nl();
	return MNL_CB_OK;
}

/* key show [ dev DEV [ addr ADDR ] ] */
int key_show(int argc, char **argv)
{
	struct group_sel sel = { 0 };
	int err;

	err = parse_group_only(argc, argv, &sel);
	if (err)
		return err;
	print_open_array(NULL);
	err = slsec_do(SLSEC_CMD_KEY_GET, NLM_F_DUMP, put_group_sel_arg, &sel,
		       key_cb, NULL, "cannot show keys");
	print_close_array();
	return err;
}
