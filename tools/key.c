// SPDX-License-Identifier: GPL-2.0
/*
 * slsec key { add | set | del | revoke | show }: group keys and their
 * lifecycle; show prints each key's state, age, usage and what is left
 * of its lifetimes.  Key bytes come only from a file or standard input and are
 * wiped once sent; show never prints key bytes (the kernel has no way to
 * return them).
 */

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/genetlink.h>

#include "attr.h"
#include "genl.h"
#include "group.h"
#include "key.h"
#include "keyfile.h"
#include "keyring.h"
#include "lifetime.h"
#include "print.h"
#include "timefmt.h"
#include "utils.h"

/* Largest "activate after": what SLSEC_A_ACTIVATE_AFTER (u32 ms) holds. */
#define ACTIVATE_AFTER_MAX	UINT32_MAX

struct key_args {
	struct group_sel sel;
	bool has_id, force;
	uint32_t id;
	const char *keyfile;
	struct keyring_ref keyring;
	unsigned int act_attr;	/* SLSEC_A_ACTIVATE_* or SLSEC_A_PENDING */
	uint64_t act_val;
	struct lifetime life;
};

/* "activate now|at TIME|after DURATION", "active", "pending". */
static int parse_activation(int *argc, char ***argv, struct key_args *k)
{
	char **a = *argv;
	int used = 1, err = 0;

	if (k->act_attr)
		return invarg("activation given twice", a[0]);
	if (!strcmp(a[0], "pending")) {
		k->act_attr = SLSEC_A_PENDING;
	} else if (!strcmp(a[0], "active")) {
		k->act_attr = SLSEC_A_ACTIVATE_NOW;
	} else if (*argc >= 2 && !strcmp(a[1], "now")) {
		k->act_attr = SLSEC_A_ACTIVATE_NOW;
		used = 2;
	} else if (*argc >= 3 && !strcmp(a[1], "at")) {
		k->act_attr = SLSEC_A_ACTIVATE_AT;
		err = parse_walltime_ns(a[2], &k->act_val);
		used = 3;
	} else if (*argc >= 3 && !strcmp(a[1], "after")) {
		k->act_attr = SLSEC_A_ACTIVATE_AFTER;
		err = parse_duration_ms(a[2], "activation delay",
					ACTIVATE_AFTER_MAX, &k->act_val);
		used = 3;
	} else {
		return invarg("expected \"activate now\", \"activate at TIME\" or \"activate after DURATION\"",
			      a[0]);
	}
	*argc -= used;
	*argv += used;
	return err;
}

static int parse_word(int *argc, char ***argv, struct key_args *k)
{
	char **a = *argv;
	bool done = false;
	int err;

	if (!strcmp(a[0], "force")) {
		k->force = true;
		(*argc)--, (*argv)++;
		return 0;
	}
	if (!strcmp(a[0], "activate") || !strcmp(a[0], "active") ||
	    !strcmp(a[0], "pending"))
		return parse_activation(argc, argv, k);
	if (!strcmp(a[0], "key") || !strcmp(a[0], "key-hex") ||
	    !strcmp(a[0], "secret")) {
		fprintf(stderr,
			"Error: keys are never taken from the command line (ps and shell history would keep them); use \"keyfile PATH\" or \"keyfile -\".\n");
		return EXIT_SYNTAX;
	}
	if (*argc < 2)
		return invarg("unknown or incomplete option", a[0]);
	if (!strcmp(a[0], "id")) {
		err = parse_u32(a[1], "key id", 255, &k->id);
		k->has_id = true;
	} else {
		err = keysource_parse(a[0], a[1], &k->keyfile, &k->keyring,
				      &done);
		if (!done)
			err = lifetime_parse(a[0], a[1], &k->life, &done);
		if (!err && !done)
			return invarg("unknown option", a[0]);
	}
	*argc -= 2, *argv += 2;
	return err ? EXIT_SYNTAX : 0;
}

static int parse_opt(int argc, char **argv, struct key_args *k)
{
	int r;

	while (argc > 0) {
		r = parse_group_arg(&argc, &argv, &k->sel);
		if (r < 0)
			return EXIT_SYNTAX;
		if (r)
			continue;
		r = parse_word(&argc, &argv, k);
		if (r)
			return r;
	}
	if (need_group(&k->sel, true))
		return EXIT_SYNTAX;
	return k->has_id ? 0 : missarg("id ID");
}

struct key_put {
	const struct key_args *k;
	const uint8_t *key;
	size_t keylen;
};

