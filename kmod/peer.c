// SPDX-License-Identifier: GPL-2.0
/*
 * Receive state: per sender, per group key, the installation of the key
 * on that sender last heard, with its replay window and the traffic keys
 * of its current and next epoch.  A sender that installs the key again
 * (reboot, module reload, key re-added) sends under a new installation
 * id; the first frame of it that authenticates replaces the old state,
 * so a restarted sender is heard at once and never waits for its packet
 * numbers to pass the old ones.
 *
 * The packet path only looks state up.  A frame whose traffic key is not
 * there yet (a new sender, a new epoch) waits, unmodified, on a bounded
 * backlog; the group's work item derives the key, and only if the frame
 * authenticates under it does the sender get state, within the group's
 * max-senders.  The frame then goes back through netif_rx() and takes the
 * normal path.  Forged sender ids therefore cost a bounded backlog and
 * some CPU, never memory.
 */

#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <net/dst.h>
#include <linux/slab.h>

#include "aead.h"
#include "event.h"
#include "fresh.h"
#include "group.h"
#include "main.h"
#include "ip.h"
#include "key.h"
#include "messages.h"
#include "peer.h"
#include "replay.h"
#include "tkey.h"

static const struct rhashtable_params slsec_peer_params = {
	.key_len = sizeof(u32),
	.key_offset = offsetof(struct slsec_peer, id),
	.head_offset = offsetof(struct slsec_peer, node),
	.automatic_shrinking = true,
};

int slsec_peers_init(struct slsec_peers *p)
{
	mutex_init(&p->lock);
	INIT_LIST_HEAD(&p->list);
	p->n = 0;
	skb_queue_head_init(&p->backlog);
	return rhashtable_init(&p->ht, &slsec_peer_params);
}

/* A grace period after the last reference, in process context. */
static void slsec_rxkey_free_work(struct work_struct *work)
{
	struct slsec_rxkey *rxk = container_of(to_rcu_work(work),
					       struct slsec_rxkey, free_work);

	slsec_tkey_pair_clear(rxk->tk);
	slsec_replay_free(rxk->replay);
	kfree(rxk);
	slsec_rcu_done();
}

/* Any context. */
void slsec_rxkey_put(struct slsec_rxkey *rxk)
{
	if (rxk && refcount_dec_and_test(&rxk->ref))
		slsec_free_after_rcu(&rxk->free_work, slsec_rxkey_free_work);
}

void slsec_peers_backlog_purge(struct slsec_peers *p)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&p->backlog))) {
		struct net_device *dev = skb->dev;

		kfree_skb(skb);
		dev_put(dev);
	}
}

/* The group is unreachable and a grace period has passed. */
void slsec_peers_destroy(struct slsec_peers *p)
{
	struct slsec_peer *peer, *tmp;
	unsigned int i;

	slsec_peers_backlog_purge(p);
	list_for_each_entry_safe(peer, tmp, &p->list, list) {
		for (i = 0; i < SLSEC_MAX_KEYS; i++)
			slsec_rxkey_put(rcu_dereference_protected(peer->rx[i], 1));
		kfree(peer);
	}
	kfree(rcu_dereference_protected(p->revoked, 1));
	rhashtable_destroy(&p->ht);
	mutex_destroy(&p->lock);
}

static struct slsec_rxkey *slsec_peer_slot(struct slsec_peer *peer, u8 key_id)
{
	unsigned int i;

	for (i = 0; i < SLSEC_MAX_KEYS; i++) {
		struct slsec_rxkey *rxk = rcu_dereference_check(peer->rx[i], 1);

		if (rxk && rxk->key_id == key_id)
			return rxk;
	}
	return NULL;
}

/* Under RCU or slsec_peers.lock: a sender's state under a key, or NULL. */
struct slsec_rxkey *slsec_peer_rxkey(struct slsec_group *g, u32 sender,
				     u8 key_id)
{
	struct slsec_peer *peer;

	peer = rhashtable_lookup(&g->peers.ht, &sender, slsec_peer_params);
	return peer ? slsec_peer_slot(peer, key_id) : NULL;
}

