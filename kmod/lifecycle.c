// SPDX-License-Identifier: GPL-2.0
/*
 * Key lifecycle: make-before-break rotation.  A group holds up to
 * SLSEC_MAX_KEYS keys; each is pending (accepted on receive, not sending),
 * active (the one key this host sends with) or retiring (accepted until
 * its grace period ends, then wiped and removed).  Every installed key is
 * accepted on receive, so a UE that switches early loses nothing, and a
 * UE that switches late is still heard during the grace period.
 *
 * A pending key activates at a CLOCK_REALTIME instant, so every UE of a
 * group switches together (MCPTT GMK activation time), or on command.
 * Lifetimes (time from activation, packets and bytes sealed) expire a key
 * softly (an event) or hard (it stops sending and retires; the newest
 * pending key, if any, takes over).
 *
 * All changes happen under slsec_net.lock, in commands or in the group's
 * life_work, which runs at the next deadline (at least once a second
 * while one is near, so a wall-clock step is noticed) or when the data
 * path reports that a packet or byte limit was reached.
 */

#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/workqueue.h>
#include <net/netlink.h>
#include <linux/slsec.h>

#include "aead.h"
#include "event.h"
#include "group.h"
#include "key.h"
#include "lifecycle.h"
#include "netns.h"
#include "replay.h"

/* Re-examine the group's keys at least this often while a deadline waits. */
#define SLSEC_LIFE_MAX_SLEEP_MS	1000

/*
 * Never once the group is unlinked: slsec_group_del() sets @g->dead, and
 * the check and the queueing are one RCU read-side section, so after a
 * grace period nothing queues the item again (slsec_groups_quiesce()).
 */
static void slsec_life_schedule(struct slsec_group *g, unsigned long delay)
{
	rcu_read_lock();
	/* An already pending item holds its own reference. */
	if (!READ_ONCE(g->dead) && slsec_group_get(g) &&
	    mod_delayed_work(slsec_wq, &g->life_work, delay))
		slsec_group_put(g);
	rcu_read_unlock();
}

/* Any context: look at the group's keys now. */
void slsec_life_kick(struct slsec_group *g)
{
	slsec_life_schedule(g, 0);
}

/*
 * The group is unlinked (under slsec_net.lock, which a running item
 * waits for, and then finds @g->dead): a pending run need not happen.
 */
void slsec_life_cancel(struct slsec_group *g)
{
	if (cancel_delayed_work(&g->life_work))
		slsec_group_put(g);
}

static void slsec_life_retire(struct slsec_group *g, struct slsec_key *key,
			      u64 now)
{
	key->state = SLSEC_KEY_RETIRING;
	key->activate_at = 0;
	key->retire_at = now + (u64)READ_ONCE(g->cfg.grace) * NSEC_PER_MSEC;
}

/* @key sends from now on; the active key, if any, retires. */
static void slsec_life_activate(struct slsec_net *sn, struct slsec_group *g,
				struct slsec_key *key)
{
	struct slsec_key *old = slsec_group_tx_key(sn, g);
	u64 now = ktime_get_boottime_ns();

	if (old == key)
		return;
	if (old)
		slsec_life_retire(g, old, now);
	key->state = SLSEC_KEY_ACTIVE;
	key->activated = now;
	key->activate_at = 0;
	WRITE_ONCE(g->tx_expired, false);
	rcu_assign_pointer(g->tx_key, key);
	sn->gen++;
	slsec_event_key(g, SLSEC_EVENT_KEY_ACTIVATED, key->id);
	/* Its lifetimes and the old key's grace period start now. */
	slsec_life_kick(g);
}

/* The newest pending key: the one to take over from a failing one. */
static struct slsec_key *slsec_life_successor(struct slsec_net *sn,
					      struct slsec_group *g)
{
	struct slsec_key *best = NULL, *k;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(g->keys); i++) {
		k = slsec_group_key(sn, g, i);
		if (k && k->state == SLSEC_KEY_PENDING &&
		    (!best || k->seq > best->seq))
			best = k;
	}
	return best;
}

/*
 * The active key goes; its successor, if any, takes over at once.  If none
 * can, @expired says whether the key went because it expired (which the
 * send path's drop counter then reports).
 */
static void slsec_life_hand_over(struct slsec_net *sn, struct slsec_group *g,
				 bool expired)
{
	struct slsec_key *next = slsec_life_successor(sn, g);

	if (next) {
		slsec_life_activate(sn, g, next);
		return;
	}
	RCU_INIT_POINTER(g->tx_key, NULL);
	WRITE_ONCE(g->tx_expired, expired);
	sn->gen++;
	slsec_event_key(g, SLSEC_EVENT_NO_TX_KEY, 0);
}

