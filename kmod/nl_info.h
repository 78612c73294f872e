/* SPDX-License-Identifier: GPL-2.0 */
/* INFO_GET. */
#ifndef _SLSEC_NL_INFO_H
#define _SLSEC_NL_INFO_H

#include <net/genetlink.h>

int slsec_nl_info_get(struct sk_buff *skb, struct genl_info *info);

#endif /* _SLSEC_NL_INFO_H */
