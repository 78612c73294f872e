/* SPDX-License-Identifier: GPL-2.0 */
/* KEK commands, and the KEK listing INFO_GET carries. */
#ifndef _SLSEC_NL_KEK_H
#define _SLSEC_NL_KEK_H

#include <net/genetlink.h>
#include <linux/slsec.h>

struct slsec_net;

extern const struct nla_policy slsec_kek_policy[SLSEC_A_KEK_MIN_SEQ + 1];

int slsec_nl_put_keks(struct sk_buff *skb, struct slsec_net *sn);

int slsec_nl_kek_add(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_kek_del(struct sk_buff *skb, struct genl_info *info);

#endif /* _SLSEC_NL_KEK_H */
