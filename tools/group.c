// SPDX-License-Identifier: GPL-2.0
/* slsec group { add | set | del | show }: bind multicast groups. */

#include <arpa/inet.h>
#include <net/if.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>

#include "attr.h"
#include "genl.h"
#include "print.h"
#include "group.h"
#include "stats.h"
#include "timefmt.h"
#include "utils.h"

struct group_args {
	struct group_sel sel;
	bool has_sender, has_alg, has_window, has_mode, has_max, has_grace;
	bool has_freshness, has_sender_mark;
	uint32_t sender, alg, window, max_senders, freshness;
	uint64_t grace;
	uint8_t mode, sender_mark;
};

/* "off", "0" or a duration from SLSEC_FRESHNESS_MIN to _MAX ms. */
static int parse_freshness(const char *arg, uint32_t *ms)
{
	uint64_t v;

	/* Only these two turn it off: "0.1ms" is a mistake, not a wish. */
	if (!strcmp(arg, "off") || !strcmp(arg, "0")) {
		*ms = 0;
		return 0;
	}
	if (!duration_ms(arg, &v) &&
	    v >= SLSEC_FRESHNESS_MIN && v <= SLSEC_FRESHNESS_MAX) {
		*ms = (uint32_t)v;
		return 0;
	}
	fprintf(stderr, "Error: invalid freshness \"%s\": a window from %dms to %dh (e.g. 500ms, 5s, 1m), or off.\n",
		arg, SLSEC_FRESHNESS_MIN, SLSEC_FRESHNESS_MAX / 3600000);
	return EXIT_SYNTAX;
}

static int parse_opt(int argc, char **argv, struct group_args *g)
{
	int alg, r;

	while (argc > 0) {
		r = parse_group_arg(&argc, &argv, &g->sel);
		if (r < 0)
			return EXIT_SYNTAX;
		if (r)
			continue;
		if (!strcmp(argv[0], "strict") || !strcmp(argv[0], "permissive")) {
			g->has_mode = true;
			g->mode = argv[0][0] == 's' ? SLSEC_MODE_STRICT
						    : SLSEC_MODE_PERMISSIVE;
			argc--, argv++;
			continue;
		}
		if (argc < 2)
			return invarg("unknown or incomplete option", argv[0]);
		if (!strcmp(argv[0], "sender")) {
			if (parse_u32(argv[1], "sender id", UINT32_MAX, &g->sender))
				return EXIT_SYNTAX;
			g->has_sender = true;
		} else if (!strcmp(argv[0], "alg")) {
			alg = slsec_alg_by_name(argv[1]);
			if (alg < 0)
				return invarg("unknown algorithm", argv[1]);
			g->alg = alg;
			g->has_alg = true;
		} else if (!strcmp(argv[0], "replay-window")) {
			if (parse_u32(argv[1], "replay window", 8192, &g->window))
				return EXIT_SYNTAX;
			g->has_window = true;
		} else if (!strcmp(argv[0], "max-senders")) {
			if (parse_u32(argv[1], "max-senders", SLSEC_MAX_SENDERS_LIMIT,
				      &g->max_senders))
				return EXIT_SYNTAX;
			g->has_max = true;
		} else if (!strcmp(argv[0], "grace")) {
			if (parse_duration_ms(argv[1], "grace", SLSEC_GRACE_MAX,
					      &g->grace))
				return EXIT_SYNTAX;
			g->has_grace = true;
		} else if (!strcmp(argv[0], "freshness")) {
			if (parse_freshness(argv[1], &g->freshness))
				return EXIT_SYNTAX;
			g->has_freshness = true;
		} else if (!strcmp(argv[0], "sender-mark")) {
			if (strcmp(argv[1], "on") && strcmp(argv[1], "off"))
				return invarg("sender-mark is on or off", argv[1]);
			g->sender_mark = !strcmp(argv[1], "on");
			g->has_sender_mark = true;
		} else {
			return invarg("unknown option", argv[0]);
		}
		argc -= 2, argv += 2;
	}
	return 0;
}

static void put_args(struct nlmsghdr *nlh, const void *arg)
{
	const struct group_args *g = arg;

	put_group_sel(nlh, &g->sel);
	if (g->has_sender)
		mnl_attr_put_u32(nlh, SLSEC_A_SENDER, g->sender);
	if (g->has_alg)
		mnl_attr_put_u32(nlh, SLSEC_A_ALG, g->alg);
	if (g->has_window)
		mnl_attr_put_u32(nlh, SLSEC_A_REPLAY_WINDOW, g->window);
	if (g->has_mode)
		mnl_attr_put_u8(nlh, SLSEC_A_MODE, g->mode);
	if (g->has_max)
		mnl_attr_put_u32(nlh, SLSEC_A_MAX_SENDERS, g->max_senders);
	if (g->has_grace)
		mnl_attr_put_u32(nlh, SLSEC_A_GRACE, (uint32_t)g->grace);
	if (g->has_freshness)
		mnl_attr_put_u32(nlh, SLSEC_A_FRESHNESS, g->freshness);
	if (g->has_sender_mark)
		mnl_attr_put_u8(nlh, SLSEC_A_SENDER_MARK, g->sender_mark);
}

