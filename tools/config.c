// SPDX-License-Identifier: GPL-2.0
/* slsec config set: the namespace's require-sealed mode (one-way). */

#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/slsec.h>

#include "config.h"
#include "utils.h"

static void put_config(struct nlmsghdr *nlh, const void *arg)
{
	mnl_attr_put_u8(nlh, SLSEC_A_REQUIRE_SEALED, *(const uint8_t *)arg);
}

static int config_set(int argc, char **argv)
{
	uint8_t on;

	if (argc != 2 || strcmp(argv[0], "require-sealed") ||
	    (strcmp(argv[1], "on") && strcmp(argv[1], "off")))
		return slsec_usage(&config_object, stderr);
	on = !strcmp(argv[1], "on");
	return slsec_do(SLSEC_CMD_CONFIG_SET, 0, put_config, &on, NULL, NULL,
			"cannot change the configuration");
}

static const struct slsec_subcmd config_cmds[] = {
	SLSEC_CMD("set", config_set, "require-sealed on"),
};

const struct slsec_object config_object = {
	.name = "config",
	.summary = "set the namespace's require-sealed mode",
	.cmds = SLSEC_CMDS(config_cmds),
	.notes =
		"require-sealed is one-way: from then on group keys come only from\n"
		"bundles (key add and kek add are refused, from any source).\n",
};
