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
 * there yet waits, unmodified, on one of two bounded backlogs; the
 * group's work item empties the first before it takes from the second:
 *
 *  - known: a sender with state here, in the epoch before or after the
 *    newest one that authenticated.  A neighbouring epoch's key is derived without trying the
 *    frame (it is the key the sender uses next or used last, wanted
 *    anyway); the frame then meets it on the normal path.  Once a frame
 *    authenticates past the middle of its epoch, the work item derives
 *    the next epoch's key ahead, as the send side does, so a rollover
 *    does not wait at all.
 *  - new: a sender without state, a known one's new installation (a
 *    restart: installation ids travel in the clear, so a forged restart
 *    must not crowd out a rollover), or a known one's frame more than an
 *    epoch ahead after SLSEC_EPOCH_IDLE_MS of silence (the receiver may
 *    have missed a whole epoch).  Such a frame costs a key derivation and
 *    an open of a copy, on a transform the work item re-keys (no
 *    allocation); only if it authenticates does the sender get state,
 *    within the group's max-senders.
 *
 * Anything further ahead of a sender heard lately cannot be genuine and
 * is dropped before it waits (rx_drop_epoch).  Each backlog is bounded in
 * frames and in truesize bytes, and one sender id holds at most
 * half of each (32 and 16 frames); a full one drops
 * (rx_drop_backlog).  A frame that got its key goes back through
 * netif_rx() and takes the normal path.  Forged frames therefore cost a
 * bounded backlog and some CPU, never memory; a flood of forged senders
 * or forged restarts never delays a known sender's rollover, and a
 * genuine new sender or restart competes with it for the new backlog.
 */

#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <net/dst.h>
#include <linux/slab.h>
#include <crypto/aead.h>

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
	mutex_init(&p->tkey_lock);
	INIT_LIST_HEAD(&p->list);
	p->n = 0;
	skb_queue_head_init(&p->backlog[SLSEC_PARK_KNOWN].q);
	skb_queue_head_init(&p->backlog[SLSEC_PARK_NEW].q);
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

/* What a parked frame keeps in skb->cb. */
struct slsec_park_cb {
	u32 sender;
};

static struct slsec_park_cb *slsec_park_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct slsec_park_cb) > sizeof(skb->cb));
	return (struct slsec_park_cb *)skb->cb;
}

/* Any context: the oldest frame of @b, or NULL. */
static struct sk_buff *slsec_backlog_dequeue(struct slsec_backlog *b)
{
	struct sk_buff *skb;
	unsigned long flags;

	spin_lock_irqsave(&b->q.lock, flags);
	skb = __skb_dequeue(&b->q);
	if (skb)
		b->bytes -= skb->truesize;
	spin_unlock_irqrestore(&b->q.lock, flags);
	return skb;
}

void slsec_peers_backlog_purge(struct slsec_peers *p)
{
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < SLSEC_PARK_N; i++) {
		while ((skb = slsec_backlog_dequeue(&p->backlog[i]))) {
			struct net_device *dev = skb->dev;

			kfree_skb(skb);
			dev_put(dev);
		}
	}
}

/* The group is unreachable and a grace period has passed. */
void slsec_peers_destroy(struct slsec_peers *p)
{
	struct slsec_peer *peer, *tmp;
	unsigned int i;

	slsec_peers_backlog_purge(p);
	if (p->scratch.tfm)
		slsec_aead_destroy(&p->scratch);
	list_for_each_entry_safe(peer, tmp, &p->list, list) {
		for (i = 0; i < SLSEC_MAX_KEYS; i++)
			slsec_rxkey_put(rcu_dereference_protected(peer->rx[i], 1));
		kfree(peer);
	}
	kfree(rcu_dereference_protected(p->revoked, 1));
	rhashtable_destroy(&p->ht);
	mutex_destroy(&p->tkey_lock);
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

/* Under RCU or slsec_peers.tkey_lock: a sender's state under a key, or NULL. */
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

	mutex_lock(&p->tkey_lock);
	list_for_each_entry(peer, &p->list, list) {
		for (i = 0; i < SLSEC_MAX_KEYS; i++) {
			struct slsec_rxkey *rxk;

			rxk = rcu_dereference_protected(peer->rx[i],
							lockdep_is_held(&p->tkey_lock));
			if (!rxk || rxk->key_id != key_id)
				continue;
			RCU_INIT_POINTER(peer->rx[i], NULL);
			slsec_rxkey_put(rxk);
		}
	}
	mutex_unlock(&p->tkey_lock);
}