/* A group key went away: so does every sender's state under it. */
void slsec_peers_forget_key(struct slsec_group *g, u8 key_id)
{
	struct slsec_peers *p = &g->peers;
	struct slsec_peer *peer;
	unsigned int i;

	mutex_lock(&p->lock);
	list_for_each_entry(peer, &p->list, list) {
		for (i = 0; i < SLSEC_MAX_KEYS; i++) {
			struct slsec_rxkey *rxk;

			rxk = rcu_dereference_protected(peer->rx[i],
							lockdep_is_held(&p->lock));
			if (!rxk || rxk->key_id != key_id)
				continue;
			RCU_INIT_POINTER(peer->rx[i], NULL);
			slsec_rxkey_put(rxk);
		}
	}
	mutex_unlock(&p->lock);
}

/**
 * slsec_peers_park() - let a frame wait for its traffic key
 * @g:   its group
 * @skb: the frame, unmodified, at its network header
 *
 * Softirq.  Return: false if the backlog is full (the caller drops).
 */
bool slsec_peers_park(struct slsec_group *g, struct sk_buff *skb)
{
	struct slsec_peers *p = &g->peers;

	if (skb_queue_len(&p->backlog) >= SLSEC_BACKLOG_MAX)
		return false;
	/* The device stays until the frame is re-injected or freed. */
	dev_hold(skb->dev);
	skb_dst_drop(skb);
	skb_queue_tail(&p->backlog, skb);
	slsec_group_schedule(g);
	return true;
}

/* Does the parked frame authenticate under @tk?  Opens a copy. */
static int slsec_peer_verify(struct slsec_group *g, struct slsec_tkey *tk,
			     struct sk_buff *skb, unsigned int hoff, u64 pn)
{
	unsigned int alen = g->id.family == AF_INET ? 4 : 16;
	unsigned int len = skb->len - hoff - SLSEC_HDR_LEN;
	u8 *buf;
	int err;

	buf = kmalloc(alen + SLSEC_HDR_LEN + len, GFP_KERNEL_ACCOUNT);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, g->id.addr.bytes, alen);
	err = skb_copy_bits(skb, hoff, buf + alen, SLSEC_HDR_LEN + len);
	if (!err)
		err = slsec_aead_crypt_buf(&tk->aead, false, pn, buf,
					   alen + SLSEC_HDR_LEN, len);
	kfree_sensitive(buf);
	return err;
}

/* A new sender; the caller checked it is not there and within the limit. */
static struct slsec_peer *slsec_peer_new(struct slsec_group *g, u32 sender)
{
	struct slsec_peers *p = &g->peers;
	struct slsec_peer *peer;
	int err;

	peer = kzalloc(sizeof(*peer), GFP_KERNEL_ACCOUNT);
	if (!peer)
		return ERR_PTR(-ENOMEM);
	peer->id = sender;
	err = rhashtable_insert_fast(&p->ht, &peer->node, slsec_peer_params);
	if (err) {
		kfree(peer);
		return ERR_PTR(err);
	}
	list_add_tail(&peer->list, &p->list);
	p->n++;
	return peer;
}

/* The slot of @peer's state under @key_id, else a free one, else -ENOSPC. */
static int slsec_peer_index(struct slsec_peer *peer, u8 key_id)
{
	int i, free = -ENOSPC;

	for (i = 0; i < SLSEC_MAX_KEYS; i++) {
		struct slsec_rxkey *rxk = rcu_dereference_check(peer->rx[i], 1);

		if (rxk && rxk->key_id == key_id)
			return i;
		if (!rxk && free < 0)
			free = i;
	}
	return free;
}

