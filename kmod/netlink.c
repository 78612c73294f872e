// SPDX-License-Identifier: GPL-2.0
/*
 * The "slsec" generic netlink family.  A new family: every operation is
 * strictly validated (resv_start_op stays 0, so an op without a policy
 * refuses every attribute) and needs CAP_NET_ADMIN in the user namespace
 * that owns the caller's network namespace (GENL_UNS_ADMIN_PERM).
 */

#include <linux/module.h>
#include <net/genetlink.h>
#include <linux/slsec.h>

#include "main.h"
#include "netns.h"
#include "aead.h"
#include "netlink.h"

static struct genl_family slsec_genl_family;

static int slsec_put_algs(struct sk_buff *skb)
{
	struct nlattr *nest;
	u32 alg;

	nest = nla_nest_start(skb, SLSEC_A_INFO_ALGS);
	if (!nest)
		return -EMSGSIZE;
	for (alg = 1; alg <= SLSEC_ALG_MAX; alg++) {
		if (!slsec_aead_available(alg))
			continue;
		if (nla_put_u32(skb, SLSEC_A_ALG_ID, alg)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int slsec_nl_info_get(struct sk_buff *skb, struct genl_info *info)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;
	u32 ngroups;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &slsec_genl_family, 0,
				SLSEC_CMD_INFO_GET);
	if (!hdr)
		goto err_size;

	mutex_lock(&sn->lock);
	ngroups = sn->ngroups;
	mutex_unlock(&sn->lock);

	if (nla_put_string(msg, SLSEC_A_INFO_VERSION, SLSEC_VERSION) ||
	    nla_put_u32(msg, SLSEC_A_INFO_ABI, SLSEC_GENL_VERSION) ||
	    nla_put_u8(msg, SLSEC_A_INFO_IPPROTO, slsec_ipproto) ||
	    nla_put_u32(msg, SLSEC_A_INFO_NGROUPS, ngroups) ||
	    slsec_put_algs(msg))
		goto err_size;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_size:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static const struct genl_ops slsec_genl_ops[] = {
	{
		.cmd = SLSEC_CMD_INFO_GET,
		.doit = slsec_nl_info_get,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family slsec_genl_family __ro_after_init = {
	.name = SLSEC_GENL_NAME,
	.version = SLSEC_GENL_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = slsec_genl_ops,
	.n_ops = ARRAY_SIZE(slsec_genl_ops),
};

int slsec_netlink_init(void)
{
	return genl_register_family(&slsec_genl_family);
}

void slsec_netlink_exit(void)
{
	genl_unregister_family(&slsec_genl_family);
}
