// SPDX-License-Identifier: GPL-2.0
/*
 * The group selector "dev DEV [ addr ADDR ]": parsed from the command
 * line, put into a request, read back from a reply, printed.
 */

#include <stdio.h>
#include <string.h>
#include <linux/slsec.h>

#include "print.h"
#include "selector.h"
#include "utils.h"

static int parse_dev(const char *name, struct group_sel *sel)
{
	sel->ifindex = if_nametoindex(name);
	if (sel->ifindex)
		return 0;
	fprintf(stderr, "Error: device \"%s\" does not exist.\n", name);
	return EXIT_SYNTAX;
}

static int parse_addr(const char *s, struct group_sel *sel)
{
	if (inet_pton(AF_INET, s, sel->addr) == 1)
		sel->family = AF_INET;
	else if (inet_pton(AF_INET6, s, sel->addr) == 1)
		sel->family = AF_INET6;
	else
		return invarg("not an IPv4 or IPv6 address", s);
	if ((sel->family == AF_INET && (sel->addr[0] & 0xf0) != 0xe0) ||
	    (sel->family == AF_INET6 && sel->addr[0] != 0xff)) {
		fprintf(stderr, "Error: \"%s\" is not a multicast address.\n", s);
		return EXIT_SYNTAX;
	}
	return 0;
}

/**
 * parse_group_arg() - take "dev DEV" or "addr ADDR" off the arguments
 * @argc: argument count, advanced past what was taken
 * @argv: arguments, likewise
 * @sel:  the group being named
 *
 * Return: 1 if taken, 0 if the argument is something else, -1 after
 * printing an error.
 */
int parse_group_arg(int *argc, char ***argv, struct group_sel *sel)
{
	const char *kw = (*argv)[0];
	int err;

	if (strcmp(kw, "dev") && strcmp(kw, "addr"))
		return 0;
	if (*argc < 2) {
		fprintf(stderr, "Error: \"%s\" needs a value.\n", kw);
		return -1;
	}
	err = strcmp(kw, "dev") ? parse_addr((*argv)[1], sel)
				: parse_dev((*argv)[1], sel);
	if (err)
		return -1;
	*argc -= 2;
	*argv += 2;
	return 1;
}

/**
 * parse_group_only() - arguments that may only name a group
 * @argc: arguments
 * @argv: likewise
 * @sel:  the result: dev (and addr), or nothing
 *
 * Return: 0 or EXIT_SYNTAX after printing the error.
 */
int parse_group_only(int argc, char **argv, struct group_sel *sel)
{
	int r;

	while (argc > 0) {
		r = parse_group_arg(&argc, &argv, sel);
		if (r < 0)
			return EXIT_SYNTAX;
		if (!r)
			return invarg("unknown option", argv[0]);
	}
	if (sel->family && !sel->ifindex)
		return missarg("dev DEV");
	return 0;
}

int need_group(const struct group_sel *sel, bool need_addr)
{
	if (!sel->ifindex)
		return missarg("dev DEV");
	if (need_addr && !sel->family)
		return missarg("addr ADDR");
	return 0;
}

void put_group_sel(struct nlmsghdr *nlh, const struct group_sel *sel)
{
	if (sel->ifindex)
		mnl_attr_put_u32(nlh, SLSEC_A_IFINDEX, sel->ifindex);
	if (sel->family == AF_INET)
		mnl_attr_put(nlh, SLSEC_A_ADDR4, 4, sel->addr);
	else if (sel->family == AF_INET6)
		mnl_attr_put(nlh, SLSEC_A_ADDR6, 16, sel->addr);
}

/* put_fn form of put_group_sel(). */
void put_group_sel_arg(struct nlmsghdr *nlh, const void *arg)
{
	put_group_sel(nlh, arg);
}

/* IFINDEX and ADDR4 or ADDR6 of a reply parsed by slsec_attr_parse(). */
void group_sel_from_tb(const struct nlattr *const *tb, struct group_sel *sel)
{
	if (tb[SLSEC_A_IFINDEX])
		sel->ifindex = mnl_attr_get_u32(tb[SLSEC_A_IFINDEX]);
	if (tb[SLSEC_A_ADDR4]) {
		sel->family = AF_INET;
		memcpy(sel->addr, mnl_attr_get_payload(tb[SLSEC_A_ADDR4]), 4);
	} else if (tb[SLSEC_A_ADDR6]) {
		sel->family = AF_INET6;
		memcpy(sel->addr, mnl_attr_get_payload(tb[SLSEC_A_ADDR6]), 16);
	}
}

/* The group's device name and address as text. */
void group_sel_names(const struct group_sel *sel, char dev[IF_NAMESIZE],
		     char addr[INET6_ADDRSTRLEN])
{
	if (!if_indextoname(sel->ifindex, dev))
		snprintf(dev, IF_NAMESIZE, "if%u", sel->ifindex);
	if (!inet_ntop(sel->family, sel->addr, addr, INET6_ADDRSTRLEN))
		snprintf(addr, INET6_ADDRSTRLEN, "?");
}

/**
 * sel_show() - "show [ dev DEV [ addr ADDR ] ]": a dump, as a JSON array
 * @argc:    arguments after "show"
 * @argv:    likewise
 * @cmd:     SLSEC_CMD_*_GET
 * @get_one: a plain get (not a dump) when the address is given
 * @cb:      called for each reply
 * @data:    passed to @cb
 * @what:    what failed, for an error without the kernel's own text
 *
 * Return: 0 or an exit code.
 */
int sel_show(int argc, char **argv, uint8_t cmd, bool get_one, mnl_cb_t cb,
	     void *data, const char *what)
{
	struct group_sel sel = { 0 };
	int err;

	err = parse_group_only(argc, argv, &sel);
	if (err)
		return err;
	print_open_array(NULL);
	err = slsec_do(cmd, get_one && sel.family ? 0 : NLM_F_DUMP,
		       put_group_sel_arg, &sel, cb, data, what);
	print_close_array();
	return err;
}
