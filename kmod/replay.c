// SPDX-License-Identifier: GPL-2.0
/*
 * Per-sender sliding replay window (RFC 6479's ring of words, as in
 * WireGuard's counter.c), and the sender's packet-number counter.
 *
 * Cost per packet does not depend on the window size: a check tests one
 * bit; an update sets one bit and clears only the words the window moved
 * past, never more than the ring holds.  The window changes only through
 * slsec_replay_update(), which the receive path calls after the frame
 * authenticated.
 */

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <kunit/visibility.h>

#include "replay.h"

bool slsec_replay_size_valid(u32 size)
{
	return size >= SLSEC_REPLAY_MIN && size <= SLSEC_REPLAY_MAX &&
	       is_power_of_2(size);
}
EXPORT_SYMBOL_IF_KUNIT(slsec_replay_size_valid);

struct slsec_replay *slsec_replay_alloc(u32 size, gfp_t gfp)
{
	struct slsec_replay *r;
	u32 nwords;

	if (!slsec_replay_size_valid(size))
		return NULL;
	/* One spare word: the window never loses a tracked number to the
	 * word being recycled at its leading edge.
	 */
	nwords = size / BITS_PER_LONG + 1;
	r = kzalloc(struct_size(r, bitmap, nwords), gfp);
	if (!r)
		return NULL;
	r->size = size;
	r->nwords = nwords;
	return r;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_replay_alloc);

void slsec_replay_free(struct slsec_replay *r)
{
	kfree(r);
}
EXPORT_SYMBOL_IF_KUNIT(slsec_replay_free);

static u32 slsec_replay_word(const struct slsec_replay *r, u64 pn)
{
	u32 rem;

	div_u64_rem(pn / BITS_PER_LONG, r->nwords, &rem);
	return rem;
}

static unsigned long slsec_replay_bit(u64 pn)
{
	return 1UL << (pn % BITS_PER_LONG);
}

enum slsec_replay_verdict slsec_replay_check(const struct slsec_replay *r,
					     u64 pn)
{
	u64 next = READ_ONCE(r->next);

	if (pn == U64_MAX)
		return SLSEC_REPLAY_OLD;
	if (pn >= next)
		return SLSEC_REPLAY_OK;
	if (next - pn > r->size)
		return SLSEC_REPLAY_OLD;
	if (READ_ONCE(r->bitmap[slsec_replay_word(r, pn)]) &
	    slsec_replay_bit(pn))
		return SLSEC_REPLAY_DUP;
	return SLSEC_REPLAY_OK;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_replay_check);

static void slsec_replay_advance(struct slsec_replay *r, u64 pn)
{
	u64 top, diff, i;

	if (r->next) {
		top = (r->next - 1) / BITS_PER_LONG;
		diff = min_t(u64, pn / BITS_PER_LONG - top, r->nwords);
		for (i = 1; i <= diff; i++)
			r->bitmap[slsec_replay_word(r, (top + i) *
						    BITS_PER_LONG)] = 0;
	}
	WRITE_ONCE(r->next, pn + 1);
}

/**
 * slsec_replay_update() - record an authenticated packet number
 * @r:  the window, under the caller's lock
 * @pn: the packet number
 *
 * Re-checks, since another CPU may have accepted @pn since the pre-check.
 * Return: SLSEC_REPLAY_OK if @pn is now recorded, else why it was not.
 */
enum slsec_replay_verdict slsec_replay_update(struct slsec_replay *r, u64 pn)
{
	enum slsec_replay_verdict v = slsec_replay_check(r, pn);

	if (v != SLSEC_REPLAY_OK)
		return v;
	if (pn >= r->next)
		slsec_replay_advance(r, pn);
	r->bitmap[slsec_replay_word(r, pn)] |= slsec_replay_bit(pn);
	return SLSEC_REPLAY_OK;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_replay_update);

/**
 * slsec_pn_take() - take a sender's next packet number
 * @next:  the sender's counter
 * @limit: slsec_pn_limit() of the algorithm
 * @pn:    the number taken
 *
 * Lockless; never wraps: once @limit is reached every call fails.
 * Return: 0, or -EKEYEXPIRED when the key may seal nothing more.
 */
int slsec_pn_take(atomic64_t *next, u64 limit, u64 *pn)
{
	s64 old = atomic64_fetch_add_unless(next, 1, (s64)limit);

	if ((u64)old >= limit)
		return -EKEYEXPIRED;
	*pn = old;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_pn_take);