static const struct {
	unsigned int frames, bytes, per_sender;
} slsec_backlog_limit[SLSEC_PARK_N] = {
	[SLSEC_PARK_KNOWN] = { SLSEC_BACKLOG_KNOWN_MAX,
			       SLSEC_BACKLOG_KNOWN_BYTES,
			       SLSEC_BACKLOG_KNOWN_PER_SENDER },
	[SLSEC_PARK_NEW] = { SLSEC_BACKLOG_MAX, SLSEC_BACKLOG_BYTES,
			     SLSEC_BACKLOG_PER_SENDER },
};

/* Does @b have room for @skb of @sender?  Under @b->q.lock. */
static bool slsec_backlog_room(struct slsec_backlog *b, enum slsec_park where,
			       const struct sk_buff *skb, u32 sender)
{
	unsigned int n = 0;
	struct sk_buff *q;

	if (skb_queue_len(&b->q) >= slsec_backlog_limit[where].frames ||
	    skb->truesize > slsec_backlog_limit[where].bytes - b->bytes)
		return false;
	skb_queue_walk(&b->q, q)
		if (slsec_park_cb(q)->sender == sender &&
		    ++n >= slsec_backlog_limit[where].per_sender)
			return false;
	return true;
}

/**
 * slsec_peers_park() - let a frame wait for its traffic key
 * @g:      its group
 * @skb:    the frame, unmodified, at its network header
 * @where:  which backlog (slsec_rxkey_epoch_park(), or SLSEC_PARK_NEW
 *          for a sender without state)
 * @sender: its sender id
 *
 * Softirq.  Return: false if the backlog has no room for it (the caller
 * drops and counts rx_drop_backlog).
 */
bool slsec_peers_park(struct slsec_group *g, struct sk_buff *skb,
		      enum slsec_park where, u32 sender)
{
	struct slsec_backlog *b = &g->peers.backlog[where];
	unsigned long flags;

	spin_lock_irqsave(&b->q.lock, flags);
	if (!slsec_backlog_room(b, where, skb, sender)) {
		spin_unlock_irqrestore(&b->q.lock, flags);
		return false;
	}
	/* The device stays until the frame is re-injected or freed. */
	dev_hold(skb->dev);
	skb_dst_drop(skb);
	slsec_park_cb(skb)->sender = sender;
	b->bytes += skb->truesize;
	__skb_queue_tail(&b->q, skb);
	spin_unlock_irqrestore(&b->q.lock, flags);
	slsec_group_schedule(g);
	return true;
}

/*
 * Under RCU or slsec_peers.tkey_lock: the newest epoch in which a frame of
 * @rxk's installation authenticated.
 */
static u32 slsec_rxkey_epoch(const struct slsec_group *g,
			     const struct slsec_rxkey *rxk)
{
	unsigned int shift = slsec_alg_get(g->cfg.alg)->epoch_shift;
	u64 next = READ_ONCE(rxk->replay->next);
	u32 epoch = READ_ONCE(rxk->epoch);

	if (next && slsec_pn_epoch(next - 1, shift) > epoch)
		epoch = slsec_pn_epoch(next - 1, shift);
	return epoch;
}

/* Has nothing of @rxk's installation authenticated for a while? */
static bool slsec_rxkey_idle(const struct slsec_rxkey *rxk)
{
	return time_after(jiffies, READ_ONCE(rxk->heard) +
			  msecs_to_jiffies(SLSEC_EPOCH_IDLE_MS));
}