static void slsec_event_restart(struct slsec_group *g, u32 sender,
				const struct slsec_rxkey *rxk)
{
	struct slsec_event_arg ev = {
		.type = SLSEC_EVENT_SENDER_RESTARTED,
		.key_id = rxk->key_id, .has_key = true,
		.sender = sender, .has_sender = true,
		.install = rxk->install, .has_install = true,
	};

	slsec_event(g, &ev, GFP_KERNEL);
}

/*
 * New state for @install of @peer's key @key_id, in place of @old (an
 * earlier installation, or NULL): a fresh replay window, the traffic keys
 * to come.  The caller verified a frame of @install stamped @ts.
 */
static struct slsec_rxkey *slsec_rxkey_install(struct slsec_group *g,
					       struct slsec_peer *peer,
					       struct slsec_rxkey *old,
					       u8 key_id, u64 install, u32 ts)
{
	int i = slsec_peer_index(peer, key_id);
	struct slsec_rxkey *rxk;

	if (i < 0)
		return ERR_PTR(i);
	rxk = kzalloc(sizeof(*rxk), GFP_KERNEL_ACCOUNT);
	if (!rxk)
		return ERR_PTR(-ENOMEM);
	rxk->replay = slsec_replay_alloc(READ_ONCE(g->cfg.replay_window),
					 GFP_KERNEL_ACCOUNT);
	if (!rxk->replay) {
		kfree(rxk);
		return ERR_PTR(-ENOMEM);
	}
	rxk->key_id = key_id;
	rxk->install = install;
	rxk->last_ts = ts;
	if (old) {
		rxk->prev = old->install;
		rxk->restarts = old->restarts + 1;
	}
	spin_lock_init(&rxk->lock);
	refcount_set(&rxk->ref, 1);
	rcu_assign_pointer(peer->rx[i], rxk);
	if (old) {
		slsec_rxkey_put(old);
		slsec_event_restart(g, peer->id, rxk);
	}
	return rxk;
}

/**
 * slsec_rxkey_superseded() - is a frame of @install stamped @ts older than
 *	the installation @rxk follows?
 * @g:       the group
 * @rxk:     a sender's state under the frame's key
 * @install: the frame's installation, not @rxk's
 * @ts:      its timestamp
 *
 * The installation @rxk replaced is refused outright, so frames it still
 * had in flight cannot switch back.  With a freshness window the clocks
 * agree, and a new installation must also stamp later than the newest
 * frame of the current one: an earlier installation's recorded frames
 * cannot displace it.  Under RCU or slsec_peers.lock.
 */
bool slsec_rxkey_superseded(const struct slsec_group *g,
			    const struct slsec_rxkey *rxk, u64 install, u32 ts)
{
	if (rxk->restarts && install == rxk->prev)
		return true;
	return READ_ONCE(g->cfg.freshness) &&
	       !slsec_ts_after(ts, READ_ONCE(rxk->last_ts));
}

bool slsec_revoked_has(const struct slsec_revoked *r, u32 id)
{
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (r->ids[i] == id)
			return true;
	return false;
}

static bool slsec_sender_revoked_locked(struct slsec_peers *p, u32 id)
{
	struct slsec_revoked *r;

	r = rcu_dereference_protected(p->revoked, lockdep_is_held(&p->lock));
	return r && slsec_revoked_has(r, id);
}

/* A revoked sender's receive state goes, under every key. */
static void slsec_peer_forget(struct slsec_peers *p, u32 id)
{
	struct slsec_peer *peer;
	unsigned int i;

	peer = rhashtable_lookup_fast(&p->ht, &id, slsec_peer_params);
	if (!peer)
		return;
	rhashtable_remove_fast(&p->ht, &peer->node, slsec_peer_params);
	list_del(&peer->list);
	p->n--;
	for (i = 0; i < SLSEC_MAX_KEYS; i++) {
		struct slsec_rxkey *rxk;

		rxk = rcu_dereference_protected(peer->rx[i],
						lockdep_is_held(&p->lock));
		RCU_INIT_POINTER(peer->rx[i], NULL);
		slsec_rxkey_put(rxk);
	}
	kfree_rcu(peer, rcu);
}

