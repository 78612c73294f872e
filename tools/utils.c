// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the subcommands. */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/slsec.h>

#include "genl.h"
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
