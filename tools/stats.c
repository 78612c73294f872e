// SPDX-License-Identifier: GPL-2.0
/* slsec stats { show | reset }: per-group counters, drops by reason. */

#include <stdio.h>
#include <string.h>

#include "genl.h"
#include "group.h"
#include "print.h"
#include "stats.h"
#include "utils.h"

/* Counter names: JSON keys, and the text's words after each line's title. */
static const struct {
	const char *json;
	const char *text;
} stat_names[__SLSEC_STAT_MAX] = {
	[SLSEC_STAT_TX_PACKETS] = { "tx_packets", "packets" },
	[SLSEC_STAT_TX_BYTES] = { "tx_bytes", "bytes" },
	[SLSEC_STAT_TX_DROP_NO_KEY] = { "tx_drop_no_key", "no-key" },
	[SLSEC_STAT_TX_DROP_NOMEM] = { "tx_drop_nomem", "nomem" },
	[SLSEC_STAT_TX_DROP_ERROR] = { "tx_drop_error", "error" },
	[SLSEC_STAT_RX_PACKETS] = { "rx_packets", "packets" },
	[SLSEC_STAT_RX_BYTES] = { "rx_bytes", "bytes" },
	[SLSEC_STAT_RX_PLAINTEXT] = { "rx_plaintext", "plaintext-passed" },
	[SLSEC_STAT_RX_DROP_BAD_HEADER] = { "rx_drop_bad_header", "bad-header" },
	[SLSEC_STAT_RX_DROP_UNKNOWN_KEY] = { "rx_drop_unknown_key", "unknown-key" },
	[SLSEC_STAT_RX_DROP_AUTH] = { "rx_drop_auth", "auth" },
	[SLSEC_STAT_RX_DROP_REPLAY] = { "rx_drop_replay", "replay" },
	[SLSEC_STAT_RX_DROP_TOO_OLD] = { "rx_drop_too_old", "too-old" },
	[SLSEC_STAT_RX_DROP_NO_STATE] = { "rx_drop_no_state", "no-state" },
	[SLSEC_STAT_RX_DROP_PLAINTEXT] = { "rx_drop_plaintext", "plaintext" },
	[SLSEC_STAT_RX_DROP_COLLISION] = { "rx_drop_collision", "collision" },
	[SLSEC_STAT_RX_DROP_NOMEM] = { "rx_drop_nomem", "nomem" },
	[SLSEC_STAT_TX_DROP_KEY_EXPIRED] = { "tx_drop_key_expired", "key-expired" },
	[SLSEC_STAT_RX_DROP_REVOKED_KEY] = { "rx_drop_revoked_key", "revoked-key" },
	[SLSEC_STAT_RX_DROP_REVOKED_SENDER] = { "rx_drop_revoked_sender",
						"revoked-sender" },
	[SLSEC_STAT_RX_DROP_RETIRED_KEY] = { "rx_drop_retired_key", "retired-key" },
	[SLSEC_STAT_TX_DROP_BUSY] = { "tx_drop_busy", "busy" },
	[SLSEC_STAT_RX_DROP_BUSY] = { "rx_drop_busy", "busy" },
	[SLSEC_STAT_RX_DROP_STALE] = { "rx_drop_stale", "stale" },
	[SLSEC_STAT_RX_DROP_SUPERSEDED] = { "rx_drop_superseded", "superseded" },
	[SLSEC_STAT_TX_DROP_UNSEALED] = { "tx_drop_unsealed", "unsealed" },
	[SLSEC_STAT_TX_DROP_TOO_BIG] = { "tx_drop_too_big", "too-big" },
	[SLSEC_STAT_RX_DROP_BACKLOG] = { "rx_drop_backlog", "backlog" },
	[SLSEC_STAT_RX_DROP_EPOCH] = { "rx_drop_epoch", "epoch" },
	[SLSEC_STAT_RX_DROP_FORGERY_LIMIT] = { "rx_drop_forgery_limit",
					       "forgery-limit" },
};

