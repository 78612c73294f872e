/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_PEER_H
#define _SLSEC_PEER_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/skbuff.h>
#include <linux/slsec.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "aead.h"

struct slsec_group;
struct slsec_replay;
struct slsec_tkey;

/**
 * struct slsec_rxkey - what a receiver keeps of one installation of one
 *	sender's group key: one a (sender, group key), the newest heard
 * @ref:      one for the sender's slot, one for each open in flight
 * @key_id:   the group key
 * @install:  the sender's installation this state follows
 * @prev:     the installation it replaced, if @restarts: its frames are
 *            refused, so frames still in flight cannot switch back
 * @restarts: installations of this sender that replaced an earlier one
 * @last_ts:  newest timestamp accepted; written under @lock, read with
 *            READ_ONCE()
 * @lock:     serializes @replay and @last_ts updates
 * @epoch:    the newest epoch a frame of the installation authenticated
 *            in, as the work item saw it (the replay window tells the
 *            rest: slsec_rxkey_epoch()); written under slsec_peers.tkey_lock
 * @heard:    jiffies of the newest frame that authenticated
 * @flags:    SLSEC_RXK_AHEAD: the work item is to derive the next epoch
 * @tk:       traffic keys by epoch & 1; written under slsec_peers.tkey_lock
 * @replay:   the installation's window; packet numbers continue across
 *            epochs
 * @free_work: freed in process context after readers are done
 */
struct slsec_rxkey {
	refcount_t ref;
	u8 key_id;
	u64 install;
	u64 prev;
	u32 restarts;
	u32 last_ts;
	spinlock_t lock;	/* replay window, last_ts */
	u32 epoch;
	unsigned long heard;
	unsigned long flags;
	struct slsec_tkey __rcu *tk[2];
	struct slsec_replay *replay;
	struct rcu_work free_work;
};

/**
 * struct slsec_peer - a sender this host has authenticated frames from
 * @node: in slsec_peers.ht, by @id
 * @list: in slsec_peers.list; under slsec_peers.tkey_lock
 * @id:   sender id
 * @rx:   receive state, one slot per group key it used; under
 *        slsec_peers.tkey_lock, read under RCU
 * @rcu:  freed after readers are done
 */
struct slsec_peer {
	struct rhash_head node;
	struct list_head list;
	u32 id;
	struct slsec_rxkey __rcu *rx[SLSEC_MAX_KEYS];
	struct rcu_head rcu;
};

/**
 * struct slsec_revoked - sender ids whose frames a group drops
 * @rcu: freed after readers are done
 * @n:   number of ids
 * @ids: the ids, unordered (at most SLSEC_MAX_REVOKED_SENDERS)
 */
struct slsec_revoked {
	struct rcu_head rcu;
	unsigned int n;
	u32 ids[];
};

/* slsec_rxkey.flags */
#define SLSEC_RXK_AHEAD		0

/*
 * Which backlog a frame waiting for its traffic key joins: frames of a
 * sender with state (a neighbouring epoch of its installation, or a new
 * installation: a restart) are few and go first; frames of senders
 * without state (or heard too long ago to tell an epoch) take the rest.
 */
enum slsec_park {
	SLSEC_PARK_KNOWN,
	SLSEC_PARK_NEW,
	SLSEC_PARK_N
};

/**
 * struct slsec_backlog - frames waiting for a traffic key
 * @q:     the frames, at their network header; skb->cb holds the sender
 * @bytes: sum of their truesize; under @q.lock
 */
struct slsec_backlog {
	struct sk_buff_head q;
	unsigned int bytes;
};

