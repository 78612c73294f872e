/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_EGRESS_H
#define _SLSEC_EGRESS_H

#include <linux/list.h>
#include <linux/types.h>

struct netlink_ext_ack;
struct slsec_net;

int slsec_egress_get(struct slsec_net *sn, struct list_head *devs,
		     u32 ifindex, struct netlink_ext_ack *extack);
void slsec_egress_put(struct slsec_net *sn, struct list_head *devs,
		      u32 ifindex);

#endif /* _SLSEC_EGRESS_H */