/**
 * slsec_rxkey_epoch_park() - may a frame of @rxk's installation wait for
 *	the traffic key of @epoch, and where?
 * @g:     the group
 * @rxk:   the sender's state; the frame is of its installation
 * @epoch: the frame's epoch, whose key is not there
 *
 * The epochs next to the newest that authenticated wait as a known
 * sender's; one further ahead only after the sender was silent for
 * SLSEC_EPOCH_IDLE_MS, as an unknown sender's.  Under RCU.
 *
 * Return: an enum slsec_park, -ERANGE (too far ahead: rx_drop_epoch) or
 * -ESTALE (behind: rx_drop_too_old).
 */
int slsec_rxkey_epoch_park(const struct slsec_group *g,
			   const struct slsec_rxkey *rxk, u32 epoch)
{
	u64 cur = slsec_rxkey_epoch(g, rxk);

	if (epoch <= cur + 1 && epoch + 1ULL >= cur)
		return SLSEC_PARK_KNOWN;
	if (epoch < cur)
		return -ESTALE;
	return slsec_rxkey_idle(rxk) ? SLSEC_PARK_NEW : -ERANGE;
}

/**
 * slsec_rxkey_heard() - a frame of @rxk's installation authenticated
 * @g:   the group
 * @rxk: the sender's state
 * @pn:  the frame's packet number
 *
 * Past the middle of an epoch, the work item is asked to derive the next
 * epoch's key, so the sender's rollover finds it.  Any context.
 */
void slsec_rxkey_heard(struct slsec_group *g, struct slsec_rxkey *rxk, u64 pn)
{
	unsigned int shift = slsec_alg_get(g->cfg.alg)->epoch_shift;
	u32 epoch = slsec_pn_epoch(pn, shift);
	unsigned long now = jiffies;
	struct slsec_tkey *tk;
	bool ready;

	if (READ_ONCE(rxk->heard) != now)
		WRITE_ONCE(rxk->heard, now);
	if (!(pn & (1ULL << (shift - 1))) || epoch == U32_MAX ||
	    ((u64)epoch + 1) << shift >= slsec_pn_limit(shift))
		return;
	rcu_read_lock();
	tk = rcu_dereference(rxk->tk[(epoch + 1) & 1]);
	ready = tk && tk->epoch == epoch + 1;
	rcu_read_unlock();
	if (ready || test_bit(SLSEC_RXK_AHEAD, &rxk->flags) ||
	    test_and_set_bit(SLSEC_RXK_AHEAD, &rxk->flags))
		return;
	set_bit(SLSEC_PEERS_AHEAD, &g->peers.flags);
	slsec_group_schedule(g);
}

/*
 * Does the parked frame authenticate under the traffic key of (@sender,
 * @install, @epoch)?  Opens a copy, on the group's scratch transform
 * keyed for it.  Under slsec_peers.tkey_lock.
 */
