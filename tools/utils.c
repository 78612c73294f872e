// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the subcommands. */

#include <errno.h>
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

int missarg(const char *what)
{
	fprintf(stderr, "Error: \"%s\" is required.\n", what);
	return EXIT_SYNTAX;
}

/* "help", "-h", "-help" and "--help" all ask a subcommand for its usage. */
bool is_help(const char *arg)
{
	return !strcmp(arg, "help") || !strcmp(arg, "-h") ||
	       !strcmp(arg, "-help") || !strcmp(arg, "--help");
}

/*
 * Before reading @what from standard input: inside "-batch -" the batch
 * itself is standard input, and a line would be taken for the key.
 * Return: 0, or EXIT_SYNTAX after saying so.
 */
int stdin_free(const char *what)
{
	if (!opts.stdin_busy)
		return 0;
	fprintf(stderr, "Error: cannot read %s from standard input: the batch is read from it; give a file.\n",
		what);
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

/**
 * slsec_do() - one request on the process's socket: build, send, read
 * replies, report
 * @cmd:   SLSEC_CMD_*
 * @flags: extra netlink flags (NLM_F_DUMP)
 * @put:   adds the request's attributes, may be NULL
 * @arg:   passed to @put
 * @cb:    called for each reply message, may be NULL
 * @data:  passed to @cb
 * @what:  what failed, for an error without the kernel's own text
 *
 * The request buffer is on the stack and wiped afterwards (it may have
 * held a key): nothing of one command's request outlives it.
 * Return: 0 or an exit code, after printing the error.
 */
int slsec_do(uint8_t cmd, uint16_t flags, put_fn put, const void *arg,
	     int (*cb)(const struct nlmsghdr *nlh, void *data), void *data,
	     const char *what)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct slsec_nl *h;
	int err;

	err = slsec_nl_shared(&h);
	if (err)
		return err;
	nlh = slsec_nl_msg(h, buf, cmd, flags);
	if (put)
		put(nlh, arg);
	err = slsec_nl_talk(h, nlh, cb, data);
	explicit_bzero(buf, sizeof(buf));
	return err ? slsec_nl_error(h, err, what) : 0;
}
