// SPDX-License-Identifier: GPL-2.0
/*
 * slsec monitor: print the module's events as they happen, one line each
 * with its time (the kernel's CLOCK_REALTIME stamp), as "ip monitor"
 * does.  -j prints one JSON object a line.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "attr.h"
#include "genl.h"
#include "group.h"
#include "monitor.h"
#include "print.h"
#include "timefmt.h"
#include "utils.h"

static const char *const event_names[] = {
	[SLSEC_EVENT_KEY_ADDED] = "key-added",
	[SLSEC_EVENT_KEY_ACTIVATED] = "key-activated",
	[SLSEC_EVENT_KEY_SOFT_EXPIRED] = "key-soft-expired",
	[SLSEC_EVENT_KEY_HARD_EXPIRED] = "key-hard-expired",
	[SLSEC_EVENT_KEY_REVOKED] = "key-revoked",
	[SLSEC_EVENT_KEY_REMOVED] = "key-removed",
	[SLSEC_EVENT_KEY_RETIRED] = "key-retired",
	[SLSEC_EVENT_NO_TX_KEY] = "no-tx-key",
	[SLSEC_EVENT_UNKNOWN_KEY] = "unknown-key",
	[SLSEC_EVENT_SENDER_COLLISION] = "sender-collision",
	[SLSEC_EVENT_PN_NEAR_END] = "pn-near-end",
	[SLSEC_EVENT_SENDER_REVOKED] = "sender-revoked",
	[SLSEC_EVENT_SENDER_RESTORED] = "sender-restored",
	[SLSEC_EVENT_SENDER_RESTARTED] = "sender-restarted",
	[SLSEC_EVENT_STALE_FRAME] = "stale-frame",
	[SLSEC_EVENT_BUNDLE_APPLIED] = "bundle-applied",
	[SLSEC_EVENT_FORGERY_NEAR_LIMIT] = "forgery-near-limit",
	[SLSEC_EVENT_FORGERY_LIMIT] = "forgery-limit",
};

static const char *const kind_names[] = {
	[SLSEC_EXPIRE_TIME] = "time",
	[SLSEC_EXPIRE_PACKETS] = "packets",
	[SLSEC_EXPIRE_BYTES] = "bytes",
};

/* The usage's list of events, from event_names[]. */
static void print_events(FILE *f)
{
	size_t i, col = 7;

	fprintf(f, "Events:");
	for (i = 1; i < sizeof(event_names) / sizeof(event_names[0]); i++) {
		if (!event_names[i])
			continue;
		if (col + 1 + strlen(event_names[i]) > 76) {
			fputs("\n       ", f);
			col = 7;
		}
		col += fprintf(f, " %s", event_names[i]);
	}
	fputc('\n', f);
}

/* An event as the kernel sends it. */
struct event {
	struct group_info g;
	uint32_t type, key, sender, kind, kek;
	uint64_t time, install, bundle_seq, forgeries;
	bool has_key, has_sender, has_kind, has_install, has_kek, has_seq;
	bool has_forgeries, unauth;
};

static void event_from_tb(const struct nlattr *const *tb, struct event *e)
{
	group_sel_from_tb(tb, &e->g.sel);
	e->unauth = tb[SLSEC_A_UNAUTHENTICATED];
	if (tb[SLSEC_A_EVENT])
		e->type = mnl_attr_get_u32(tb[SLSEC_A_EVENT]);
	if (tb[SLSEC_A_TIME])
		e->time = mnl_attr_get_u64(tb[SLSEC_A_TIME]);
	e->has_forgeries = slsec_tb_u64(tb[SLSEC_A_FORGERIES], &e->forgeries);
	e->has_install = slsec_tb_u64(tb[SLSEC_A_INSTALL], &e->install);
	e->has_seq = slsec_tb_u64(tb[SLSEC_A_BUNDLE_SEQ], &e->bundle_seq);
	e->has_key = slsec_tb_u32(tb[SLSEC_A_KEY_ID], &e->key);
	e->has_sender = slsec_tb_u32(tb[SLSEC_A_SENDER], &e->sender);
	e->has_kind = slsec_tb_u32(tb[SLSEC_A_EXPIRE_KIND], &e->kind);
	e->has_kek = slsec_tb_u32(tb[SLSEC_A_KEK_ID], &e->kek);
}