static int slsec_peer_verify(struct slsec_group *g,
			     const struct slsec_key *key, u32 sender,
			     u64 install, u32 epoch, struct sk_buff *skb,
			     unsigned int hoff, u64 pn)
{
	const struct slsec_alg_desc *d = slsec_alg_get(g->cfg.alg);
	unsigned int alen = g->id.family == AF_INET ? 4 : 16;
	unsigned int len = skb->len - hoff - SLSEC_HDR_LEN;
	u8 k[SLSEC_MAX_KEY_LEN], iv[SLSEC_NONCE_LEN];
	struct slsec_aead *a = &g->peers.scratch;
	u8 *buf;
	int err;

	err = slsec_tkey_derive(g, key, sender, install, epoch, k, iv);
	if (err)
		goto out;
	if (!a->tfm) {
		err = slsec_aead_init(a, g->cfg.alg, k, d->keylen, iv, 0);
	} else {
		err = crypto_aead_setkey(a->tfm, k, d->keylen);
		memcpy(a->iv, iv, SLSEC_NONCE_LEN);
	}
	if (err)
		goto out;
	buf = kmalloc(alen + SLSEC_HDR_LEN + len, GFP_KERNEL_ACCOUNT);
	if (!buf) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(buf, g->id.addr.bytes, alen);
	err = skb_copy_bits(skb, hoff, buf + alen, SLSEC_HDR_LEN + len);
	if (!err)
		err = slsec_aead_crypt_buf(a, false, pn, buf,
					   alen + SLSEC_HDR_LEN, len);
	kfree_sensitive(buf);
out:
	memzero_explicit(k, sizeof(k));
	memzero_explicit(iv, sizeof(iv));
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
					       u8 key_id, u64 install, u32 ts,
					       u32 epoch)
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
	rxk->epoch = epoch;
	rxk->heard = jiffies;
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
 * cannot displace it.  Under RCU or slsec_peers.tkey_lock.
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

	r = rcu_dereference_protected(p->revoked, lockdep_is_held(&p->tkey_lock));
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
						lockdep_is_held(&p->tkey_lock));
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

	mutex_lock(&p->tkey_lock);
	old = rcu_dereference_protected(p->revoked, lockdep_is_held(&p->tkey_lock));
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
	mutex_unlock(&p->tkey_lock);
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
	case -ERANGE:
		return SLSEC_STAT_RX_DROP_EPOCH;
	default:
		return SLSEC_STAT_RX_DROP_NOMEM;
	}
}

/* Is there a newer epoch than @epoch + 1 in the pair already? */
static bool slsec_epoch_stale(struct slsec_rxkey *rxk, u32 epoch,
			      struct mutex *tkey_lock)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct slsec_tkey *tk;

		tk = rcu_dereference_protected(rxk->tk[i],
					       lockdep_is_held(tkey_lock));
		if (tk && tk->epoch > epoch + 1)
			return true;
		if (tk && (tk->epoch & 1) == (epoch & 1) && tk->epoch > epoch)
			return true;
	}
	return false;
}

/*
 * The traffic key of @epoch for @rxk's installation, into its slot unless
 * that holds a newer epoch.  Under slsec_peers.tkey_lock.
 */
static int slsec_rxkey_derive(struct slsec_group *g, struct slsec_key *key,
			      u32 sender, struct slsec_rxkey *rxk, u32 epoch)
{
	struct mutex *tkey_lock = &g->peers.tkey_lock;
	struct slsec_tkey *tk;

	tk = rcu_dereference_protected(rxk->tk[epoch & 1],
				       lockdep_is_held(tkey_lock));
	if (tk && tk->epoch >= epoch)
		return tk->epoch == epoch ? 0 : -ESTALE;
	tk = slsec_tkey_create(g, key, sender, rxk->install, epoch);
	if (IS_ERR(tk))
		return PTR_ERR(tk) == -EINVAL ? -ENOMEM : PTR_ERR(tk);
	slsec_tkey_pair_set(rxk->tk, tk, tkey_lock);
	return 0;
}

/*
 * Derive ahead: the next epoch of each installation whose frames reached
 * the middle of their epoch (slsec_rxkey_heard()).
 */
