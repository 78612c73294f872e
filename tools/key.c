// SPDX-License-Identifier: GPL-2.0
/*
 * slsec key { add | del | show }: group keys.  Key bytes come only from a
 * file or standard input and are wiped once sent; show lists key ids,
 * never key bytes (the kernel has no way to return them).
 */

#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "genl.h"
#include "print.h"
#include "group.h"
#include "keyfile.h"
#include "key.h"

static int usage(void)
{
	fprintf(stderr,
		"Usage: slsec key add dev DEV addr ADDR id ID keyfile { PATH | - }\n"
		"       slsec key del dev DEV addr ADDR id ID\n"
		"       slsec key show [ dev DEV [ addr ADDR ] ]\n"
		"ID := 0..255\n"
		"The key file holds exactly the algorithm's key: 16 or 32 raw bytes and\n"
		"nothing else, or 32 or 64 hex digits.  Keys are never taken from the\n"
		"command line.\n");
	return EXIT_SYNTAX;
}

struct key_args {
	struct group_sel sel;
	bool has_id;
	uint32_t id;
	const char *keyfile;
};

static int parse_opt(int argc, char **argv, struct key_args *k)
{
	int r;

	while (argc > 0) {
		r = parse_group_arg(&argc, &argv, &k->sel);
		if (r < 0)
			return EXIT_SYNTAX;
		if (r)
			continue;
		if (!strcmp(argv[0], "key") || !strcmp(argv[0], "key-hex") ||
		    !strcmp(argv[0], "secret")) {
			fprintf(stderr,
				"Error: keys are never taken from the command line (ps and shell history would keep them); use \"keyfile PATH\" or \"keyfile -\".\n");
			return EXIT_SYNTAX;
		}
		if (argc < 2)
			return invarg("unknown or incomplete option", argv[0]);
		if (!strcmp(argv[0], "id")) {
			if (parse_u32(argv[1], "key id", 255, &k->id))
				return EXIT_SYNTAX;
			k->has_id = true;
		} else if (!strcmp(argv[0], "keyfile")) {
			k->keyfile = argv[1];
		} else {
			return invarg("unknown option", argv[0]);
		}
		argc -= 2, argv += 2;
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

static void put_key(struct nlmsghdr *nlh, const void *arg)
{
	const struct key_put *p = arg;

	put_group_sel(nlh, &p->k->sel);
	mnl_attr_put_u32(nlh, SLSEC_A_KEY_ID, p->k->id);
	if (p->key)
		mnl_attr_put(nlh, SLSEC_A_KEY_MATERIAL, p->keylen, p->key);
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
	if (!k.keyfile)
		return missarg("keyfile PATH");
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

static int key_del(int argc, char **argv)
{
	struct key_args k = { 0 };
	int err;

	err = parse_opt(argc, argv, &k);
	if (err)
		return err;
	if (k.keyfile) {
		fprintf(stderr, "Error: \"key del\" takes no keyfile.\n");
		return EXIT_SYNTAX;
	}
	return slsec_do(SLSEC_CMD_KEY_DEL, 0, put_key,
			&(struct key_put){ .k = &k }, NULL, NULL,
			"cannot delete key");
}

static void print_keys(const struct group_info *g, void *data)
{
	char dev[IF_NAMESIZE], addr[INET6_ADDRSTRLEN];
	unsigned int i;

	(void)data;
	group_names(g, dev, addr);
	for (i = 0; i < g->nkeys; i++) {
		print_open_obj(NULL);
		print_string(PRINT_ANY, "dev", "dev %s", dev);
		print_string(PRINT_ANY, "addr", " addr %s", addr);
		print_uint(PRINT_ANY, "id", " id %llu", g->keys[i]);
		print_string(PRINT_ANY, "alg", " alg %s", slsec_alg_name(g->alg));
		print_close_obj();
		print_nl();
	}
}

int do_key(int argc, char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "show") || !strcmp(argv[0], "list"))
		return group_show_each(argc ? argc - 1 : 0, argv + !!argc,
				       print_keys);
	if (!strcmp(argv[0], "add"))
		return key_add(argc - 1, argv + 1);
	if (!strcmp(argv[0], "del") || !strcmp(argv[0], "delete"))
		return key_del(argc - 1, argv + 1);
	if (is_help(argv[0]))
		return usage(), 0;
	fprintf(stderr, "Command \"%s\" is unknown, try \"slsec key help\".\n",
		argv[0]);
	return EXIT_SYNTAX;
}