/* The set of revoked ids with @id added (@revoke) or taken out. */
static struct slsec_revoked *slsec_revoked_edit(const struct slsec_revoked *old,
						u32 id, bool revoke)
{
	unsigned int n = old ? old->n : 0, i, j = 0;
	struct slsec_revoked *r;

	r = kzalloc(struct_size(r, ids, n + 1), GFP_KERNEL_ACCOUNT);
	if (!r)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < n; i++)
		if (old->ids[i] != id)
			r->ids[j++] = old->ids[i];
	if (revoke)
		r->ids[j++] = id;
	r->n = j;
	return r;
}

/**
 * slsec_sender_revoke() - drop (or again accept) frames from a sender id
 * @g:      the group
 * @id:     the sender id
 * @revoke: true to revoke, false to restore
 *
 * A revoked sender's receive state is removed at once.  Process context.
 *
 * Return: 0, -EEXIST (revoked already), -ENOENT (not revoked), -ENOSPC
 * (SLSEC_MAX_REVOKED_SENDERS reached) or -ENOMEM.
 */
int slsec_sender_revoke(struct slsec_group *g, u32 id, bool revoke)
{
	struct slsec_peers *p = &g->peers;
	struct slsec_revoked *old, *r;
	int err = 0;

	mutex_lock(&p->lock);
	old = rcu_dereference_protected(p->revoked, lockdep_is_held(&p->lock));
	if (slsec_sender_revoked_locked(p, id) == revoke) {
		err = revoke ? -EEXIST : -ENOENT;
		goto out;
	}
	if (revoke && old && old->n >= SLSEC_MAX_REVOKED_SENDERS) {
		err = -ENOSPC;
		goto out;
	}
	r = slsec_revoked_edit(old, id, revoke);
	if (IS_ERR(r)) {
		err = PTR_ERR(r);
		goto out;
	}
	rcu_assign_pointer(p->revoked, r);
	if (old)
		kfree_rcu(old, rcu);
	if (revoke)
		slsec_peer_forget(p, id);
	else	/* its replay windows are gone: so are its older frames */
		WRITE_ONCE(p->forgot_ms, slsec_now_ms());
out:
	mutex_unlock(&p->lock);
	return err;
}

static enum slsec_stat slsec_errno_stat(int err)
{
	switch (err) {
	case -EBADMSG:
		return SLSEC_STAT_RX_DROP_AUTH;
	case -ENOSPC:
		return SLSEC_STAT_RX_DROP_NO_STATE;
	case -ESTALE:
		return SLSEC_STAT_RX_DROP_TOO_OLD;
	case -ENOKEY:
		return SLSEC_STAT_RX_DROP_UNKNOWN_KEY;
	case -EKEYREVOKED:
		return SLSEC_STAT_RX_DROP_REVOKED_SENDER;
	case -EINVAL:
		return SLSEC_STAT_RX_DROP_BAD_HEADER;
	case -EOWNERDEAD:
		return SLSEC_STAT_RX_DROP_SUPERSEDED;
	default:
		return SLSEC_STAT_RX_DROP_NOMEM;
	}
}

/* Is there a newer epoch than @epoch + 1 in the pair already? */
static bool slsec_epoch_stale(struct slsec_rxkey *rxk, u32 epoch,
			      struct mutex *lock)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct slsec_tkey *tk;

		tk = rcu_dereference_protected(rxk->tk[i], lockdep_is_held(lock));
		if (tk && tk->epoch > epoch + 1)
			return true;
		if (tk && (tk->epoch & 1) == (epoch & 1) && tk->epoch > epoch)
			return true;
	}
	return false;
}