static void print_event(const struct event *e)
{
	char when[48], dev[IF_NAMESIZE], addr[INET6_ADDRSTRLEN];
	const char *name = e->type < sizeof(event_names) / sizeof(event_names[0]) &&
			   event_names[e->type] ? event_names[e->type] : "unknown";

	format_walltime(when, sizeof(when), e->time);
	group_sel_names(&e->g.sel, dev, addr);
	print_open_obj(NULL);
	print_string(PRINT_ANY, "time", "[%s]", when);
	print_uint(PRINT_JSON, "time_ns", NULL, e->time);
	print_string(PRINT_ANY, "event", " %s", name);
	if (e->g.sel.ifindex)
		print_string(PRINT_ANY, "dev", " dev %s", dev);
	if (e->g.sel.family)
		print_string(PRINT_ANY, "addr", " addr %s", addr);
	/*
	 * NO_TX_KEY carries no key id worth printing.  A restart names the
	 * sender's key as "sender show" does: key K sender S install I.
	 */
	if (e->has_key && e->type == SLSEC_EVENT_SENDER_RESTARTED)
		print_uint(PRINT_ANY, "key", " key %llu", e->key);
	else if (e->has_key && e->type != SLSEC_EVENT_NO_TX_KEY)
		print_uint(PRINT_ANY, "id", " id %llu", e->key);
	if (e->has_sender)
		print_uint(PRINT_ANY, "sender", " sender %llu", e->sender);
	if (e->has_install)
		print_install("install", e->install);
	if (e->has_kind && e->kind <= SLSEC_EXPIRE_BYTES)
		print_string(PRINT_ANY, "kind", " by %s", kind_names[e->kind]);
	if (e->has_kek)
		print_uint(PRINT_ANY, "kek", " kek %llu", e->kek);
	if (e->has_seq)
		print_uint(PRINT_ANY, "seq", " seq %llu", e->bundle_seq);
	if (e->has_forgeries)
		print_uint(PRINT_ANY, "forgeries", " forgeries %llu",
			   e->forgeries);
	/* Raised by a frame that did not authenticate: anyone can. */
	if (e->unauth)
		print_bool(PRINT_ANY, "unauthenticated", " unauthenticated",
			   true);
	print_close_obj();
	print_nl();
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *gh = mnl_nlmsg_get_payload(nlh);
	struct event e = { 0 };
	slsec_tb_t tb = { 0 };

	(void)data;
	if (nlh->nlmsg_len < mnl_nlmsg_size(GENL_HDRLEN) ||
	    gh->cmd != SLSEC_CMD_EVENT || slsec_attr_parse(nlh, tb))
		return MNL_CB_OK;
	event_from_tb(tb, &e);
	print_event(&e);
	return print_record_end() ? MNL_CB_ERROR : MNL_CB_OK;
}

static int monitor_loop(struct slsec_nl *h)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	ssize_t n;

	for (;;) {
		n = mnl_socket_recvfrom(h->sock, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				fprintf(stderr, "Warning: events were lost (receive buffer full).\n");
				continue;
			}
			fprintf(stderr, "Error: cannot read events: %s.\n",
				strerror(errno));
			return EXIT_KERNEL;
		}
		if (mnl_cb_run(buf, (size_t)n, 0, 0, event_cb, NULL) < 0) {
			fprintf(stderr, "Error: cannot write output.\n");
			return EXIT_SYNTAX;
		}
	}
}

static int monitor_all(int argc, char **argv)
{
	struct slsec_nl *h;
	unsigned int grp;
	int err;

	if (argc > 0)
		return invarg("\"slsec monitor\" takes no arguments", argv[0]);
	err = slsec_nl_shared(&h);
	if (err)
		return err;
	grp = h->events_group;
	if (!grp) {
		fprintf(stderr, "Error: the loaded module has no events group.\n");
		return EXIT_KERNEL;
	}
	if (mnl_socket_setsockopt(h->sock, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0) {
		fprintf(stderr, "Error: cannot listen to events: %s.\n",
			strerror(errno));
		return EXIT_KERNEL;
	}
	err = monitor_loop(h);
	/* The socket serves a batch's next command: events stop here. */
	(void)mnl_socket_setsockopt(h->sock, NETLINK_DROP_MEMBERSHIP, &grp,
				    sizeof(grp));
	h->stale = true;
	return err;
}

static const struct slsec_subcmd monitor_cmds[] = {
	SLSEC_CMD("all", monitor_all, "   (-j: one JSON object a line)"),
};

const struct slsec_object monitor_object = {
	.name = "monitor",
	.summary = "print key and group events as they happen",
	.cmds = SLSEC_CMDS(monitor_cmds),
	.dflt = "all",
	.more = print_events,
};
