// SPDX-License-Identifier: GPL-2.0
/*
 * slsec key { add | set | del | revoke | show }: group keys and their
 * lifecycle.  Key bytes come only from a file or standard input and are
 * wiped once sent; show never prints key bytes (the kernel has no way to
 * return them).
 */

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "genl.h"
#include "group.h"
#include "key.h"
#include "keyfile.h"
#include "keyring.h"
#include "lifetime.h"
#include "timefmt.h"

static int usage(void)
{
	fprintf(stderr,
		"Usage: slsec key add dev DEV addr ADDR id ID KEYSOURCE\n"
		"                     [ ACTIVATION ] [ LIMIT ]...\n"
		"       slsec key set dev DEV addr ADDR id ID { active | ACTIVATION }\n"
		"       slsec key { del | revoke } dev DEV addr ADDR id ID [ force ]\n"
		"       slsec key show [ dev DEV [ addr ADDR ] ]\n"
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
		"payload is the key.  Keys are never taken from the command line.\n");
	return EXIT_SYNTAX;
}

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

int do_key(int argc, char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "show") || !strcmp(argv[0], "list"))
		return key_show(argc ? argc - 1 : 0, argv + !!argc);
	if (!strcmp(argv[0], "add"))
		return key_add(argc - 1, argv + 1);
	if (!strcmp(argv[0], "set"))
		return key_change(SLSEC_CMD_KEY_SET, argc - 1, argv + 1);
	if (!strcmp(argv[0], "del") || !strcmp(argv[0], "delete"))
		return key_change(SLSEC_CMD_KEY_DEL, argc - 1, argv + 1);
	if (!strcmp(argv[0], "revoke"))
		return key_change(SLSEC_CMD_KEY_REVOKE, argc - 1, argv + 1);
	if (is_help(argv[0]))
		return usage(), 0;
	fprintf(stderr, "Command \"%s\" is unknown, try \"slsec key help\".\n",
		argv[0]);
	return EXIT_SYNTAX;
}
