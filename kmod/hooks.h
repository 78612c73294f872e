/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_HOOKS_H
#define _SLSEC_HOOKS_H

#include <linux/types.h>

struct net;
struct nf_hook_entries;
struct netlink_ext_ack;
struct slsec_net;

int slsec_hooks_get(struct slsec_net *sn, u32 ifindex,
		    struct netlink_ext_ack *extack);
void slsec_hooks_put(struct slsec_net *sn, u32 ifindex);
int slsec_hooks_in_index(struct net *net, u8 pf, const struct slsec_net *sn,
			 const struct nf_hook_entries **ep);

#endif /* _SLSEC_HOOKS_H */
