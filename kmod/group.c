// SPDX-License-Identifier: GPL-2.0
/*
 * Groups: (device, multicast address) -> settings and keys, per network
 * namespace.  Lookups from the packet path are lockless (RCU,
 * rhashtable); changes are serialized by slsec_net.lock, taken after the
 * RTNL where both are needed.  A removed group or key is freed only after
 * an RCU grace period, and a key's material is wiped as it is freed.
 */

#include <linux/memcontrol.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/sched/mm.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <linux/slsec.h>

#include "netns.h"
#include "fresh.h"
#include "aead.h"
#include "hooks.h"
#include "key.h"
#include "lifecycle.h"
#include "replay.h"
#include "tkey.h"
#include "group.h"
#include "main.h"

struct workqueue_struct *slsec_wq;

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

/**
 * slsec_groups_quiesce() - wait until no work item of the namespace's
 *	groups runs or can run
 * @sn: a dying namespace whose groups are all unlinked (dead)
 *
 * Work items take @sn->lock and raise events in @sn->net, which are freed
 * after the namespace's exit.  Every group is dead, so after a grace
 * period no reader (the data path, an asynchronous completion) can still
 * queue a group's work (slsec_group_schedule(), slsec_life_schedule());
 * a running item does not queue itself or the other one for a dead
 * group, and slsec_group_del() cancelled any delayed run.  Flushing the
 * workqueue then waits for those already queued.  Process context.
 */
void slsec_groups_quiesce(struct slsec_net *sn)
{
	synchronize_rcu();
	flush_workqueue(slsec_wq);
}

struct slsec_group *slsec_group_find(struct slsec_net *sn,
				     const struct slsec_group_id *id)
{
	lockdep_assert_held(&sn->lock);
	return rhashtable_lookup_fast(&sn->groups_ht, id, slsec_group_params);
}

/* The packet path's lookup, under RCU. */
struct slsec_group *slsec_group_lookup(struct slsec_net *sn,
				       const struct slsec_group_id *id)
{
	return rhashtable_lookup(&sn->groups_ht, id, slsec_group_params);
}

static void slsec_group_free_work(struct work_struct *work)
{
	struct slsec_group *g = container_of(to_rcu_work(work),
					     struct slsec_group, free_work);

	slsec_peers_destroy(&g->peers);
	slsec_stats_destroy(&g->stats);
	mem_cgroup_put(g->memcg);
	pr_debug("group %p destroyed\n", g);
	kfree(g);
}

/* Any context.  The last reference frees after a grace period. */
void slsec_group_put(struct slsec_group *g)
{
	if (refcount_dec_and_test(&g->ref))
		queue_rcu_work(slsec_wq, &g->free_work);
}

/*
 * Make this host's traffic key of the epoch after the current one before
 * it is needed, and the current one if it is missing.
 */
static void slsec_group_tx_prepare(struct slsec_group *g)
{
	struct mutex *tkey_lock = &g->peers.tkey_lock;
	struct slsec_key *key;
	unsigned int i;
	u32 epoch;

	mutex_lock(tkey_lock);
	/*
	 * @g->tx_key is written under slsec_net.lock, not held here: read
	 * it as the packet path does.  The key stays past the read side,
	 * as long as @tkey_lock is held: it is freed only after
	 * slsec_group_key_unlink() took it out of @g->tx_key and
	 * slsec_peers_forget_key() took @tkey_lock.
	 */
	rcu_read_lock();
	key = rcu_dereference(g->tx_key);
	rcu_read_unlock();
	if (!key)
		goto out;
	epoch = slsec_pn_epoch(atomic64_read(&key->tx_pn),
			       slsec_alg_get(g->cfg.alg)->epoch_shift);
	for (i = 0; i < 2 && epoch + i >= epoch; i++) {
		struct slsec_tkey *tk;

		tk = rcu_dereference_protected(key->tx[(epoch + i) & 1],
					       lockdep_is_held(tkey_lock));
		if (tk && tk->epoch == epoch + i)
			continue;
		tk = slsec_tkey_create(g, key, g->cfg.sender, key->install,
				       epoch + i);
		if (IS_ERR(tk))
			break;
		slsec_tkey_pair_set(key->tx, tk, tkey_lock);
	}
out:
	mutex_unlock(tkey_lock);
}

/*
 * The work item allocates on behalf of the group: this host's next
 * traffic keys, and receive state for remote senders.  It is charged to
 * the memory cgroup of whoever bound the group (__GFP_ACCOUNT in
 * tkey.c, peer.c and replay's callers), not to nobody.
 */
static void slsec_group_work(struct work_struct *work)
{
	struct slsec_group *g = container_of(work, struct slsec_group, work);
	struct mem_cgroup *old = set_active_memcg(g->memcg);

	slsec_group_tx_prepare(g);
	slsec_peers_learn(g);
	set_active_memcg(old);
	slsec_group_put(g);
}

/*
 * Any context: run the group's work item soon.  Not once the group is
 * unlinked, as slsec_life_schedule().
 */