static int slsec_learn_locked(struct slsec_group *g, struct sk_buff *skb,
			      unsigned int hoff, const struct slsec_hdr *h)
{
	unsigned int shift = slsec_alg_get(g->cfg.alg)->epoch_shift;
	u32 sender = be32_to_cpu(h->sender_id), ts = be32_to_cpu(h->ts);
	u64 install = be64_to_cpu(h->install), pn = be64_to_cpu(h->pn);
	u32 epoch = slsec_pn_epoch(pn, shift);
	struct slsec_peers *p = &g->peers;
	struct slsec_rxkey *rxk;
	struct slsec_peer *peer;
	struct slsec_tkey *tk;
	struct slsec_key *key;
	int err;

	/*
	 * @g->keys is written under slsec_net.lock, not held here: read it
	 * as the packet path does.  The key stays while @p->lock is held:
	 * it is freed only after slsec_peers_forget_key() took @p->lock.
	 */
	rcu_read_lock();
	key = rcu_dereference(g->keys[h->key_id]);
	rcu_read_unlock();
	if (!key)
		return -ENOKEY;
	if (slsec_sender_revoked_locked(p, sender))
		return -EKEYREVOKED;
	peer = rhashtable_lookup_fast(&p->ht, &sender, slsec_peer_params);
	rxk = peer ? slsec_peer_slot(peer, h->key_id) : NULL;
	if (rxk && rxk->install == install) {
		tk = rcu_dereference_protected(rxk->tk[epoch & 1],
					       lockdep_is_held(&p->lock));
		if (tk && tk->epoch == epoch)
			return 0;	/* learnt meanwhile */
		if (slsec_epoch_stale(rxk, epoch, &p->lock))
			return -ESTALE;
	} else if (rxk && slsec_rxkey_superseded(g, rxk, install, ts)) {
		return -EOWNERDEAD;
	}
	/* Before the costly part: a new sender must fit the limit. */
	if (!peer && p->n >= READ_ONCE(g->cfg.max_senders))
		return -ENOSPC;

	tk = slsec_tkey_create(g, key, sender, install, epoch);
	if (IS_ERR(tk))
		return PTR_ERR(tk) == -EINVAL ? -ENOMEM : PTR_ERR(tk);
	err = slsec_peer_verify(g, tk, skb, hoff, pn);
	if (err)
		goto err_tk;
	if (!peer) {
		peer = slsec_peer_new(g, sender);
		if (IS_ERR(peer)) {
			err = PTR_ERR(peer);
			goto err_tk;
		}
	}
	if (!rxk || rxk->install != install)
		rxk = slsec_rxkey_install(g, peer, rxk, h->key_id, install, ts);
	if (IS_ERR(rxk)) {
		err = PTR_ERR(rxk);
		goto err_tk;
	}
	slsec_tkey_pair_set(rxk->tk, tk, &p->lock);
	return 0;

err_tk:
	slsec_tkey_put(tk);
	return err;
}

static int slsec_learn_one(struct slsec_group *g, struct sk_buff *skb)
{
	struct slsec_hdr h;
	struct slsec_ip ip;
	int err;

	if (slsec_ip_parse(skb, g->id.family, &ip) ||
	    ip.hoff + SLSEC_OVERHEAD > skb->len ||
	    skb_copy_bits(skb, ip.hoff, &h, sizeof(h)))
		return -EINVAL;
	mutex_lock(&g->peers.lock);
	err = slsec_learn_locked(g, skb, ip.hoff, &h);
	mutex_unlock(&g->peers.lock);
	return err;
}

/* Work item: learn the traffic keys the backlog waits for, re-inject. */
void slsec_peers_learn(struct slsec_group *g)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&g->peers.backlog))) {
		struct net_device *dev = skb->dev;
		int err = slsec_learn_one(g, skb);

		if (err) {
			slsec_stats_inc(&g->stats, slsec_errno_stat(err));
			kfree_skb(skb);
		} else {
			netif_rx(skb);
		}
		dev_put(dev);
		cond_resched();
	}
}
