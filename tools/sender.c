// SPDX-License-Identifier: GPL-2.0
/*
 * slsec sender { show | revoke | restore }: the senders a group holds
 * receive state for, and sender ids whose frames it drops.
 */

#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/slsec.h>

#include "attr.h"
#include "genl.h"
#include "print.h"
#include "sender.h"
#include "selector.h"
#include "utils.h"

struct sender_key {
	uint32_t key_id, epoch, restarts;
	uint64_t next_pn, install, forgeries;
	bool has_epoch, has_install, has_restarts, has_forgeries;
};

static void sk_from_tb(const struct nlattr *const *tb, struct sender_key *k)
{
	if (tb[SLSEC_A_SK_KEY_ID])
		k->key_id = mnl_attr_get_u32(tb[SLSEC_A_SK_KEY_ID]);
	if (tb[SLSEC_A_SK_NEXT_PN])
		k->next_pn = mnl_attr_get_u64(tb[SLSEC_A_SK_NEXT_PN]);
	k->has_epoch = slsec_tb_u32(tb[SLSEC_A_SK_EPOCH], &k->epoch);
	k->has_install = slsec_tb_u64(tb[SLSEC_A_SK_INSTALL], &k->install);
	k->has_restarts = slsec_tb_u32(tb[SLSEC_A_SK_RESTARTS], &k->restarts);
	k->has_forgeries = slsec_tb_u64(tb[SLSEC_A_SK_FORGERIES], &k->forgeries);
}

static int sk_cb(const struct nlattr *a, void *data)
{
	const struct nlattr *tb[__SLSEC_A_SK_MAX] = { 0 };
	struct sender_key k = { 0 };

	(void)data;
	if (slsec_attr_parse_nested(a, slsec_sk_policy, __SLSEC_A_SK_MAX, tb))
		return MNL_CB_OK;
	sk_from_tb(tb, &k);
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

static int sender_cb(const struct nlmsghdr *nlh, void *data)
{
	slsec_tb_t tb = { 0 };
	int err = 0;

	(void)data;
	if (slsec_attr_parse(nlh, tb))
		return MNL_CB_ERROR;
	print_open_obj(NULL);
	if (tb[SLSEC_A_SENDER])
		print_uint(PRINT_ANY, "sender", "sender %llu",
			   mnl_attr_get_u32(tb[SLSEC_A_SENDER]));
	if (tb[SLSEC_A_SENDER_KEYS]) {
		print_open_array("keys");
		err = slsec_attr_nests(tb[SLSEC_A_SENDER_KEYS],
				       SLSEC_A_SENDER_KEY, sk_cb, NULL);
		print_close_array();
	}
	print_close_obj();
	print_nl();
	return err ? MNL_CB_ERROR : MNL_CB_OK;
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

static const struct slsec_subcmd sender_cmds[] = {
	SLSEC_CMD("show", sender_show, "dev DEV addr ADDR"),
	SLSEC_CMD("list", sender_show, NULL),
	SLSEC_NLCMD("revoke", sender_change, SLSEC_CMD_SENDER_REVOKE,
		    "dev DEV addr ADDR id ID"),
	SLSEC_NLCMD("restore", sender_change, SLSEC_CMD_SENDER_RESTORE,
		    "dev DEV addr ADDR id ID"),
};

const struct slsec_object sender_object = {
	.name = "sender",
	.summary = "show senders heard, revoke sender ids",
	.cmds = SLSEC_CMDS(sender_cmds),
	.dflt = "show",
	.notes =
		"Per sender and key: the newest epoch, the next packet number expected,\n"
		"the sender's installation followed, how often a new one replaced it,\n"
		"and the frames under its current traffic keys that failed to\n"
		"authenticate (forgeries; a traffic key opens nothing more at its\n"
		"integrity limit, RFC 9001 6.6).\n"
		"A revoked sender id's frames are dropped and its receive state removed.\n",
};