void slsec_group_schedule(struct slsec_group *g)
{
	rcu_read_lock();
	if (!READ_ONCE(g->dead) && slsec_group_get(g) &&
	    !queue_work(slsec_wq, &g->work))
		slsec_group_put(g);
	rcu_read_unlock();
}

/**
 * slsec_group_senders_check() - may a group's max-senders go from @old to
 *	@new within the namespace's bound (slsec_net_max_senders())?
 * @sn:     the namespace
 * @old:    the group's max-senders now (0 for a new group)
 * @new:    the value asked for
 * @extack: why not
 *
 * Only namespaces of non-initial user namespaces are bounded so.  Under
 * slsec_net.lock.  Return: 0 or -ENOSPC.
 */
int slsec_group_senders_check(struct slsec_net *sn, u32 old, u32 new,
			      struct netlink_ext_ack *extack)
{
	lockdep_assert_held(&sn->lock);
	if (new <= old || !slsec_net_unprivileged(sn) ||
	    sn->nsenders - old + new <= slsec_net_max_senders(sn))
		return 0;
	NL_SET_ERR_MSG(extack,
		       "max-senders over this namespace's receive state bound: the sum over its groups is limited (module parameter max_senders_userns)");
	return -ENOSPC;
}

int slsec_group_add(struct slsec_net *sn, const struct slsec_group_id *id,
		    const struct slsec_group_cfg *cfg,
		    struct netlink_ext_ack *extack)
{
	struct slsec_group *g;
	int err;

	lockdep_assert_held(&sn->lock);
	if (slsec_group_find(sn, id)) {
		NL_SET_ERR_MSG(extack, "group already bound on this device");
		return -EEXIST;
	}
	if (sn->ngroups >= slsec_net_max_groups(sn)) {
		if (slsec_net_unprivileged(sn))
			NL_SET_ERR_MSG(extack,
				       "namespace already binds the maximum number of groups (module parameter max_groups_userns)");
		else
			NL_SET_ERR_MSG(extack,
				       "namespace already binds the maximum number of groups (module parameter max_groups)");
		return -ENOSPC;
	}
	err = slsec_group_senders_check(sn, 0, cfg->max_senders, extack);
	if (err)
		return err;
	/* Charged to the caller's memory cgroup, as the keys it adds. */
	g = kzalloc(sizeof(*g), GFP_KERNEL_ACCOUNT);
	if (!g)
		return -ENOMEM;
	/* The work item's allocations are charged there too. */
	g->memcg = get_mem_cgroup_from_mm(current->mm);
	g->id = *id;
	g->sn = sn;
	g->cfg = *cfg;
	refcount_set(&g->ref, 1);
	INIT_WORK(&g->work, slsec_group_work);
	INIT_DELAYED_WORK(&g->life_work, slsec_life_work);
	INIT_RCU_WORK(&g->free_work, slsec_group_free_work);
	err = slsec_stats_init(&g->stats);
	if (err)
		goto err_free;
	err = slsec_peers_init(&g->peers);
	if (err)
		goto err_stats;
	/* The first group of a namespace (of a device) brings the hooks in. */
	err = slsec_hooks_get(sn, id->ifindex, extack);
	if (err)
		goto err_peers;
	err = rhashtable_lookup_insert_fast(&sn->groups_ht, &g->node,
					    slsec_group_params);
	if (err)
		goto err_hooks;
	list_add_tail(&g->list, &sn->groups);
	sn->ngroups++;
	sn->nsenders += cfg->max_senders;
	sn->gen++;
	pr_debug("group %p created\n", g);
	return 0;

err_hooks:
	slsec_hooks_put(sn, id->ifindex);
err_peers:
	slsec_peers_destroy(&g->peers);
err_stats:
	slsec_stats_destroy(&g->stats);
err_free:
	mem_cgroup_put(g->memcg);
	kfree(g);
	return err;
}

/*
 * Unlink the group, then free it and its keys after a grace period.
 * Under slsec_net.lock: group del, a bundle that failed to install in
 * the group it created, the netdevice notifier, namespace exit.
 * Documentation/design.rst, "Locks and lifetimes", has the rules each
 * step relies on.
 */
