/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_NETNS_H
#define _SLSEC_NETNS_H

#include <linux/mutex.h>
#include <linux/types.h>

struct net;

/**
 * struct slsec_net - slsec state of one network namespace
 * @lock:    serializes configuration changes in this namespace
 * @ngroups: number of bound groups; written under @lock
 */
struct slsec_net {
	struct mutex lock;	/* configuration of this namespace */
	u32 ngroups;
};

struct slsec_net *slsec_net(const struct net *net);
int slsec_netns_init(void);
void slsec_netns_exit(void);

#endif /* _SLSEC_NETNS_H */
