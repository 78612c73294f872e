/* SPDX-License-Identifier: GPL-2.0 */
/* CONFIG_SET, the require-sealed check, and the mode in INFO_GET. */
#ifndef _SLSEC_NL_CONFIG_H
#define _SLSEC_NL_CONFIG_H

#include <net/genetlink.h>
#include <linux/slsec.h>

struct slsec_net;

extern const struct nla_policy slsec_config_policy[SLSEC_A_REQUIRE_SEALED + 1];

int slsec_nl_sealed_only(struct slsec_net *sn, struct genl_info *info,
			 const struct nlattr *attr);
int slsec_nl_put_config(struct sk_buff *skb, struct slsec_net *sn);

int slsec_nl_config_set(struct sk_buff *skb, struct genl_info *info);

#endif /* _SLSEC_NL_CONFIG_H */