void slsec_group_del(struct slsec_net *sn, struct slsec_group *g)
{
	unsigned int i;

	lockdep_assert_held(&sn->lock);
	/*
	 * 1. Out of both tables: no new lookup (packet path, command) finds
	 *    it.  Readers already inside an RCU section may still use it,
	 *    and seals and opens in flight hold references.
	 */
	rhashtable_remove_fast(&sn->groups_ht, &g->node, slsec_group_params);
	list_del(&g->list);
	sn->ngroups--;
	sn->nsenders -= g->cfg.max_senders;
	sn->gen++;
	/*
	 * 2. Dead: slsec_group_schedule() and slsec_life_schedule() test
	 *    this under RCU, so from a grace period on nothing queues the
	 *    group's work items again.
	 */
	WRITE_ONCE(g->dead, true);
	/*
	 * 3. Each key out of keys[] and tx_key: nothing seals any more.
	 *    slsec_group_key_unlink() drops the receive state under the
	 *    key with tkey_lock taken, which also waits for a work item
	 *    still using the key, and queues the key's free a grace period
	 *    later (its send traffic keys are put, the HMAC wiped).
	 */
	for (i = 0; i < ARRAY_SIZE(g->keys) && g->nkeys; i++) {
		struct slsec_key *key = slsec_group_key(sn, g, i);

		if (key)
			slsec_group_key_unlink(sn, g, key);
	}
	/*
	 * 4. A pending life_work is cancelled and its reference dropped; a
	 *    running one waits for slsec_net.lock and then finds it dead.
	 */
	slsec_life_cancel(g);
	/* 5. Frames waiting for a traffic key go, with their devices. */
	slsec_peers_backlog_purge(&g->peers);
	/*
	 * 6. Its use of the namespace's hooks and of the device's egress
	 *    hook; the last group unregisters them.
	 */
	slsec_hooks_put(sn, g->id.ifindex);
	/*
	 * 7. The tables' reference.  The last put, here or when the last
	 *    seal, open or work item finishes, queues slsec_group_free_work()
	 *    a grace period later: receive state (and through it the
	 *    traffic keys), counters and the memcg reference, then the group.
	 */
	slsec_group_put(g);
}

struct slsec_key *slsec_group_key(struct slsec_net *sn,
				  struct slsec_group *g, u8 id)
{
	return rcu_dereference_protected(g->keys[id], lockdep_is_held(&sn->lock));
}

/* This host's traffic key of epoch 0 under a new key. */
static int slsec_group_key_tx_init(struct slsec_group *g,
				   struct slsec_key *key,
				   struct netlink_ext_ack *extack)
{
	struct slsec_tkey *tk;

	tk = slsec_tkey_create(g, key, g->cfg.sender, key->install, 0);
	if (IS_ERR(tk)) {
		NL_SET_ERR_MSG(extack, "cannot set up the AEAD for this key");
		return PTR_ERR(tk);
	}
	mutex_lock(&g->peers.tkey_lock);
	slsec_tkey_pair_set(key->tx, tk, &g->peers.tkey_lock);
	mutex_unlock(&g->peers.tkey_lock);
	return 0;
}

/*
 * Put a new key in the table, pending (lifecycle.c decides when it
 * sends).  Nothing is changed when this fails.
 */
int slsec_group_key_link(struct slsec_net *sn, struct slsec_group *g,
			 struct slsec_key *key, struct netlink_ext_ack *extack)
{
	int err;

	lockdep_assert_held(&sn->lock);
	if (slsec_group_key(sn, g, key->id)) {
		NL_SET_ERR_MSG(extack, "key id already installed in this group");
		return -EEXIST;
	}
	if (g->nkeys >= SLSEC_MAX_KEYS) {
		NL_SET_ERR_MSG(extack, "group already holds the maximum number of keys (16)");
		return -ENOSPC;
	}
	err = slsec_group_key_tx_init(g, key, extack);
	if (err)
		return err;
	key->seq = ++g->key_seq;
	key->state = SLSEC_KEY_PENDING;
	key->installed = ktime_get_boottime_ns();
	key->installed_ms = slsec_now_ms();
	clear_bit(key->id, g->revoked);
	clear_bit(key->id, g->retired);
	rcu_assign_pointer(g->keys[key->id], key);
	g->nkeys++;
	sn->gen++;
	return 0;
}

/* A grace period after the unlink, in process context: it may sleep. */
static void slsec_key_free_work(struct work_struct *work)
{
	slsec_key_free(container_of(to_rcu_work(work), struct slsec_key,
				    free_work));
	slsec_rcu_done();
}

struct slsec_key *slsec_group_tx_key(struct slsec_net *sn,
				     struct slsec_group *g)
{
	return rcu_dereference_protected(g->tx_key, lockdep_is_held(&sn->lock));
}

/*
 * Take @key out of the table; it is wiped and freed after a grace
 * period.  If it was the active key, nothing sends any more: the caller
 * has picked a successor first if there is one.
 */
void slsec_group_key_unlink(struct slsec_net *sn, struct slsec_group *g,
			    struct slsec_key *key)
{
	lockdep_assert_held(&sn->lock);
	RCU_INIT_POINTER(g->keys[key->id], NULL);
	g->nkeys--;
	sn->gen++;
	if (slsec_group_tx_key(sn, g) == key)
		RCU_INIT_POINTER(g->tx_key, NULL);
	/* Receive state under the key goes first, then the key itself. */
	slsec_peers_forget_key(g, key->id);
	slsec_free_after_rcu(&key->free_work, slsec_key_free_work);
}

/* Counters restart from zero: one device's groups, or all (0). */
void slsec_group_stats_reset(struct slsec_net *sn, u32 ifindex)
{
	struct slsec_group *g;

	lockdep_assert_held(&sn->lock);
	list_for_each_entry(g, &sn->groups, list)
		if (!ifindex || g->id.ifindex == ifindex)
			slsec_stats_reset(&g->stats);
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
