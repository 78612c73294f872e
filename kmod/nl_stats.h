/* SPDX-License-Identifier: GPL-2.0 */
/* STATS_RESET. */
#ifndef _SLSEC_NL_STATS_H
#define _SLSEC_NL_STATS_H

#include <net/genetlink.h>

int slsec_nl_stats_reset(struct sk_buff *skb, struct genl_info *info);

#endif /* _SLSEC_NL_STATS_H */
