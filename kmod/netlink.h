/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_NETLINK_H
#define _SLSEC_NETLINK_H

int slsec_netlink_init(void);
void slsec_netlink_exit(void);

#endif /* _SLSEC_NETLINK_H */
