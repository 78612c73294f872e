// SPDX-License-Identifier: GPL-2.0
/*
 * slsec sender { show | revoke | restore }: the senders a group holds
 * receive state for, and sender ids whose frames it drops.
 */

#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/slsec.h>

#include "genl.h"
#include "print.h"
#include "sender.h"
#include "utils.h"

static int usage(void)
{
	fprintf(stderr,
		"Usage: slsec sender show dev DEV addr ADDR\n"
		"       slsec sender { revoke | restore } dev DEV addr ADDR id ID\n"
		"Per sender and key: the newest epoch, the next packet number expected,\n"
		"the sender's installation followed, how often a new one replaced it,\n"
		"and the frames under its current traffic keys that failed to\n"
		"authenticate (forgeries; a traffic key opens nothing more at its\n"
		"integrity limit, RFC 9001 6.6).\n"
		"A revoked sender id's frames are dropped and its receive state removed.\n");
	return EXIT_SYNTAX;
}

struct sender_key {
	uint32_t key_id, epoch, restarts;
	uint64_t next_pn, install, forgeries;
	bool has_epoch, has_install, has_restarts, has_forgeries;
};

static int sk_attr_cb(const struct nlattr *a, void *data)
{
	struct sender_key *k = data;

	switch (mnl_attr_get_type(a)) {
	case SLSEC_A_SK_KEY_ID:
		k->key_id = mnl_attr_get_u32(a);
		break;
	case SLSEC_A_SK_EPOCH:
		k->epoch = mnl_attr_get_u32(a);
		k->has_epoch = true;
		break;
	case SLSEC_A_SK_NEXT_PN:
		k->next_pn = mnl_attr_get_u64(a);
		break;
	case SLSEC_A_SK_INSTALL:
		k->install = mnl_attr_get_u64(a);
		k->has_install = true;
		break;
	case SLSEC_A_SK_RESTARTS:
		k->restarts = mnl_attr_get_u32(a);
		k->has_restarts = true;
		break;
	case SLSEC_A_SK_FORGERIES:
		if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
			break;
		k->forgeries = mnl_attr_get_u64(a);
		k->has_forgeries = true;
		break;
	}
	return MNL_CB_OK;
}

static int sk_cb(const struct nlattr *a, void *data)
{
	struct sender_key k = { 0 };

	(void)data;
	if (mnl_attr_get_type(a) != SLSEC_A_SENDER_KEY ||
	    mnl_attr_parse_nested(a, sk_attr_cb, &k) < 0)
		return MNL_CB_OK;
	print_open_obj(NULL);
	print_uint(PRINT_ANY, "key", " key %llu", k.key_id);
	if (k.has_epoch)
		print_uint(PRINT_ANY, "epoch", " epoch %llu", k.epoch);
	print_uint(PRINT_ANY, "next_pn", " next-pn %llu", k.next_pn);
	/* The sender's installation followed, and how often it changed. */
	if (k.has_install)
		print_install("install", k.install);
	if (k.has_restarts)
		print_uint(PRINT_ANY, "restarts", " restarts %llu", k.restarts);
	if (k.has_forgeries)
		print_uint(PRINT_ANY, "forgeries", " forgeries %llu",
			   k.forgeries);
	print_close_obj();
	return MNL_CB_OK;
}

static int sender_attr_cb(const struct nlattr *a, void *data)
{
	(void)data;
	switch (mnl_attr_get_type(a)) {
	case SLSEC_A_SENDER:
		print_uint(PRINT_ANY, "sender", "sender %llu",
			   mnl_attr_get_u32(a));
		break;
	case SLSEC_A_SENDER_KEYS:
		print_open_array("keys");
		if (mnl_attr_parse_nested(a, sk_cb, NULL) < 0)
			return MNL_CB_ERROR;
		print_close_array();
		break;
	}
	return MNL_CB_OK;
}

static int sender_cb(const struct nlmsghdr *nlh, void *data)
{
	int err;

	(void)data;
	print_open_obj(NULL);
	err = mnl_attr_parse(nlh, GENL_HDRLEN, sender_attr_cb, NULL);
	print_close_obj();
	print_nl();
	return err < 0 ? MNL_CB_ERROR : MNL_CB_OK;
}

static int sender_show(int argc, char **argv)
{
	struct group_sel sel = { 0 };
	int err;

	err = parse_group_only(argc, argv, &sel);
	if (!err)
		err = need_group(&sel, true);
	if (err)
		return err;
	print_open_array(NULL);
	err = slsec_do(SLSEC_CMD_SENDER_GET, NLM_F_DUMP, put_group_sel_arg,
		       &sel, sender_cb, NULL, "cannot show senders");
	print_close_array();
	return err;
}

struct sender_args {
	struct group_sel sel;
	uint32_t id;
};

static void put_sender(struct nlmsghdr *nlh, const void *arg)
{
	const struct sender_args *a = arg;

	put_group_sel(nlh, &a->sel);
	mnl_attr_put_u32(nlh, SLSEC_A_SENDER, a->id);
}

static int sender_change(uint8_t cmd, int argc, char **argv)
{
	struct sender_args a = { 0 };
	bool has_id = false;
	int r;

	while (argc > 0) {
		r = parse_group_arg(&argc, &argv, &a.sel);
		if (r < 0)
			return EXIT_SYNTAX;
		if (r)
			continue;
		if (argc < 2 || strcmp(argv[0], "id"))
			return invarg("unknown or incomplete option", argv[0]);
		if (parse_u32(argv[1], "sender id", UINT32_MAX, &a.id))
			return EXIT_SYNTAX;
		has_id = true;
		argc -= 2, argv += 2;
	}
	if (need_group(&a.sel, true))
		return EXIT_SYNTAX;
	if (!has_id)
		return missarg("id ID");
	return slsec_do(cmd, 0, put_sender, &a, NULL, NULL,
			cmd == SLSEC_CMD_SENDER_REVOKE ? "cannot revoke sender"
						       : "cannot restore sender");
}

int do_sender(int argc, char **argv)
{
	if (argc < 1 || is_help(argv[0]))
		return usage(), argc < 1 ? EXIT_SYNTAX : 0;
	if (!strcmp(argv[0], "show") || !strcmp(argv[0], "list"))
		return sender_show(argc - 1, argv + 1);
	if (!strcmp(argv[0], "revoke"))
		return sender_change(SLSEC_CMD_SENDER_REVOKE, argc - 1, argv + 1);
	if (!strcmp(argv[0], "restore"))
		return sender_change(SLSEC_CMD_SENDER_RESTORE, argc - 1, argv + 1);
	fprintf(stderr, "Command \"%s\" is unknown, try \"slsec sender help\".\n",
		argv[0]);
	return EXIT_SYNTAX;
}
