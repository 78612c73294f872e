/* SPDX-License-Identifier: GPL-2.0 */
/* Group commands and the helpers every command uses to name a group. */
#ifndef _SLSEC_NL_GROUP_H
#define _SLSEC_NL_GROUP_H

#include <net/genetlink.h>
#include <linux/slsec.h>

struct slsec_group;
struct slsec_group_id;
struct slsec_net;

extern const struct nla_policy slsec_group_policy[SLSEC_A_SENDER_MARK + 1];

int slsec_nl_group_id(struct genl_info *info, struct slsec_group_id *id);
struct slsec_group *slsec_nl_group(struct slsec_net *sn,
				   struct genl_info *info);
int slsec_nl_put_group_id(struct sk_buff *skb, const struct slsec_group *g);

int slsec_nl_group_add(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_group_set(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_group_del(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_group_get(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_group_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _SLSEC_NL_GROUP_H */