static void slsec_life_apply(struct slsec_net *sn, struct slsec_group *g,
			     struct slsec_key *key,
			     const struct slsec_activation *act)
{
	switch (act->how) {
	case SLSEC_ACT_NOW:
		slsec_life_activate(sn, g, key);
		break;
	case SLSEC_ACT_AT:
		key->activate_at = act->at ?: 1;
		slsec_life_kick(g);
		break;
	case SLSEC_ACT_PENDING:
		key->activate_at = 0;
		break;
	}
}

/**
 * slsec_life_key_add() - install a key and schedule its activation
 * @sn:     the namespace, locked
 * @g:      the group
 * @key:    a new key; on success the group owns it
 * @act:    when it starts sending
 * @extack: for the reason of a refusal
 *
 * Return: 0, or a negative errno with nothing changed.
 */
int slsec_life_key_add(struct slsec_net *sn, struct slsec_group *g,
		       struct slsec_key *key,
		       const struct slsec_activation *act,
		       struct netlink_ext_ack *extack)
{
	int err;

	err = slsec_group_key_link(sn, g, key, extack);
	if (err)
		return err;
	slsec_event_key(g, SLSEC_EVENT_KEY_ADDED, key->id);
	slsec_life_apply(sn, g, key, act);
	return 0;
}

/* key set: activate a pending key now, at a time, or hold it. */
int slsec_life_key_set(struct slsec_net *sn, struct slsec_group *g,
		       struct slsec_key *key,
		       const struct slsec_activation *act,
		       struct netlink_ext_ack *extack)
{
	if (key->state == SLSEC_KEY_RETIRING) {
		NL_SET_ERR_MSG(extack,
			       "key is retiring and cannot send again: install a new key");
		return -EINVAL;
	}
	if (key->state == SLSEC_KEY_ACTIVE) {
		if (act->how == SLSEC_ACT_NOW)
			return 0;
		NL_SET_ERR_MSG(extack,
			       "key is active already: activate its successor instead");
		return -EINVAL;
	}
	slsec_life_apply(sn, g, key, act);
	sn->gen++;
	return 0;
}

/**
 * slsec_life_key_remove() - delete, revoke or retire a key, at once
 * @sn:     the namespace, locked
 * @g:      the group
 * @key:    one of its keys
 * @how:    enum slsec_removal
 * @force:  remove the active key even when no pending key can take over
 * @extack: for the reason of a refusal
 *
 * Frames under the key are dropped from now on, counted as revoked (or
 * retired) key drops.  The key is wiped after an RCU grace period.
 */
int slsec_life_key_remove(struct slsec_net *sn, struct slsec_group *g,
			  struct slsec_key *key, enum slsec_removal how,
			  bool force, struct netlink_ext_ack *extack)
{
	static const u32 type[] = {
		[SLSEC_REMOVE_DEL] = SLSEC_EVENT_KEY_REMOVED,
		[SLSEC_REMOVE_REVOKE] = SLSEC_EVENT_KEY_REVOKED,
		[SLSEC_REMOVE_RETIRE] = SLSEC_EVENT_KEY_RETIRED,
	};
	u8 id = key->id;

	if (key == slsec_group_tx_key(sn, g)) {
		if (!slsec_life_successor(sn, g) && !force) {
			NL_SET_ERR_MSG(extack,
				       "this is the active key and no pending key can take over: the group would stop sending (add a successor first, or force)");
			return -EBUSY;
		}
		slsec_life_hand_over(sn, g, false);
	}
	set_bit(id, how == SLSEC_REMOVE_RETIRE ? g->retired : g->revoked);
	slsec_group_key_unlink(sn, g, key);
	slsec_event_key(g, type[how], id);
	return 0;
}

/* What a key has used of each lifetime kind. */
static void slsec_life_usage(const struct slsec_key *key, u64 now, u64 *use)
{
	use[SLSEC_EXPIRE_TIME] = div_u64(now - key->activated, NSEC_PER_MSEC);
	use[SLSEC_EXPIRE_PACKETS] = atomic64_read(&key->tx_pn);
	use[SLSEC_EXPIRE_BYTES] = atomic64_read(&key->tx_bytes);
}

/* ms until @limit ms of use is reached, for the next run's deadline. */
static u64 slsec_life_left(u64 limit, u64 used)
{
	return limit > used ? limit - used : 0;
}

/*
 * The active key's lifetimes.  Return: ms until the next time limit, or
 * U64_MAX.
 */
