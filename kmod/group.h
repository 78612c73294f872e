/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_GROUP_H
#define _SLSEC_GROUP_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/rhashtable-types.h>
#include <linux/types.h>

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
 * @mode:          enum slsec_mode
 */
struct slsec_group_cfg {
	u32 sender;
	u32 alg;
	u32 replay_window;
	u8 mode;
};

/**
 * struct slsec_group - a protected multicast group
 * @node:  in slsec_net.groups_ht, for lockless lookups
 * @list:  in slsec_net.groups, for dumps; under slsec_net.lock
 * @id:    the group's name
 * @cfg:   settings; replay_window and mode may change under
 *         slsec_net.lock, readers use READ_ONCE()
 * @nkeys: installed keys; under slsec_net.lock
 * @keys:  installed keys by key id; written under slsec_net.lock, read
 *         under RCU
 * @rcu:   for freeing after readers are done
 */
struct slsec_group {
	struct rhash_head node;
	struct list_head list;
	struct slsec_group_id id;
	struct slsec_group_cfg cfg;
	unsigned int nkeys;
	struct slsec_key __rcu *keys[256];
	struct rcu_head rcu;
};

int slsec_groups_init(struct slsec_net *sn);
void slsec_groups_destroy(struct slsec_net *sn);
struct slsec_group *slsec_group_find(struct slsec_net *sn,
				     const struct slsec_group_id *id);
int slsec_group_add(struct slsec_net *sn, const struct slsec_group_id *id,
		    const struct slsec_group_cfg *cfg,
		    struct netlink_ext_ack *extack);
void slsec_group_del(struct slsec_net *sn, struct slsec_group *g);
int slsec_group_key_add(struct slsec_net *sn, struct slsec_group *g,
			struct slsec_key *key, struct netlink_ext_ack *extack);
int slsec_group_key_del(struct slsec_net *sn, struct slsec_group *g, u8 id);
struct slsec_key *slsec_group_key(struct slsec_net *sn,
				  struct slsec_group *g, u8 id);
int slsec_group_notifier_init(void);
void slsec_group_notifier_exit(void);

#endif /* _SLSEC_GROUP_H */
