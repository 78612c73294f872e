// SPDX-License-Identifier: GPL-2.0
/*
 * Stats commands: reset one group's counters, or those of every group
 * of a device or of the namespace.  The counters themselves travel in
 * the group replies (nl_group.c) and are summed in stats.c.
 */

#include <net/genetlink.h>
#include <linux/slsec.h>

#include "group.h"
#include "netns.h"
#include "nl_group.h"
#include "nl_stats.h"
#include "stats.h"

int slsec_nl_stats_reset(struct sk_buff *skb, struct genl_info *info)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct nlattr **a = info->attrs;
	struct slsec_group *g;
	int err = 0;

	mutex_lock(&sn->lock);
	if (a[SLSEC_A_ADDR4] || a[SLSEC_A_ADDR6]) {
		g = slsec_nl_group(sn, info);
		if (IS_ERR(g))
			err = PTR_ERR(g);
		else
			slsec_stats_reset(&g->stats);
	} else {
		slsec_group_stats_reset(sn, a[SLSEC_A_IFINDEX] ?
					nla_get_u32(a[SLSEC_A_IFINDEX]) : 0);
	}
	mutex_unlock(&sn->lock);
	return err;
}