static void put_lifetime(struct nlmsghdr *nlh, const struct key_args *k)
{
	struct nlattr *nest = NULL;
	size_t i;

	for (i = 0; i < NLIMITS; i++) {
		if (!k->life.has[i])
			continue;
		if (!nest)
			nest = mnl_attr_nest_start(nlh, SLSEC_A_LIFETIME);
		mnl_attr_put_u64(nlh, SLSEC_A_LT_SOFT_TIME + i, k->life.v[i]);
	}
	if (nest)
		mnl_attr_nest_end(nlh, nest);
}

static void put_key(struct nlmsghdr *nlh, const void *arg)
{
	const struct key_put *p = arg;
	const struct key_args *k = p->k;

	put_group_sel(nlh, &k->sel);
	mnl_attr_put_u32(nlh, SLSEC_A_KEY_ID, k->id);
	if (p->key)
		mnl_attr_put(nlh, SLSEC_A_KEY_MATERIAL, p->keylen, p->key);
	if (k->keyring.type) {
		mnl_attr_put_u32(nlh, SLSEC_A_KEYRING_TYPE, k->keyring.type);
		mnl_attr_put_strz(nlh, SLSEC_A_KEYRING_DESC, k->keyring.desc);
	}
	if (k->act_attr == SLSEC_A_ACTIVATE_AT)
		mnl_attr_put_u64(nlh, k->act_attr, k->act_val);
	else if (k->act_attr == SLSEC_A_ACTIVATE_AFTER)
		mnl_attr_put_u32(nlh, k->act_attr, (uint32_t)k->act_val);
	else if (k->act_attr)
		mnl_attr_put(nlh, k->act_attr, 0, NULL);
	if (k->force)
		mnl_attr_put(nlh, SLSEC_A_FORCE, 0, NULL);
	put_lifetime(nlh, k);
}

static int key_add(int argc, char **argv)
{
	struct key_args k = { 0 };
	uint8_t key[SLSEC_KEY_MAX];
	size_t len;
	int err;

	err = parse_opt(argc, argv, &k);
	if (err)
		return err;
	if (!k.keyfile == !k.keyring.type) {
		fprintf(stderr, "Error: exactly one of \"keyfile PATH\", \"keyring DESC\" and \"keyid SERIAL\" is needed.\n");
		return EXIT_SYNTAX;
	}
	if (k.force)
		return invarg("\"key add\" takes no", "force");
	if (k.keyring.type)
		return slsec_do(SLSEC_CMD_KEY_ADD, 0, put_key,
				&(struct key_put){ .k = &k }, NULL, NULL,
				"cannot add key");
	/* Keep the key out of swap and core dumps while it is here. */
	if (mlock(key, sizeof(key)))
		fprintf(stderr, "Warning: cannot lock key memory.\n");
	if (keyfile_read(k.keyfile, key, &len)) {
		err = EXIT_SYNTAX;
	} else {
		struct key_put p = { .k = &k, .key = key, .keylen = len };

		err = slsec_do(SLSEC_CMD_KEY_ADD, 0, put_key, &p, NULL, NULL,
			       "cannot add key");
	}
	explicit_bzero(key, sizeof(key));
	(void)munlock(key, sizeof(key));	/* nothing to do if it fails */
	return err;
}

/* key set, del, revoke: no key file, and only the options that apply. */
static int key_change(uint8_t cmd, int argc, char **argv)
{
	struct key_args k = { 0 };
	int err;

	err = parse_opt(argc, argv, &k);
	if (err)
		return err;
	if (k.keyfile || k.keyring.type)
		return invarg("only \"key add\" takes a key source",
			      k.keyfile ? "keyfile" : "keyring");
	if (lifetime_given(&k.life))
		return invarg("only \"key add\" takes", lifetime_given(&k.life));
	if (cmd == SLSEC_CMD_KEY_SET && k.force)
		return invarg("\"key set\" takes no", "force");
	if (cmd == SLSEC_CMD_KEY_SET && !k.act_attr)
		return missarg("active, activate ... or pending");
	if (cmd != SLSEC_CMD_KEY_SET && k.act_attr) {
		fprintf(stderr, "Error: removing a key takes no activation.\n");
		return EXIT_SYNTAX;
	}
	return slsec_do(cmd, 0, put_key, &(struct key_put){ .k = &k }, NULL,
			NULL, cmd == SLSEC_CMD_KEY_SET ? "cannot change key" :
			cmd == SLSEC_CMD_KEY_DEL ? "cannot delete key" :
			"cannot revoke key");
}

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

