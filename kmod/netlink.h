/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_NETLINK_H
#define _SLSEC_NETLINK_H

#include <net/genetlink.h>

struct slsec_group;
struct slsec_group_id;
struct slsec_net;

extern struct genl_family slsec_genl_family;

/*
 * A required attribute: when it is missing, say which (for tools that read
 * NLMSGERR_ATTR_MISS_TYPE) and in words (for people).  A macro, as extack
 * messages must be string literals.
 */
#define slsec_nl_missing(info, type, msg) ({				\
	struct genl_info *__info = (info);				\
	int __type = (type);						\
	bool __missing = !__info->attrs[__type];			\
									\
	if (__missing) {						\
		NL_SET_ERR_MSG(__info->extack, msg);			\
		NL_SET_ERR_ATTR_MISS(__info->extack, NULL, __type);	\
	}								\
	__missing;							\
})

int slsec_nl_group_id(struct genl_info *info, struct slsec_group_id *id);
struct slsec_group *slsec_nl_group(struct slsec_net *sn,
				   struct genl_info *info);
int slsec_nl_put_group_id(struct sk_buff *skb, const struct slsec_group *g);

/* Commands, by the file that implements them. */
int slsec_nl_key_add(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_key_set(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_key_del(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_key_revoke(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_key_dump(struct sk_buff *skb, struct netlink_callback *cb);
int slsec_nl_sender_dump(struct sk_buff *skb, struct netlink_callback *cb);
int slsec_nl_sender_revoke(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_sender_restore(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_put_revoked(struct sk_buff *skb, struct slsec_group *g);
int slsec_nl_sealed_only(struct slsec_net *sn, struct genl_info *info,
			 const struct nlattr *attr);
int slsec_nl_key_bytes(struct genl_info *info, u8 *buf, unsigned int *len,
		       struct nlattr **blame);
int slsec_nl_kek_add(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_kek_del(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_bundle_apply(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_config_set(struct sk_buff *skb, struct genl_info *info);
int slsec_nl_put_bundle_info(struct sk_buff *skb, struct slsec_net *sn);

int slsec_netlink_init(void);
void slsec_netlink_exit(void);

#endif /* _SLSEC_NETLINK_H */
