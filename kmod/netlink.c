// SPDX-License-Identifier: GPL-2.0
/*
 * The "slsec" generic netlink family.  A new family: every operation is
 * strictly validated (resv_start_op stays 0, so an op without a policy
 * refuses every attribute) and needs CAP_NET_ADMIN in the user namespace
 * that owns the caller's network namespace (GENL_UNS_ADMIN_PERM): every
 * command acts on that namespace's own state only, and what a namespace
 * owned by another user namespace than the initial one may pin is bounded
 * (netns.c) and charged to the caller's memory cgroup.  What is global
 * (the module parameters) is set through sysfs, by the host's root only
 * (threat-model.rst, "Unprivileged user namespaces").
 */

#include <linux/module.h>
#include <net/genetlink.h>
#include <linux/slsec.h>

#include "event.h"
#include "main.h"
#include "netlink.h"
#include "nl_bundle.h"
#include "nl_config.h"
#include "nl_group.h"
#include "nl_info.h"
#include "nl_kek.h"
#include "nl_key.h"
#include "nl_sender.h"
#include "nl_stats.h"

/* Commands that only name a group (or a device's groups): shared. */
static const struct nla_policy slsec_sel_policy[] = {
	[SLSEC_A_IFINDEX] = { .type = NLA_U32 },
	[SLSEC_A_ADDR4] = NLA_POLICY_EXACT_LEN(4),
	[SLSEC_A_ADDR6] = NLA_POLICY_EXACT_LEN(16),
};

/*
 * One op per command, each with its own policy: the last argument
 * names it, slsec_<_pol>_policy (pasted, so the macro names it once).
 * Every op has GENL_UNS_ADMIN_PERM (see the top of this file).
 * SLSEC_OP_NOATTRS is for a command that takes no attribute at all: with
 * no policy, strict validation refuses any.
 */
#define SLSEC_OP(_cmd, _doit, _dumpit, _pol) {				\
	.cmd = SLSEC_CMD_##_cmd,					\
	.doit = _doit,							\
	.dumpit = _dumpit,						\
	.policy = slsec_##_pol##_policy,				\
	.maxattr = ARRAY_SIZE(slsec_##_pol##_policy) - 1,		\
	.flags = GENL_UNS_ADMIN_PERM,					\
}

#define SLSEC_OP_NOATTRS(_cmd, _doit) {					\
	.cmd = SLSEC_CMD_##_cmd,					\
	.doit = _doit,							\
	.flags = GENL_UNS_ADMIN_PERM,					\
}

static const struct genl_ops slsec_genl_ops[] = {
	SLSEC_OP_NOATTRS(INFO_GET, slsec_nl_info_get),
	SLSEC_OP(GROUP_ADD, slsec_nl_group_add, NULL, group),
	SLSEC_OP(GROUP_SET, slsec_nl_group_set, NULL, group),
	SLSEC_OP(GROUP_DEL, slsec_nl_group_del, NULL, group),
	SLSEC_OP(GROUP_GET, slsec_nl_group_get, slsec_nl_group_dump, group),
	SLSEC_OP(KEY_ADD, slsec_nl_key_add, NULL, key),
	SLSEC_OP(KEY_DEL, slsec_nl_key_del, NULL, key),
	SLSEC_OP(KEY_SET, slsec_nl_key_set, NULL, key),
	SLSEC_OP(KEY_REVOKE, slsec_nl_key_revoke, NULL, key),
	SLSEC_OP(KEY_GET, NULL, slsec_nl_key_dump, sel),
	SLSEC_OP(STATS_RESET, slsec_nl_stats_reset, NULL, sel),
	SLSEC_OP(SENDER_GET, NULL, slsec_nl_sender_dump, sel),
	SLSEC_OP(SENDER_REVOKE, slsec_nl_sender_revoke, NULL, sender),
	SLSEC_OP(SENDER_RESTORE, slsec_nl_sender_restore, NULL, sender),
	SLSEC_OP(KEK_ADD, slsec_nl_kek_add, NULL, kek),
	SLSEC_OP(KEK_DEL, slsec_nl_kek_del, NULL, kek),
	SLSEC_OP(BUNDLE_APPLY, slsec_nl_bundle_apply, NULL, bundle),
	SLSEC_OP(CONFIG_SET, slsec_nl_config_set, NULL, config),
};

/* Events name groups, senders and keys: listeners need CAP_NET_ADMIN. */
static const struct genl_multicast_group slsec_genl_mcgrps[] = {
	{ .name = SLSEC_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

struct genl_family slsec_genl_family __ro_after_init = {
	.name = SLSEC_GENL_NAME,
	.version = SLSEC_GENL_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = slsec_genl_ops,
	.n_ops = ARRAY_SIZE(slsec_genl_ops),
	.mcgrps = slsec_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(slsec_genl_mcgrps),
};

int slsec_netlink_init(void)
{
	int err = genl_register_family(&slsec_genl_family);

	if (!err)
		slsec_events_enable(true);
	return err;
}

void slsec_netlink_exit(void)
{
	slsec_events_enable(false);
	genl_unregister_family(&slsec_genl_family);
}
