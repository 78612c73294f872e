// SPDX-License-Identifier: GPL-2.0
/* slsec info: what the loaded module is and can do; slsec -V. */

#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/slsec.h>

#include "genl.h"
#include "print.h"
#include "utils.h"
#include "info.h"

struct info {
	char version[32];
	uint32_t abi;
	uint8_t ipproto;
	uint32_t ngroups;
	uint32_t max_groups;	/* 0: an older module, no limit told */
	uint32_t algs[SLSEC_ALG_MAX + 1];
	unsigned int nalgs;
	uint8_t require_sealed;
	unsigned int nkeks;
	uint32_t kek_id[SLSEC_MAX_KEKS], kek_device[SLSEC_MAX_KEKS];
	uint64_t kek_seq[SLSEC_MAX_KEKS];	/* last bundle applied */
	bool kek_has_seq[SLSEC_MAX_KEKS];	/* older modules lack it */
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

static int kek_attr_cb(const struct nlattr *a, void *data)
{
	struct info *in = data;

	if (mnl_attr_get_type(a) == SLSEC_A_BUNDLE_SEQ) {
		if (mnl_attr_validate(a, MNL_TYPE_U64) >= 0) {
			in->kek_seq[in->nkeks] = mnl_attr_get_u64(a);
			in->kek_has_seq[in->nkeks] = true;
		}
		return MNL_CB_OK;
	}
	if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return MNL_CB_OK;
	if (mnl_attr_get_type(a) == SLSEC_A_KEK_ID)
		in->kek_id[in->nkeks] = mnl_attr_get_u32(a);
	else if (mnl_attr_get_type(a) == SLSEC_A_DEVICE_ID)
		in->kek_device[in->nkeks] = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

static int keks_cb(const struct nlattr *a, void *data)
{
	struct info *in = data;

	if (in->nkeks >= SLSEC_MAX_KEKS ||
	    mnl_attr_parse_nested(a, kek_attr_cb, in) < 0)
		return MNL_CB_OK;
	in->nkeks++;
	return MNL_CB_OK;
}

static int bstat_cb(const struct nlattr *a, void *data)
{
	struct info *in = data;
	unsigned int t = mnl_attr_get_type(a);

	if (t < __SLSEC_BSTAT_MAX && mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
		in->bstats[t] = mnl_attr_get_u64(a);
	return MNL_CB_OK;
}

static int info_alg_cb(const struct nlattr *a, void *data)
{
	struct info *in = data;

	if (mnl_attr_get_type(a) != SLSEC_A_ALG_ID ||
	    mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return MNL_CB_OK;
	if (in->nalgs < SLSEC_ALG_MAX + 1)
		in->algs[in->nalgs++] = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

static int info_attr_cb(const struct nlattr *a, void *data)
{
	struct info *in = data;

	switch (mnl_attr_get_type(a)) {
	case SLSEC_A_INFO_VERSION:
		if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0)
			snprintf(in->version, sizeof(in->version), "%s",
				 mnl_attr_get_str(a));
		break;
	case SLSEC_A_INFO_ABI:
		if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
			in->abi = mnl_attr_get_u32(a);
		break;
	case SLSEC_A_INFO_IPPROTO:
		if (mnl_attr_validate(a, MNL_TYPE_U8) >= 0)
			in->ipproto = mnl_attr_get_u8(a);
		break;
	case SLSEC_A_INFO_NGROUPS:
		if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
			in->ngroups = mnl_attr_get_u32(a);
		break;
	case SLSEC_A_MAX_GROUPS:
		if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
			in->max_groups = mnl_attr_get_u32(a);
		break;
	case SLSEC_A_INFO_ALGS:
		if (mnl_attr_parse_nested(a, info_alg_cb, in) < 0)
			return MNL_CB_ERROR;
		break;
	case SLSEC_A_REQUIRE_SEALED:
		if (mnl_attr_validate(a, MNL_TYPE_U8) >= 0)
			in->require_sealed = mnl_attr_get_u8(a);
		break;
	case SLSEC_A_KEKS:
		if (mnl_attr_parse_nested(a, keks_cb, in) < 0)
			return MNL_CB_ERROR;
		break;
	case SLSEC_A_BUNDLE_STATS:
		if (mnl_attr_parse_nested(a, bstat_cb, in) < 0)
			return MNL_CB_ERROR;
		break;
	}
	return MNL_CB_OK;
}

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, GENL_HDRLEN, info_attr_cb, data);
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
	print_string(PRINT_FP, NULL, "%s", in->nkeks ? " keks" : " keks none");
	for (i = 0; i < in->nkeks; i++)
		print_uint(PRINT_ANY, NULL, " %llu", in->kek_id[i]);
	print_close_array();
}

int do_info(int argc, char **argv)
{
	struct info in;
	unsigned int i;
	int err;

	if (argc > 0 && is_help(argv[0])) {
		fprintf(stderr, "Usage: slsec info\n");
		return 0;
	}
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

/*
 * slsec kek show: the KEKs of this namespace, ids and device ids (never
 * key bytes), and the last bundle sequence number applied under each:
 * the value to persist and hand back as "kek add ... min-seq".
 */
int info_show_keks(void)
{
	struct info in;
	unsigned int i;
	int err;

	err = info_get(&in);
	if (err)
		return err;
	print_open_array(NULL);
	for (i = 0; i < in.nkeks; i++) {
		print_open_obj(NULL);
		print_uint(PRINT_ANY, "id", "kek %llu", in.kek_id[i]);
		print_uint(PRINT_ANY, "device", " device %llu", in.kek_device[i]);
		if (in.kek_has_seq[i])
			print_uint(PRINT_ANY, "seq", " seq %llu", in.kek_seq[i]);
		print_close_obj();
		print_nl();
	}
	print_close_array();
	return 0;
}
