// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the subcommands. */

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/slsec.h>

#include "genl.h"
#include "print.h"
#include "utils.h"

struct slsec_opts opts;

int invarg(const char *msg, const char *arg)
{
	fprintf(stderr, "Error: argument \"%s\" is wrong: %s\n", arg, msg);
	return EXIT_SYNTAX;
}

const char *slsec_alg_name(unsigned int alg)
{
	static const char *const names[] = {
		[SLSEC_ALG_AES_GCM_128] = "aes-gcm-128",
		[SLSEC_ALG_AES_GCM_256] = "aes-gcm-256",
		[SLSEC_ALG_CHACHA20_POLY1305] = "chacha20-poly1305",
	};

	if (alg < sizeof(names) / sizeof(names[0]) && names[alg])
		return names[alg];
	return "unknown";
}

/* Open the family; on failure say why.  Return: 0 or an exit code. */
int slsec_open_or_report(struct slsec_nl *h)
{
	int err = slsec_nl_open(h);

	if (!err)
		return 0;
	if (err == -ENOENT)
		fprintf(stderr,
			"Error: slsec module not loaded (no generic netlink family \"%s\"); try \"modprobe slsec\".\n",
			SLSEC_GENL_NAME);
	else
		fprintf(stderr, "Error: cannot talk to the slsec module: %s.\n",
			strerror(-err));
	return EXIT_KERNEL;
}

/*
 * " install 0x0123456789abcdef": a key's installation id (random, on the
 * air in every frame, not secret).  JSON gets the same hex string: an id,
 * not a quantity, and beyond what a JSON number holds exactly.
 */
void print_install(const char *key, uint64_t install)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%016llx", (unsigned long long)install);
	print_string(PRINT_ANY, key, " install %s", buf);
}

int missarg(const char *what)
{
	fprintf(stderr, "Error: \"%s\" is required.\n", what);
	return EXIT_SYNTAX;
}

int parse_u32(const char *arg, const char *what, uint32_t max, uint32_t *v)
{
	unsigned long long n;
	char *end;

	errno = 0;
	n = strtoull(arg, &end, 0);
	if (errno || end == arg || *end || arg[0] == '-' || n > max) {
		fprintf(stderr, "Error: invalid %s \"%s\" (0 to %u).\n", what,
			arg, max);
		return EXIT_SYNTAX;
	}
	*v = n;
	return 0;
}

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

/* "help", "-h", "-help" and "--help" all ask a subcommand for its usage. */
bool is_help(const char *arg)
{
	return !strcmp(arg, "help") || !strcmp(arg, "-h") ||
	       !strcmp(arg, "-help") || !strcmp(arg, "--help");
}

/* put_fn form of put_group_sel(). */
void put_group_sel_arg(struct nlmsghdr *nlh, const void *arg)
{
	put_group_sel(nlh, arg);
}

int slsec_alg_by_name(const char *name)
{
	unsigned int alg;

	for (alg = 1; alg <= SLSEC_ALG_MAX; alg++)
		if (!strcmp(name, slsec_alg_name(alg)))
			return alg;
	return -1;
}

const char *slsec_mode_name(unsigned int mode)
{
	return mode == SLSEC_MODE_PERMISSIVE ? "permissive" : "strict";
}

/**
 * slsec_do() - one request: open, build, send, read replies, report, close
 * @cmd:   SLSEC_CMD_*
 * @flags: extra netlink flags (NLM_F_DUMP)
 * @put:   adds the request's attributes, may be NULL
 * @arg:   passed to @put
 * @cb:    called for each reply message, may be NULL
 * @data:  passed to @cb
 * @what:  what failed, for an error without the kernel's own text
 *
 * The request buffer is wiped afterwards: it may have held a key.
 * Return: 0 or an exit code, after printing the error.
 */
int slsec_do(uint8_t cmd, uint16_t flags, put_fn put, const void *arg,
	     int (*cb)(const struct nlmsghdr *nlh, void *data), void *data,
	     const char *what)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct slsec_nl h;
	int err;

	err = slsec_open_or_report(&h);
	if (err)
		return err;
	nlh = slsec_nl_msg(&h, buf, cmd, flags);
	if (put)
		put(nlh, arg);
	err = slsec_nl_talk(&h, nlh, cb, data);
	explicit_bzero(buf, sizeof(buf));
	if (err)
		err = slsec_nl_error(&h, err, what);
	slsec_nl_close(&h);
	return err;
}

/* IFINDEX, ADDR4 or ADDR6 of a reply into @sel: true if @a was one. */
bool group_sel_attr(const struct nlattr *a, struct group_sel *sel)
{
	unsigned int t = mnl_attr_get_type(a);

	if (t == SLSEC_A_IFINDEX && mnl_attr_validate(a, MNL_TYPE_U32) >= 0) {
		sel->ifindex = mnl_attr_get_u32(a);
		return true;
	}
	if (t != SLSEC_A_ADDR4 && t != SLSEC_A_ADDR6)
		return false;
	sel->family = t == SLSEC_A_ADDR4 ? AF_INET : AF_INET6;
	if (mnl_attr_get_payload_len(a) <= sizeof(sel->addr))
		memcpy(sel->addr, mnl_attr_get_payload(a),
		       mnl_attr_get_payload_len(a));
	return true;
}
