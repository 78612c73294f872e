/* SPDX-License-Identifier: GPL-2.0 */
/* Key commands, and the key bytes a request carries (KEY_ADD, KEK_ADD). */
#ifndef _SLSEC_NL_KEY_H
#define _SLSEC_NL_KEY_H

#include <net/genetlink.h>
#include <linux/slsec.h>

extern const struct nla_policy slsec_key_policy[SLSEC_A_KEYRING_DESC + 1];

int slsec_nl_key_bytes(struct genl_info *info, u8 *buf, unsigned int *len,
		       struct nlattr **blame);

int slsec_nl_key_add(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_key_set(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_key_del(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_key_revoke(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_key_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _SLSEC_NL_KEY_H */
