/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_GROUP_H
#define _SLSEC_GROUP_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "peer.h"
#include "stats.h"

struct mem_cgroup;
struct netlink_ext_ack;
struct slsec_net;
struct slsec_key;

/**
 * struct slsec_group_id - what names a group in a namespace; the
 *	rhashtable key, so padding is always zero
 * @ifindex: the device the group is bound on
 * @family:  AF_INET or AF_INET6
 * @pad:     zero
 * @addr:    multicast address; an IPv4 one in its first 4 bytes
 */
struct slsec_group_id {
	u32 ifindex;
	u8 family;
	u8 pad[3];
	union {
		__be32 a4;
		struct in6_addr a6;
		u8 bytes[16];
	} addr;
};

/**
 * struct slsec_group_cfg - settings of a group
 * @sender:        this host's sender id in the group
 * @alg:           enum slsec_alg
 * @replay_window: replay window size for each sender
 * @max_senders:   senders the group keeps receive state for
 * @grace:         ms a replaced key stays accepted on receive
 * @freshness:     ms a frame's timestamp may be off this host's clock;
 *                 0: not checked
 * @mode:          enum slsec_mode
 * @sender_mark:   1: opened datagrams get skb->mark = the sender id
 */
struct slsec_group_cfg {
	u32 sender;
	u32 alg;
	u32 replay_window;
	u32 max_senders;
	u32 grace;
	u32 freshness;
	u8 mode;
	u8 sender_mark;
};

/* Data-path events a group rate-limits, by index of slsec_group.ev_last. */
enum {
	SLSEC_GEV_UNKNOWN_KEY,
	SLSEC_GEV_COLLISION,
	SLSEC_GEV_STALE,
	SLSEC_GEV_MAX
};

/**
 * struct slsec_group - a protected multicast group
 * @node:  in slsec_net.groups_ht, for lockless lookups
 * @list:  in slsec_net.groups, for dumps; under slsec_net.lock
 * @id:    the group's name
 * @sn:    its namespace's state
 * @cfg:   settings; replay_window, max_senders, grace, freshness, mode
 *         and sender_mark may change
 *         under slsec_net.lock, readers use READ_ONCE()
 * @dead:  unlinked; written under slsec_net.lock, read with READ_ONCE()
 *         under RCU before the group's work is queued
 * @tx_expired: nothing sends because the last active key expired (tells
 *         the drop counters why); written under slsec_net.lock
 * @ref:   one for the namespace's tables, one for each operation in
 *         flight and for the queued work item
 * @nkeys: installed keys; under slsec_net.lock
 * @key_seq: installation counter; under slsec_net.lock
 * @tx_key: the active key, which this host sends with; written under
 *         slsec_net.lock, read under RCU
 * @keys:  installed keys by key id; written under slsec_net.lock, read
 *         under RCU
 * @revoked: key ids deleted or revoked (drops counted as such)
 * @retired: key ids removed at the end of their grace period
 * @ev_last: jiffies of the last data-path event of each kind
 * @stats: counters
 * @peers: receive state of the senders heard
 * @work:  derives traffic keys (slsec_group_schedule())
 * @life_work: activates, expires and retires keys (lifecycle.c)
 * @free_work: frees the group a grace period after the last reference
 * @memcg: memory cgroup of the task that bound the group (a reference,
 *         or NULL): what @work allocates is charged to it
 */
struct slsec_group {
	struct rhash_head node;
	struct list_head list;
	struct slsec_group_id id;
	struct slsec_net *sn;
	struct slsec_group_cfg cfg;
	bool dead;
	bool tx_expired;
	refcount_t ref;
	unsigned int nkeys;
	u64 key_seq;
	struct slsec_key __rcu *tx_key;
	struct slsec_key __rcu *keys[256];
	DECLARE_BITMAP(revoked, 256);
	DECLARE_BITMAP(retired, 256);
	unsigned long ev_last[SLSEC_GEV_MAX];
	struct slsec_stats stats;
	struct slsec_peers peers;
	struct work_struct work;
	struct delayed_work life_work;
	struct rcu_work free_work;
	struct mem_cgroup *memcg;
};

int slsec_groups_init(struct slsec_net *sn);
void slsec_groups_destroy(struct slsec_net *sn);
void slsec_groups_quiesce(struct slsec_net *sn);
struct slsec_group *slsec_group_find(struct slsec_net *sn,
				     const struct slsec_group_id *id);
struct slsec_group *slsec_group_lookup(struct slsec_net *sn,
				       const struct slsec_group_id *id);
void slsec_group_put(struct slsec_group *g);
void slsec_group_schedule(struct slsec_group *g);
void slsec_group_stats_reset(struct slsec_net *sn, u32 ifindex);
int slsec_group_add(struct slsec_net *sn, const struct slsec_group_id *id,
		    const struct slsec_group_cfg *cfg,
		    struct netlink_ext_ack *extack);
void slsec_group_del(struct slsec_net *sn, struct slsec_group *g);
int slsec_group_senders_check(struct slsec_net *sn, u32 old, u32 new,
			      struct netlink_ext_ack *extack);
int slsec_group_key_link(struct slsec_net *sn, struct slsec_group *g,
			 struct slsec_key *key, struct netlink_ext_ack *extack);
void slsec_group_key_unlink(struct slsec_net *sn, struct slsec_group *g,
			    struct slsec_key *key);
struct slsec_key *slsec_group_tx_key(struct slsec_net *sn,
				     struct slsec_group *g);
struct slsec_key *slsec_group_key(struct slsec_net *sn,
				  struct slsec_group *g, u8 id);
int slsec_group_notifier_init(void);
void slsec_group_notifier_exit(void);

/* Under RCU: a reference, or NULL if @g is being freed. */
static inline struct slsec_group *slsec_group_get(struct slsec_group *g)
{
	return refcount_inc_not_zero(&g->ref) ? g : NULL;
}

extern struct workqueue_struct *slsec_wq;

#endif /* _SLSEC_GROUP_H */