static u64 slsec_life_check_active(struct slsec_net *sn, struct slsec_group *g,
				   struct slsec_key *key, u64 now)
{
	unsigned int shift = slsec_alg_get(g->cfg.alg)->epoch_shift;
	u64 use[__SLSEC_EXPIRE_KIND_MAX], next = U64_MAX, limit = slsec_pn_limit(shift);
	const struct slsec_lifetime *lt = &key->life;
	unsigned int k;

	slsec_life_usage(key, now, use);
	if (slsec_pn_near_end(use[SLSEC_EXPIRE_PACKETS], limit) &&
	    !test_and_set_bit(SLSEC_KEY_PN_WARNED, &key->flags))
		slsec_event_key(g, SLSEC_EVENT_PN_NEAR_END, key->id);
	for (k = 0; k < __SLSEC_EXPIRE_KIND_MAX; k++) {
		u64 hard = lt->hard[k];

		/* Packet numbers run out: the crypto core's own hard limit. */
		if (k == SLSEC_EXPIRE_PACKETS && (!hard || hard > limit))
			hard = limit;
		if (hard && use[k] >= hard) {
			set_bit(SLSEC_KEY_HARD_HIT, &key->flags);
			slsec_event_expire(g, SLSEC_EVENT_KEY_HARD_EXPIRED,
					   key->id, k);
			slsec_life_retire(g, key, now);
			slsec_life_hand_over(sn, g, true);
			return U64_MAX;
		}
	}
	for (k = 0; k < __SLSEC_EXPIRE_KIND_MAX; k++) {
		if (lt->soft[k] && use[k] >= lt->soft[k] &&
		    !test_and_set_bit(SLSEC_KEY_SOFT_FIRED, &key->flags))
			slsec_event_expire(g, SLSEC_EVENT_KEY_SOFT_EXPIRED,
					   key->id, k);
	}
	if (lt->hard[SLSEC_EXPIRE_TIME])
		next = slsec_life_left(lt->hard[SLSEC_EXPIRE_TIME],
				       use[SLSEC_EXPIRE_TIME]);
	if (lt->soft[SLSEC_EXPIRE_TIME] &&
	    !test_bit(SLSEC_KEY_SOFT_FIRED, &key->flags))
		next = min(next, slsec_life_left(lt->soft[SLSEC_EXPIRE_TIME],
						 use[SLSEC_EXPIRE_TIME]));
	return next;
}

/* The due pending key with the latest activation time, if any. */
static struct slsec_key *slsec_life_due(struct slsec_net *sn,
					struct slsec_group *g, u64 real,
					u64 *next)
{
	struct slsec_key *due = NULL, *k;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(g->keys); i++) {
		k = slsec_group_key(sn, g, i);
		if (!k || k->state != SLSEC_KEY_PENDING || !k->activate_at)
			continue;
		if (k->activate_at > real) {
			*next = min(*next, div_u64(k->activate_at - real,
						   NSEC_PER_MSEC) + 1);
			continue;
		}
		if (!due || k->activate_at > due->activate_at ||
		    (k->activate_at == due->activate_at && k->seq > due->seq))
			due = k;
	}
	return due;
}

/* One pass over the group's keys. Return: ms until the next deadline. */
static u64 slsec_life_step(struct slsec_net *sn, struct slsec_group *g)
{
	u64 now = ktime_get_boottime_ns(), next = U64_MAX;
	struct slsec_key *k, *due;
	unsigned int i;

	due = slsec_life_due(sn, g, ktime_get_real_ns(), &next);
	if (due)
		slsec_life_activate(sn, g, due);
	k = slsec_group_tx_key(sn, g);
	if (k)
		next = min(next, slsec_life_check_active(sn, g, k, now));
	for (i = 0; i < ARRAY_SIZE(g->keys); i++) {
		k = slsec_group_key(sn, g, i);
		if (!k || k->state != SLSEC_KEY_RETIRING)
			continue;
		if (k->retire_at <= now)
			slsec_life_key_remove(sn, g, k, SLSEC_REMOVE_RETIRE,
					      true, NULL);
		else
			next = min(next, div_u64(k->retire_at - now,
						 NSEC_PER_MSEC) + 1);
	}
	return next;
}

/* The group's life_work: holds a group reference while queued. */
void slsec_life_work(struct work_struct *work)
{
	struct slsec_group *g = container_of(to_delayed_work(work),
					     struct slsec_group, life_work);
	struct slsec_net *sn = g->sn;
	u64 next;

	mutex_lock(&sn->lock);
	if (!g->dead) {
		next = slsec_life_step(sn, g);
		if (next != U64_MAX) {
			next = min_t(u64, next, SLSEC_LIFE_MAX_SLEEP_MS);
			slsec_life_schedule(g, msecs_to_jiffies(next));
		}
	}
	mutex_unlock(&sn->lock);
	slsec_group_put(g);
}
