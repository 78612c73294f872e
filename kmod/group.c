// SPDX-License-Identifier: GPL-2.0
/*
 * Groups: (device, multicast address) -> settings and keys, per network
 * namespace.  Lookups from the packet path are lockless (RCU,
 * rhashtable); changes are serialized by slsec_net.lock, taken after the
 * RTNL where both are needed.  A removed group or key is freed only after
 * an RCU grace period, and a key's material is wiped as it is freed.
 */

#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <linux/slsec.h>

#include "netns.h"
#include "key.h"
#include "group.h"

static const struct rhashtable_params slsec_group_params = {
	.key_len = sizeof(struct slsec_group_id),
	.key_offset = offsetof(struct slsec_group, id),
	.head_offset = offsetof(struct slsec_group, node),
	.automatic_shrinking = true,
};

int slsec_groups_init(struct slsec_net *sn)
{
	INIT_LIST_HEAD(&sn->groups);
	return rhashtable_init(&sn->groups_ht, &slsec_group_params);
}

/* Namespace exit: nothing can look the groups up any more. */
void slsec_groups_destroy(struct slsec_net *sn)
{
	struct slsec_group *g, *tmp;

	mutex_lock(&sn->lock);
	list_for_each_entry_safe(g, tmp, &sn->groups, list)
		slsec_group_del(sn, g);
	mutex_unlock(&sn->lock);
	rhashtable_destroy(&sn->groups_ht);
}

struct slsec_group *slsec_group_find(struct slsec_net *sn,
				     const struct slsec_group_id *id)
{
	lockdep_assert_held(&sn->lock);
	return rhashtable_lookup_fast(&sn->groups_ht, id, slsec_group_params);
}

int slsec_group_add(struct slsec_net *sn, const struct slsec_group_id *id,
		    const struct slsec_group_cfg *cfg,
		    struct netlink_ext_ack *extack)
{
	struct slsec_group *g;
	int err;

	lockdep_assert_held(&sn->lock);
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g)
		return -ENOMEM;
	g->id = *id;
	g->cfg = *cfg;
	err = rhashtable_lookup_insert_fast(&sn->groups_ht, &g->node,
					    slsec_group_params);
	if (err) {
		kfree(g);
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack, "group already bound on this device");
		return err;
	}
	list_add_tail(&g->list, &sn->groups);
	sn->ngroups++;
	sn->gen++;
	pr_debug("group %p created\n", g);
	return 0;
}

static void slsec_group_free_rcu(struct rcu_head *rcu)
{
	struct slsec_group *g = container_of(rcu, struct slsec_group, rcu);

	pr_debug("group %p destroyed\n", g);
	kfree(g);
}

/* Unlink the group, then free it and its keys after a grace period. */
void slsec_group_del(struct slsec_net *sn, struct slsec_group *g)
{
	unsigned int i;

	lockdep_assert_held(&sn->lock);
	rhashtable_remove_fast(&sn->groups_ht, &g->node, slsec_group_params);
	list_del(&g->list);
	sn->ngroups--;
	sn->gen++;
	for (i = 0; i < ARRAY_SIZE(g->keys) && g->nkeys; i++)
		slsec_group_key_del(sn, g, i);
	call_rcu(&g->rcu, slsec_group_free_rcu);
}

struct slsec_key *slsec_group_key(struct slsec_net *sn,
				  struct slsec_group *g, u8 id)
{
	return rcu_dereference_protected(g->keys[id], lockdep_is_held(&sn->lock));
}

int slsec_group_key_add(struct slsec_net *sn, struct slsec_group *g,
			struct slsec_key *key, struct netlink_ext_ack *extack)
{
	lockdep_assert_held(&sn->lock);
	if (slsec_group_key(sn, g, key->id)) {
		NL_SET_ERR_MSG(extack, "key id already installed in this group");
		return -EEXIST;
	}
	if (g->nkeys >= SLSEC_MAX_KEYS) {
		NL_SET_ERR_MSG(extack, "group already holds the maximum number of keys (16)");
		return -ENOSPC;
	}
	rcu_assign_pointer(g->keys[key->id], key);
	g->nkeys++;
	sn->gen++;
	return 0;
}

static void slsec_key_free_rcu(struct rcu_head *rcu)
{
	slsec_key_free(container_of(rcu, struct slsec_key, rcu));
}

int slsec_group_key_del(struct slsec_net *sn, struct slsec_group *g, u8 id)
{
	struct slsec_key *key = slsec_group_key(sn, g, id);

	if (!key)
		return -ENOENT;
	RCU_INIT_POINTER(g->keys[id], NULL);
	g->nkeys--;
	sn->gen++;
	call_rcu(&key->rcu, slsec_key_free_rcu);
	return 0;
}

/* A device leaving the namespace (or going away) takes its groups along. */
static int slsec_netdev_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct slsec_net *sn = slsec_net(dev_net(dev));
	struct slsec_group *g, *tmp;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	mutex_lock(&sn->lock);
	list_for_each_entry_safe(g, tmp, &sn->groups, list)
		if (g->id.ifindex == dev->ifindex)
			slsec_group_del(sn, g);
	mutex_unlock(&sn->lock);
	return NOTIFY_DONE;
}

static struct notifier_block slsec_netdev_nb = {
	.notifier_call = slsec_netdev_event,
};

int slsec_group_notifier_init(void)
{
	return register_netdevice_notifier(&slsec_netdev_nb);
}

void slsec_group_notifier_exit(void)
{
	unregister_netdevice_notifier(&slsec_netdev_nb);
}
