/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_NETLINK_H
#define _SLSEC_NETLINK_H

#include <net/genetlink.h>

/*
 * The family, its ops table and the policy the selector commands share
 * live in netlink.c; each object's commands, policy and reply builders in
 * its nl_<object>.c (nl_group.c, nl_key.c, ...), declared in nl_<object>.h.
 */

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

int slsec_netlink_init(void);
void slsec_netlink_exit(void);

#endif /* _SLSEC_NETLINK_H */