static int group_modify(uint8_t cmd, int argc, char **argv)
{
	struct group_args g = { 0 };
	int err;

	err = parse_opt(argc, argv, &g);
	if (!err)
		err = need_group(&g.sel, true);
	if (err)
		return err;
	if (cmd == SLSEC_CMD_GROUP_ADD && !g.has_sender)
		return missarg("sender ID");
	if (cmd == SLSEC_CMD_GROUP_DEL &&
	    (g.has_sender || g.has_alg || g.has_window || g.has_mode ||
	     g.has_max || g.has_grace || g.has_freshness ||
	     g.has_sender_mark)) {
		fprintf(stderr, "Error: \"group del\" takes only dev and addr.\n");
		return EXIT_SYNTAX;
	}
	if (cmd == SLSEC_CMD_GROUP_SET && (g.has_sender || g.has_alg)) {
		fprintf(stderr, "Error: sender id and algorithm cannot change: delete the group and add it again.\n");
		return EXIT_SYNTAX;
	}
	return slsec_do(cmd, 0, put_args, &g, NULL, NULL,
			cmd == SLSEC_CMD_GROUP_ADD ? "cannot add group" :
			cmd == SLSEC_CMD_GROUP_SET ? "cannot change group" :
			"cannot delete group");
}

struct dump_ctx {
	group_fn fn;
	void *data;
};

/* The u32 attributes of a group reply and where they go. */
static const struct {
	unsigned int type;
	size_t off;
} group_u32s[] = {
	{ SLSEC_A_SENDER, offsetof(struct group_info, sender) },
	{ SLSEC_A_ALG, offsetof(struct group_info, alg) },
	{ SLSEC_A_REPLAY_WINDOW, offsetof(struct group_info, replay_window) },
	{ SLSEC_A_MAX_SENDERS, offsetof(struct group_info, max_senders) },
	{ SLSEC_A_NSENDERS, offsetof(struct group_info, nsenders) },
	{ SLSEC_A_GRACE, offsetof(struct group_info, grace) },
};

static int group_from_tb(const struct nlattr *const *tb, struct group_info *g)
{
	size_t i;

	group_sel_from_tb(tb, &g->sel);
	for (i = 0; i < sizeof(group_u32s) / sizeof(group_u32s[0]); i++)
		if (tb[group_u32s[i].type])
			*(uint32_t *)((char *)g + group_u32s[i].off) =
				mnl_attr_get_u32(tb[group_u32s[i].type]);
	if (tb[SLSEC_A_MODE])
		g->mode = mnl_attr_get_u8(tb[SLSEC_A_MODE]);
	if (tb[SLSEC_A_KEYS])
		g->nkeys = slsec_attr_u32s(tb[SLSEC_A_KEYS], SLSEC_A_KEY_ID,
					   g->keys, SLSEC_MAX_KEYS);
	if (tb[SLSEC_A_REVOKED_SENDERS])
		g->nrevoked = slsec_attr_u32s(tb[SLSEC_A_REVOKED_SENDERS],
					      SLSEC_A_SENDER, g->revoked,
					      SLSEC_MAX_REVOKED_SENDERS);
	g->has_freshness = slsec_tb_u32(tb[SLSEC_A_FRESHNESS], &g->freshness);
	g->has_sender_mark = slsec_tb_u8(tb[SLSEC_A_SENDER_MARK], &g->sender_mark);
	g->has_tx_key = slsec_tb_u32(tb[SLSEC_A_TX_KEY_ID], &g->tx_key);
	g->has_stats = tb[SLSEC_A_STATS];
	if (g->has_stats)
		return slsec_attr_u64s(tb[SLSEC_A_STATS], g->stats,
				       __SLSEC_STAT_MAX);
	return 0;
}

static int group_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *ctx = data;
	struct group_info g = { 0 };
	slsec_tb_t tb = { 0 };

	if (slsec_attr_parse(nlh, tb) || group_from_tb(tb, &g))
		return MNL_CB_ERROR;
	ctx->fn(&g, ctx->data);
	return MNL_CB_OK;
}

