/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_HOOKS_H
#define _SLSEC_HOOKS_H

struct netlink_ext_ack;
struct slsec_net;

int slsec_hooks_get(struct slsec_net *sn, struct netlink_ext_ack *extack);
void slsec_hooks_put(struct slsec_net *sn);

#endif /* _SLSEC_HOOKS_H */