/**
 * struct slsec_peers - a group's receive state
 * @tkey_lock: the group's traffic-key lock, process context only: it
 *           serializes creating and removing every traffic key of the
 *           group, received (senders, their receive state, @revoked and
 *           @scratch) and sent (slsec_key.tx of each of the group's keys)
 * @ht:      senders by id, looked up under RCU
 * @list:    the same senders, for dumps and teardown; under @tkey_lock
 * @n:       number of senders; under @tkey_lock
 * @backlog: frames waiting for a traffic key, by enum slsec_park,
 *           bounded in frames and bytes (SLSEC_BACKLOG_*)
 * @flags:   SLSEC_PEERS_AHEAD: some sender's next epoch is to be derived
 * @scratch: a transform the work item re-keys to try a frame of a sender
 *           without state, so a forged one costs no allocation; under
 *           @tkey_lock, allocated at first use
 * @revoked: revoked sender ids, or NULL; replaced under @tkey_lock, read
 *           under RCU
 * @forgot_ms: CLOCK_REALTIME ms at which receive state was last thrown
 *           away while its key stayed (a sender restored): frames stamped
 *           before it are stale, as if the key had been installed then
 */
struct slsec_peers {
	struct mutex tkey_lock;	/* all traffic keys, sent and received */
	struct rhashtable ht;
	struct list_head list;
	unsigned int n;
	struct slsec_backlog backlog[SLSEC_PARK_N];
	unsigned long flags;
	struct slsec_aead scratch;
	struct slsec_revoked __rcu *revoked;
	u64 forgot_ms;
};

/* slsec_peers.flags */
#define SLSEC_PEERS_AHEAD	0

/*
 * What may wait for a traffic key, per group (truesize: a reassembled
 * datagram counts its fragments): frames of senders without state, of
 * senders with state, and of any one sender id in either backlog.
 */
#define SLSEC_BACKLOG_MAX		64
#define SLSEC_BACKLOG_BYTES		BIT(20)
#define SLSEC_BACKLOG_KNOWN_MAX		32
#define SLSEC_BACKLOG_KNOWN_BYTES	(512U << 10)
/* Half of each: a new sender's first burst waits whole while learnt. */
#define SLSEC_BACKLOG_PER_SENDER	32
#define SLSEC_BACKLOG_KNOWN_PER_SENDER	16

/*
 * A known sender's frame more than one epoch ahead of the newest that
 * authenticated is dropped unless nothing of the sender authenticated
 * for this long: skipping a whole epoch (2^23 frames under AES-GCM)
 * within it would take over 800 000 frames a second.
 */
#define SLSEC_EPOCH_IDLE_MS		10000

int slsec_peers_init(struct slsec_peers *p);
void slsec_peers_destroy(struct slsec_peers *p);
struct slsec_rxkey *slsec_peer_rxkey(struct slsec_group *g, u32 sender,
				     u8 key_id);
void slsec_rxkey_put(struct slsec_rxkey *rxk);
void slsec_peers_forget_key(struct slsec_group *g, u8 key_id);
void slsec_peers_backlog_purge(struct slsec_peers *p);
bool slsec_peers_park(struct slsec_group *g, struct sk_buff *skb,
		      enum slsec_park where, u32 sender);
void slsec_peers_learn(struct slsec_group *g);
int slsec_rxkey_epoch_park(const struct slsec_group *g,
			   const struct slsec_rxkey *rxk, u32 epoch);
void slsec_rxkey_heard(struct slsec_group *g, struct slsec_rxkey *rxk,
		       u64 pn);
bool slsec_revoked_has(const struct slsec_revoked *r, u32 id);
bool slsec_rxkey_superseded(const struct slsec_group *g,
			    const struct slsec_rxkey *rxk, u64 install, u32 ts);
int slsec_sender_revoke(struct slsec_group *g, u32 id, bool revoke);

/* Under RCU: are frames from @id to be dropped? */
static inline bool slsec_sender_revoked(struct slsec_peers *p, u32 id)
{
	struct slsec_revoked *r = rcu_dereference(p->revoked);

	return r && slsec_revoked_has(r, id);
}

#endif /* _SLSEC_PEER_H */