/* The text form's lines: a title and its counters (0 ends the list). */
static const struct {
	const char *title;
	unsigned char stat[24];
} stat_lines[] = {
	{ "tx:", { SLSEC_STAT_TX_PACKETS, SLSEC_STAT_TX_BYTES } },
	{ "tx drop:", { SLSEC_STAT_TX_DROP_NO_KEY, SLSEC_STAT_TX_DROP_KEY_EXPIRED,
			SLSEC_STAT_TX_DROP_NOMEM, SLSEC_STAT_TX_DROP_BUSY,
			SLSEC_STAT_TX_DROP_ERROR, SLSEC_STAT_TX_DROP_UNSEALED,
			SLSEC_STAT_TX_DROP_TOO_BIG } },
	{ "rx:", { SLSEC_STAT_RX_PACKETS, SLSEC_STAT_RX_BYTES,
		   SLSEC_STAT_RX_PLAINTEXT } },
	{ "rx drop:", { SLSEC_STAT_RX_DROP_BAD_HEADER,
			SLSEC_STAT_RX_DROP_UNKNOWN_KEY,
			SLSEC_STAT_RX_DROP_REVOKED_KEY,
			SLSEC_STAT_RX_DROP_RETIRED_KEY, SLSEC_STAT_RX_DROP_AUTH,
			SLSEC_STAT_RX_DROP_REPLAY, SLSEC_STAT_RX_DROP_TOO_OLD,
			SLSEC_STAT_RX_DROP_NO_STATE, SLSEC_STAT_RX_DROP_PLAINTEXT,
			SLSEC_STAT_RX_DROP_COLLISION,
			SLSEC_STAT_RX_DROP_REVOKED_SENDER,
			SLSEC_STAT_RX_DROP_NOMEM, SLSEC_STAT_RX_DROP_BUSY,
			SLSEC_STAT_RX_DROP_STALE,
			SLSEC_STAT_RX_DROP_SUPERSEDED,
			SLSEC_STAT_RX_DROP_BACKLOG, SLSEC_STAT_RX_DROP_EPOCH,
			SLSEC_STAT_RX_DROP_FORGERY_LIMIT } },
};

void stats_print(const uint64_t stats[__SLSEC_STAT_MAX])
{
	char fmt[64];
	unsigned int l, i;

	print_open_obj("stats");
	for (l = 0; l < sizeof(stat_lines) / sizeof(stat_lines[0]); l++) {
		print_string(PRINT_FP, NULL, "\n    %s", stat_lines[l].title);
		for (i = 0; i < sizeof(stat_lines[l].stat) &&
			    stat_lines[l].stat[i]; i++) {
			unsigned int k = stat_lines[l].stat[i];

			snprintf(fmt, sizeof(fmt), " %s %%llu", stat_names[k].text);
			print_uint(PRINT_ANY, stat_names[k].json, fmt, stats[k]);
		}
	}
	print_close_obj();
}

static void print_group_stats(const struct group_info *g, void *data)
{
	char dev[IF_NAMESIZE], addr[INET6_ADDRSTRLEN];

	(void)data;
	group_sel_names(&g->sel, dev, addr);
	print_open_obj(NULL);
	print_string(PRINT_ANY, "dev", "dev %s", dev);
	print_string(PRINT_ANY, "addr", " addr %s", addr);
	if (g->has_stats)
		stats_print(g->stats);
	print_close_obj();
	print_nl();
}

static int stats_reset(int argc, char **argv)
{
	struct group_sel sel = { 0 };
	int err;

	err = parse_group_only(argc, argv, &sel);
	if (err)
		return err;
	return slsec_do(SLSEC_CMD_STATS_RESET, 0, put_group_sel_arg, &sel, NULL, NULL,
			"cannot reset counters");
}

static int stats_show(int argc, char **argv)
{
	return group_show_each(argc, argv, print_group_stats);
}

static const struct slsec_subcmd stats_cmds[] = {
	SLSEC_CMD("show", stats_show, "[ dev DEV [ addr ADDR ] ]"),
	SLSEC_CMD("list", stats_show, NULL),
	SLSEC_CMD("reset", stats_reset, "[ dev DEV [ addr ADDR ] ]"),
};

const struct slsec_object stats_object = {
	.name = "stats",
	.summary = "show and reset per-group counters",
	.cmds = SLSEC_CMDS(stats_cmds),
	.dflt = "show",
};