/* A key reply, validated, into @k. */
static int key_from_tb(const struct nlattr *const *tb, struct key_info *k)
{
	group_sel_from_tb(tb, &k->g.sel);
	if (tb[SLSEC_A_ALG])
		k->g.alg = mnl_attr_get_u32(tb[SLSEC_A_ALG]);
	if (tb[SLSEC_A_KEY_ID])
		k->id = mnl_attr_get_u32(tb[SLSEC_A_KEY_ID]);
	if (tb[SLSEC_A_KEY_STATE])
		k->state = mnl_attr_get_u8(tb[SLSEC_A_KEY_STATE]);
	if (tb[SLSEC_A_KEY_AGE])
		k->age = mnl_attr_get_u64(tb[SLSEC_A_KEY_AGE]);
	k->has_active_for = slsec_tb_u64(tb[SLSEC_A_KEY_ACTIVE_FOR], &k->active_for);
	k->has_activate_at = slsec_tb_u64(tb[SLSEC_A_ACTIVATE_AT], &k->activate_at);
	k->has_retire_in = slsec_tb_u64(tb[SLSEC_A_KEY_RETIRE_IN], &k->retire_in);
	k->has_install = slsec_tb_u64(tb[SLSEC_A_INSTALL], &k->install);
	if (tb[SLSEC_A_KEY_USAGE] &&
	    slsec_attr_u64s(tb[SLSEC_A_KEY_USAGE], k->usage, __SLSEC_A_KU_MAX))
		return -1;
	if (tb[SLSEC_A_LIFETIME] &&
	    slsec_attr_u64s(tb[SLSEC_A_LIFETIME], k->life, __SLSEC_A_LT_MAX))
		return -1;
	return 0;
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
	slsec_tb_t tb = { 0 };

	(void)data;
	if (slsec_attr_parse(nlh, tb) || key_from_tb(tb, &k))
		return MNL_CB_ERROR;
	group_sel_names(&k.g.sel, dev, addr);
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
static int key_show(int argc, char **argv)
{
	return sel_show(argc, argv, SLSEC_CMD_KEY_GET, false, key_cb, NULL,
			"cannot show keys");
}

static const struct slsec_subcmd key_cmds[] = {
	SLSEC_CMD("add", key_add,
	  "dev DEV addr ADDR id ID KEYSOURCE\n"
	  "                     [ ACTIVATION ] [ LIMIT ]..."),
	SLSEC_NLCMD("set", key_change, SLSEC_CMD_KEY_SET,
		    "dev DEV addr ADDR id ID { active | ACTIVATION }"),
	SLSEC_NLCMD("del", key_change, SLSEC_CMD_KEY_DEL,
		    "dev DEV addr ADDR id ID [ force ]"),
	SLSEC_NLCMD("delete", key_change, SLSEC_CMD_KEY_DEL, NULL),
	SLSEC_NLCMD("revoke", key_change, SLSEC_CMD_KEY_REVOKE,
		    "dev DEV addr ADDR id ID [ force ]"),
	SLSEC_CMD("show", key_show, "[ dev DEV [ addr ADDR ] ]"),
	SLSEC_CMD("list", key_show, NULL),
};

const struct slsec_object key_object = {
	.name = "key",
	.summary = "install, activate, revoke and show group keys",
	.cmds = SLSEC_CMDS(key_cmds),
	.dflt = "show",
	.notes =
		"ID := 0..255\n"
		"KEYSOURCE := { keyfile { PATH | - } | keyring [ logon: | encrypted: ]DESC |\n"
		"               keyid SERIAL }\n"
		"ACTIVATION := { activate now | activate at TIME | activate after DURATION |\n"
		"                pending }   (default: activate now)\n"
		"TIME := YYYY-MM-DDTHH:MM:SS[.fff][Z] (UTC) | @SECONDS-SINCE-EPOCH\n"
		"LIMIT := { soft-time | hard-time } DURATION |\n"
		"         { soft-packets | hard-packets | soft-bytes | hard-bytes } N\n"
		"DURATION := a number of seconds, or with a unit: 1.5s, 500ms, 2m, 1h\n"
		"The key file holds exactly the algorithm's key: 16 or 32 raw bytes and\n"
		"nothing else, or 32 or 64 hex digits.  A keyring key (logon or\n"
		"encrypted) is read by the kernel from the caller's keyrings; its\n"
		"payload is the key.  Keys are never taken from the command line.\n",
};
