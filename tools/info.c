// SPDX-License-Identifier: GPL-2.0
/* slsec info: what the loaded module is and can do; slsec -V. */

#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/slsec.h>

#include "attr.h"
#include "genl.h"
#include "print.h"
#include "utils.h"
#include "info.h"
#include "kek.h"

struct info {
	char version[32];
	uint32_t abi;
	uint8_t ipproto;
	uint32_t ngroups;
	uint32_t max_groups;	/* 0: an older module, no limit told */
	uint32_t algs[SLSEC_ALG_MAX + 1];
	unsigned int nalgs;
	uint8_t require_sealed;
	struct kek_list keks;
	uint64_t bstats[__SLSEC_BSTAT_MAX];
};

static const char *const bstat_names[__SLSEC_BSTAT_MAX] = {
	[SLSEC_BSTAT_APPLIED] = "applied",
	[SLSEC_BSTAT_MALFORMED] = "malformed",
	[SLSEC_BSTAT_NO_KEK] = "no_kek",
	[SLSEC_BSTAT_AUTH] = "auth",
	[SLSEC_BSTAT_WRONG_DEVICE] = "wrong_device",
	[SLSEC_BSTAT_REPLAY] = "replay",
	[SLSEC_BSTAT_BAD_KEY] = "bad_key",
	[SLSEC_BSTAT_WRONG_GROUP] = "wrong_group",
	[SLSEC_BSTAT_REFUSED] = "refused",
};

static void info_from_tb(const struct nlattr *const *tb, struct info *in)
{
	if (tb[SLSEC_A_INFO_VERSION])
		snprintf(in->version, sizeof(in->version), "%s",
			 mnl_attr_get_str(tb[SLSEC_A_INFO_VERSION]));
	if (tb[SLSEC_A_INFO_ABI])
		in->abi = mnl_attr_get_u32(tb[SLSEC_A_INFO_ABI]);
	if (tb[SLSEC_A_INFO_IPPROTO])
		in->ipproto = mnl_attr_get_u8(tb[SLSEC_A_INFO_IPPROTO]);
	if (tb[SLSEC_A_INFO_NGROUPS])
		in->ngroups = mnl_attr_get_u32(tb[SLSEC_A_INFO_NGROUPS]);
	if (tb[SLSEC_A_MAX_GROUPS])
		in->max_groups = mnl_attr_get_u32(tb[SLSEC_A_MAX_GROUPS]);
	if (tb[SLSEC_A_INFO_ALGS])
		in->nalgs = slsec_attr_u32s(tb[SLSEC_A_INFO_ALGS],
					    SLSEC_A_ALG_ID, in->algs,
					    SLSEC_ALG_MAX + 1);
	if (tb[SLSEC_A_REQUIRE_SEALED])
		in->require_sealed = mnl_attr_get_u8(tb[SLSEC_A_REQUIRE_SEALED]);
	if (tb[SLSEC_A_KEKS])
		kek_list_parse(tb[SLSEC_A_KEKS], &in->keks);
	if (tb[SLSEC_A_BUNDLE_STATS])
		(void)slsec_attr_u64s(tb[SLSEC_A_BUNDLE_STATS], in->bstats,
				      __SLSEC_BSTAT_MAX); /* read up to the damage */
}

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	slsec_tb_t tb = { 0 };

	if (slsec_attr_parse(nlh, tb))
		return MNL_CB_ERROR;
	info_from_tb(tb, data);
	return MNL_CB_OK;
}

static int info_get(struct info *in)
{
	memset(in, 0, sizeof(*in));
	return slsec_do(SLSEC_CMD_INFO_GET, 0, NULL, NULL, info_cb, in,
			"cannot read module info");
}

int do_version(void)
{
	struct info in;
	int err;

	printf("slsec tool %s\n", SLSEC_TOOL_VERSION);
	/* The tool's version shows even if the module cannot be asked. */
	if (fflush(stdout)) {
		fprintf(stderr, "Error: cannot write output.\n");
		return EXIT_SYNTAX;
	}
	err = info_get(&in);
	if (err)
		return err;
	printf("slsec module %s (netlink abi %u)\n", in.version, in.abi);
	return 0;
}

static void print_keks(const struct info *in)
{
	unsigned int i;

	print_open_array("keks");
	print_string(PRINT_FP, NULL, "%s", in->keks.n ? " keks" : " keks none");
	for (i = 0; i < in->keks.n; i++)
		print_uint(PRINT_ANY, NULL, " %llu", in->keks.kek[i].id);
	print_close_array();
}

static int info_show(int argc, char **argv)
{
	struct info in;
	unsigned int i;
	int err;

	if (argc > 0)
		return invarg("\"slsec info\" takes no arguments", argv[0]);
	err = info_get(&in);
	if (err)
		return err;
	print_open_obj(NULL);
	print_string(PRINT_ANY, "version", "module %s", in.version);
	print_uint(PRINT_ANY, "abi", " abi %llu", in.abi);
	print_uint(PRINT_ANY, "ipproto", " ipproto %llu", in.ipproto);
	print_uint(PRINT_ANY, "groups", " groups %llu", in.ngroups);
	if (in.max_groups)
		print_uint(PRINT_ANY, "max_groups", " max-groups %llu",
			   in.max_groups);
	print_nl();
	print_open_array("algorithms");
	print_string(PRINT_FP, NULL, "%s", "    algorithms");
	for (i = 0; i < in.nalgs; i++)
		print_string(PRINT_ANY, NULL, " %s", slsec_alg_name(in.algs[i]));
	print_close_array();
	print_nl();
	print_string(PRINT_ANY, "require_sealed", "    require-sealed %s",
		     in.require_sealed ? "on" : "off");
	print_keks(&in);
	print_nl();
	print_open_obj("bundles");
	print_string(PRINT_FP, NULL, "%s", "    bundles:");
	for (i = SLSEC_BSTAT_APPLIED; i < __SLSEC_BSTAT_MAX; i++) {
		char fmt[48];

		char text[32], *c;

		/* JSON names have underscores, the text dashes, as ip's. */
		snprintf(text, sizeof(text), "%s", bstat_names[i]);
		for (c = text; *c; c++)
			if (*c == '_')
				*c = '-';
		snprintf(fmt, sizeof(fmt), " %s %%llu", text);
		print_uint(PRINT_ANY, bstat_names[i], fmt, in.bstats[i]);
	}
	print_close_obj();
	print_nl();
	print_close_obj();
	return 0;
}

static const struct slsec_subcmd info_cmds[] = {
	SLSEC_CMD("show", info_show, ""),
};

const struct slsec_object info_object = {
	.name = "info",
	.summary = "show the loaded module's version and algorithms",
	.cmds = SLSEC_CMDS(info_cmds),
	.dflt = "show",
};
