// SPDX-License-Identifier: GPL-2.0
/*
 * INFO_GET: what this module and this namespace offer and hold -- the
 * version and ABI, the IP protocol number, the algorithms this kernel
 * has, the group count and limit, and the require-sealed mode, the KEKs
 * and the bundle counters (each put by its object's file).
 */

#include <net/genetlink.h>
#include <linux/slsec.h>

#include "aead.h"
#include "main.h"
#include "netlink.h"
#include "netns.h"
#include "nl_bundle.h"
#include "nl_config.h"
#include "nl_info.h"
#include "nl_kek.h"

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

int slsec_nl_info_get(struct sk_buff *skb, struct genl_info *info)
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
	if (slsec_nl_put_config(msg, sn) || slsec_nl_put_keks(msg, sn) ||
	    slsec_nl_put_bundle_stats(msg, sn)) {
		mutex_unlock(&sn->lock);
		goto err_size;
	}
	mutex_unlock(&sn->lock);

	if (nla_put_string(msg, SLSEC_A_INFO_VERSION, SLSEC_VERSION) ||
	    nla_put_u32(msg, SLSEC_A_INFO_ABI, SLSEC_GENL_VERSION) ||
	    nla_put_u8(msg, SLSEC_A_INFO_IPPROTO, slsec_ipproto) ||
	    nla_put_u32(msg, SLSEC_A_INFO_NGROUPS, ngroups) ||
	    nla_put_u32(msg, SLSEC_A_MAX_GROUPS, slsec_net_max_groups(sn)) ||
	    slsec_put_algs(msg))
		goto err_size;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_size:
	nlmsg_free(msg);
	return -EMSGSIZE;
}
