/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_REPLAY_H
#define _SLSEC_REPLAY_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/slsec.h>

#define SLSEC_REPLAY_MIN	SLSEC_REPLAY_WINDOW_MIN
#define SLSEC_REPLAY_DEFAULT	SLSEC_REPLAY_WINDOW_DEFAULT
#define SLSEC_REPLAY_MAX	SLSEC_REPLAY_WINDOW_MAX

enum slsec_replay_verdict {
	SLSEC_REPLAY_OK,	/* new: may be accepted once it authenticates */
	SLSEC_REPLAY_DUP,	/* seen before, inside the window */
	SLSEC_REPLAY_OLD,	/* older than the window */
};

/**
 * struct slsec_replay - receive window of one sender
 * @next:   highest accepted packet number + 1; 0 before the first
 * @size:   window size: numbers in [@next - @size, @next) are tracked
 * @nwords: words in @bitmap (@size / BITS_PER_LONG + 1)
 * @bitmap: ring of seen bits, indexed by packet number
 *
 * The caller serializes slsec_replay_update() (the per-sender lock);
 * slsec_replay_check() only reads and may run as a lockless pre-check.
 */
struct slsec_replay {
	u64 next;
	u32 size;
	u32 nwords;
	unsigned long bitmap[];
};

bool slsec_replay_size_valid(u32 size);
struct slsec_replay *slsec_replay_alloc(u32 size, gfp_t gfp);
void slsec_replay_free(struct slsec_replay *r);
enum slsec_replay_verdict slsec_replay_check(const struct slsec_replay *r,
					     u64 pn);
enum slsec_replay_verdict slsec_replay_update(struct slsec_replay *r, u64 pn);

/*
 * Packet numbers.  A sender's numbers run from 0, continuously across
 * epochs, and stop at slsec_pn_limit(): the epoch (pn >> shift) must fit
 * the header's 32 bits, and U64_MAX is never used.
 */
static inline u64 slsec_pn_limit(unsigned int epoch_shift)
{
	return epoch_shift + 32 >= 64 ? U64_MAX : 1ULL << (epoch_shift + 32);
}

static inline u32 slsec_pn_epoch(u64 pn, unsigned int epoch_shift)
{
	return (u32)(pn >> epoch_shift);
}

int slsec_pn_take(atomic64_t *next, u64 limit, u64 *pn);

#endif /* _SLSEC_REPLAY_H */
