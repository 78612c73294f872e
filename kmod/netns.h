/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_NETNS_H
#define _SLSEC_NETNS_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/types.h>
#include <linux/slsec.h>

struct net;
struct slsec_hooks;
struct slsec_kek;

/**
 * struct slsec_net - slsec state of one network namespace
 * @lock:      serializes configuration changes in this namespace; taken
 *             after the RTNL when both are needed
 * @groups_ht: groups by (ifindex, address); lookups under RCU
 * @groups:    the same groups in creation order, for dumps; under @lock
 * @ngroups:   number of bound groups; under @lock
 * @nsenders:  the sum of the groups' max-senders (the receive state they
 *             may hold); under @lock
 * @gen:       bumped by every change, for consistent dumps; under @lock
 * @net:       the namespace
 * @hooks:     netfilter hooks, registered while groups exist; under @lock
 * @inflight:  seals and opens waiting for an asynchronous AEAD
 * @keks:      key-encryption keys for sealed bundles; under @lock
 * @require_sealed: raw keys refused, only bundles and keyring keys (set
 *             once, never cleared); under @lock
 * @bstats:    sealed bundles applied and refused, by enum
 *             slsec_bundle_stat; under @lock
 */
struct slsec_net {
	struct mutex lock;	/* configuration of this namespace */
	struct net *net;
	struct slsec_hooks *hooks;
	atomic_t inflight;
	struct rhashtable groups_ht;
	struct list_head groups;
	u32 ngroups;
	u64 nsenders;
	u32 gen;
	struct slsec_kek *keks[SLSEC_MAX_KEKS];
	bool require_sealed;
	u64 bstats[__SLSEC_BSTAT_MAX];
};

struct slsec_net *slsec_net(const struct net *net);
bool slsec_net_unprivileged(const struct slsec_net *sn);
u32 slsec_net_max_groups(const struct slsec_net *sn);
u32 slsec_net_max_senders(const struct slsec_net *sn);
int slsec_netns_init(void);
void slsec_netns_exit(void);

#endif /* _SLSEC_NETNS_H */