static void print_group(const struct group_info *g, void *data)
{
	char dev[IF_NAMESIZE], addr[INET6_ADDRSTRLEN], grace[32], fresh[32];
	unsigned int i;

	(void)data;
	group_sel_names(&g->sel, dev, addr);
	print_open_obj(NULL);
	print_string(PRINT_ANY, "dev", "dev %s", dev);
	print_uint(PRINT_JSON, "ifindex", NULL, g->sel.ifindex);
	print_string(PRINT_ANY, "addr", " addr %s", addr);
	print_uint(PRINT_ANY, "sender", " sender %llu", g->sender);
	print_string(PRINT_ANY, "alg", " alg %s", slsec_alg_name(g->alg));
	print_uint(PRINT_ANY, "replay_window", " replay-window %llu",
		   g->replay_window);
	print_string(PRINT_ANY, "mode", " %s", slsec_mode_name(g->mode));
	print_open_array("keys");
	print_string(PRINT_FP, NULL, "%s", g->nkeys ? " keys" : " keys none");
	for (i = 0; i < g->nkeys; i++)
		print_uint(PRINT_ANY, NULL, " %llu", g->keys[i]);
	print_close_array();
	if (g->has_tx_key)
		print_uint(PRINT_ANY, "tx_key", " tx-key %llu", g->tx_key);
	print_uint(PRINT_ANY, "max_senders", " max-senders %llu", g->max_senders);
	print_uint(PRINT_ANY, "senders", " senders %llu", g->nsenders);
	format_ms(grace, sizeof(grace), g->grace);
	print_uint(PRINT_JSON, "grace_ms", NULL, g->grace);
	print_string(PRINT_FP, NULL, " grace %s", grace);
	/* A module older than wire format 2 does not check timestamps. */
	if (g->has_freshness) {
		if (g->freshness)
			format_ms(fresh, sizeof(fresh), g->freshness);
		print_uint(PRINT_JSON, "freshness_ms", NULL, g->freshness);
		print_string(PRINT_FP, NULL, " freshness %s",
			     g->freshness ? fresh : "off");
	}
	/* In the text only when on, as revoked-senders only when any. */
	if (g->has_sender_mark)
		print_bool(PRINT_ANY, "sender_mark", " sender-mark on",
			   g->sender_mark);
	if (g->nrevoked) {
		print_open_array("revoked_senders");
		print_string(PRINT_FP, NULL, "%s", " revoked-senders");
		for (i = 0; i < g->nrevoked; i++)
			print_uint(PRINT_ANY, NULL, " %llu", g->revoked[i]);
		print_close_array();
	}
	if (opts.stats && g->has_stats)
		stats_print(g->stats);
	print_close_obj();
	print_nl();
}

/**
 * group_show_each() - "show [ dev DEV [ addr ADDR ] ]": call @fn per group
 * @argc: arguments after "show"
 * @argv: likewise
 * @fn:   prints one group
 *
 * Return: 0 or an exit code.
 */
int group_show_each(int argc, char **argv, group_fn fn)
{
	struct dump_ctx ctx = { .fn = fn };

	/* One group: a plain get; else a dump, by device if given. */
	return sel_show(argc, argv, SLSEC_CMD_GROUP_GET, true, group_cb, &ctx,
			"cannot show groups");
}

static int group_show(int argc, char **argv)
{
	return group_show_each(argc, argv, print_group);
}

static const struct slsec_subcmd group_cmds[] = {
	SLSEC_NLCMD("add", group_modify, SLSEC_CMD_GROUP_ADD,
	  "dev DEV addr ADDR sender ID [ alg ALG ]\n"
	  "                       [ replay-window N ] [ max-senders M ]\n"
	  "                       [ grace DURATION ] [ freshness WINDOW ]\n"
	  "                       [ sender-mark { on | off } ]\n"
	  "                       [ strict | permissive ]"),
	SLSEC_NLCMD("set", group_modify, SLSEC_CMD_GROUP_SET,
	  "dev DEV addr ADDR [ replay-window N ]\n"
	  "                       [ max-senders M ] [ grace DURATION ]\n"
	  "                       [ freshness WINDOW ] [ sender-mark { on | off } ]\n"
	  "                       [ strict | permissive ]"),
	SLSEC_NLCMD("del", group_modify, SLSEC_CMD_GROUP_DEL, "dev DEV addr ADDR"),
	SLSEC_NLCMD("delete", group_modify, SLSEC_CMD_GROUP_DEL, NULL),
	SLSEC_CMD("show", group_show, "[ dev DEV [ addr ADDR ] ]   (-s: counters)"),
	SLSEC_CMD("list", group_show, NULL),
};

const struct slsec_object group_object = {
	.name = "group",
	.summary = "bind multicast groups to devices",
	.cmds = SLSEC_CMDS(group_cmds),
	.dflt = "show",
	.notes =
		"ALG := { aes-gcm-128 | aes-gcm-256 | chacha20-poly1305 }\n"
		"N := a power of two from 64 to 8192 (default 1024)\n"
		"M := senders to keep receive state for, 1 to 16384 (default 256)\n"
		"DURATION := how long a replaced key is still accepted: seconds, or\n"
		"            with a unit (1.5s, 500ms, 2m); default 30s, at most 24h\n"
		"WINDOW := { DURATION | off }: how far a frame's timestamp may be from\n"
		"          this host's clock, 10ms to 1h (default 5s); off (or 0):\n"
		"          not checked, and frames recorded before a restart pass\n"
		"sender-mark on: datagrams opened get the authenticated sender id as\n"
		"          packet mark (SO_RCVMARK shows it); default off\n",
};
