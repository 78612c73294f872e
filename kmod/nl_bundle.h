/* SPDX-License-Identifier: GPL-2.0 */
/* BUNDLE_APPLY, and the bundle counters INFO_GET carries. */
#ifndef _SLSEC_NL_BUNDLE_H
#define _SLSEC_NL_BUNDLE_H

#include <net/genetlink.h>
#include <linux/slsec.h>

struct slsec_net;

extern const struct nla_policy slsec_bundle_policy[SLSEC_A_BUNDLE + 1];

int slsec_nl_put_bundle_stats(struct sk_buff *skb, struct slsec_net *sn);

int slsec_nl_bundle_apply(struct sk_buff *skb, struct genl_info *info);

#endif /* _SLSEC_NL_BUNDLE_H */