static void slsec_peers_ahead(struct slsec_group *g)
{
	struct slsec_peers *p = &g->peers;
	struct slsec_peer *peer;
	unsigned int i;

	if (!test_and_clear_bit(SLSEC_PEERS_AHEAD, &p->flags))
		return;
	mutex_lock(&p->tkey_lock);
	list_for_each_entry(peer, &p->list, list) {
		for (i = 0; i < SLSEC_MAX_KEYS; i++) {
			struct slsec_rxkey *rxk;
			struct slsec_key *key;
			u32 epoch;

			rxk = rcu_dereference_protected(peer->rx[i],
							lockdep_is_held(&p->tkey_lock));
			if (!rxk || !test_and_clear_bit(SLSEC_RXK_AHEAD,
							&rxk->flags))
				continue;
			/*
			 * Written under slsec_net.lock: read as the packet
			 * path does.  Freed only after
			 * slsec_peers_forget_key() took @p->tkey_lock, held here.
			 */
			rcu_read_lock();
			key = rcu_dereference(g->keys[rxk->key_id]);
			rcu_read_unlock();
			epoch = slsec_rxkey_epoch(g, rxk);
			if (key && epoch != U32_MAX)
				slsec_rxkey_derive(g, key, peer->id, rxk,
						   epoch + 1);
		}
		cond_resched();
	}
	mutex_unlock(&p->tkey_lock);
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
	 * as the packet path does.  The key stays while @p->tkey_lock is held:
	 * it is freed only after slsec_peers_forget_key() took @p->tkey_lock.
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
					       lockdep_is_held(&p->tkey_lock));
		if (tk && tk->epoch == epoch)
			return 0;	/* learnt meanwhile */
		if (slsec_epoch_stale(rxk, epoch, &p->tkey_lock))
			return -ESTALE;
		/*
		 * A neighbouring epoch: its key is wanted anyway, and the
		 * frame is tried on the normal path.
		 */
		err = slsec_rxkey_epoch_park(g, rxk, epoch);
		if (err == SLSEC_PARK_KNOWN)
			return slsec_rxkey_derive(g, key, sender, rxk, epoch);
		if (err < 0)
			return err;
	} else if (rxk && slsec_rxkey_superseded(g, rxk, install, ts)) {
		return -EOWNERDEAD;
	}
	/* Before the costly part: a new sender must fit the limit. */
	if (!peer && p->n >= READ_ONCE(g->cfg.max_senders))
		return -ENOSPC;

	err = slsec_peer_verify(g, key, sender, install, epoch, skb, hoff, pn);
	if (err)
		return err;
	/* Authenticated: now the traffic key is worth a transform. */
	tk = slsec_tkey_create(g, key, sender, install, epoch);
	if (IS_ERR(tk))
		return PTR_ERR(tk) == -EINVAL ? -ENOMEM : PTR_ERR(tk);
	if (!peer) {
		peer = slsec_peer_new(g, sender);
		if (IS_ERR(peer)) {
			err = PTR_ERR(peer);
			goto err_tk;
		}
	}
	if (!rxk || rxk->install != install)
		rxk = slsec_rxkey_install(g, peer, rxk, h->key_id, install, ts,
					  epoch);
	else if (epoch > rxk->epoch)	/* a silent sender, an epoch on */
		WRITE_ONCE(rxk->epoch, epoch);
	if (IS_ERR(rxk)) {
		err = PTR_ERR(rxk);
		goto err_tk;
	}
	slsec_tkey_pair_set(rxk->tk, tk, &p->tkey_lock);
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
	mutex_lock(&g->peers.tkey_lock);
	err = slsec_learn_locked(g, skb, ip.hoff, &h);
	mutex_unlock(&g->peers.tkey_lock);
	return err;
}

/* Frames one run of the work item takes, so the rest of it has its turn. */
#define SLSEC_LEARN_BATCH	64

/*
 * Work item: derive ahead, then learn the traffic keys the backlogs wait
 * for and re-inject, the known senders' backlog always first; after a
 * batch, the work item runs again (this host's own next epoch is made
 * there too, and must not wait for a flood to end).
 */
void slsec_peers_learn(struct slsec_group *g)
{
	struct slsec_peers *p = &g->peers;
	unsigned int n = 0;
	struct sk_buff *skb;

	slsec_peers_ahead(g);
	while ((skb = slsec_backlog_dequeue(&p->backlog[SLSEC_PARK_KNOWN])) ||
	       (skb = slsec_backlog_dequeue(&p->backlog[SLSEC_PARK_NEW]))) {
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
		slsec_peers_ahead(g);
		if (++n == SLSEC_LEARN_BATCH) {
			slsec_group_schedule(g);
			break;
		}
	}
}
