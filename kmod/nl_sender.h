/* SPDX-License-Identifier: GPL-2.0 */
/* Sender commands, and the revoked senders a group reply lists. */
#ifndef _SLSEC_NL_SENDER_H
#define _SLSEC_NL_SENDER_H

#include <net/genetlink.h>
#include <linux/slsec.h>

struct slsec_group;

extern const struct nla_policy slsec_sender_policy[SLSEC_A_SENDER + 1];

int slsec_nl_put_revoked(struct sk_buff *skb, struct slsec_group *g);

int slsec_nl_sender_dump(struct sk_buff *skb, struct netlink_callback *cb);
int slsec_nl_sender_revoke(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_sender_restore(struct sk_buff *skb, struct genl_info *info);

#endif /* _SLSEC_NL_SENDER_H */
