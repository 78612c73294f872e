// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the replay window against a reference model, its edges, and the
 * sender's packet-number limits.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/random.h>
#include <linux/bitmap.h>

#include "replay.h"

static const u32 window_sizes[] = { 64, 1024, 8192 };

static void size_desc(const u32 *size, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "window %u", *size);
}

KUNIT_ARRAY_PARAM(window, window_sizes, size_desc);

static struct slsec_replay *alloc_window(struct kunit *test, u32 size)
{
	struct slsec_replay *r = slsec_replay_alloc(size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	return r;
}

static void slsec_replay_sizes(struct kunit *test)
{
	static const u32 bad[] = { 0, 1, 32, 63, 100, 1000, 16384, U32_MAX };
	static const u32 good[] = { 64, 128, 1024, 4096, 8192 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_FALSE_MSG(test, slsec_replay_size_valid(bad[i]),
				       "%u", bad[i]);
		KUNIT_EXPECT_NULL(test, slsec_replay_alloc(bad[i], GFP_KERNEL));
	}
	for (i = 0; i < ARRAY_SIZE(good); i++)
		KUNIT_EXPECT_TRUE_MSG(test, slsec_replay_size_valid(good[i]),
				      "%u", good[i]);
	KUNIT_EXPECT_EQ(test, SLSEC_REPLAY_DEFAULT, 1024);
}

static void slsec_replay_in_order_and_dup(struct kunit *test)
{
	u32 size = *(const u32 *)test->param_value;
	struct slsec_replay *r = alloc_window(test, size);
	u64 pn;

	for (pn = 0; pn < 3 * size; pn++) {
		KUNIT_EXPECT_EQ(test, slsec_replay_check(r, pn), SLSEC_REPLAY_OK);
		KUNIT_EXPECT_EQ(test, slsec_replay_update(r, pn), SLSEC_REPLAY_OK);
		KUNIT_EXPECT_EQ(test, slsec_replay_check(r, pn), SLSEC_REPLAY_DUP);
		KUNIT_EXPECT_EQ(test, slsec_replay_update(r, pn),
				SLSEC_REPLAY_DUP);
	}
	slsec_replay_free(r);
}

/* The window holds exactly the last @size numbers below next. */
static void slsec_replay_edges(struct kunit *test)
{
	u32 size = *(const u32 *)test->param_value;
	struct slsec_replay *r = alloc_window(test, size);
	u64 top = 5 * (u64)size + 17;

	KUNIT_ASSERT_EQ(test, slsec_replay_update(r, top), SLSEC_REPLAY_OK);
	/* oldest still tracked: top + 1 - size */
	KUNIT_EXPECT_EQ(test, slsec_replay_check(r, top + 1 - size),
			SLSEC_REPLAY_OK);
	KUNIT_EXPECT_EQ(test, slsec_replay_check(r, top - size), SLSEC_REPLAY_OLD);
	KUNIT_EXPECT_EQ(test, slsec_replay_update(r, top + 1 - size),
			SLSEC_REPLAY_OK);
	KUNIT_EXPECT_EQ(test, slsec_replay_check(r, top + 1 - size),
			SLSEC_REPLAY_DUP);
	/* out of order inside the window, once each */
	KUNIT_EXPECT_EQ(test, slsec_replay_update(r, top - 1), SLSEC_REPLAY_OK);
	KUNIT_EXPECT_EQ(test, slsec_replay_update(r, top - 1), SLSEC_REPLAY_DUP);
	/* advancing by one pushes the oldest out */
	KUNIT_EXPECT_EQ(test, slsec_replay_update(r, top + 1), SLSEC_REPLAY_OK);
	KUNIT_EXPECT_EQ(test, slsec_replay_check(r, top + 1 - size),
			SLSEC_REPLAY_OLD);
	slsec_replay_free(r);
}

/* A far jump forgets everything behind the new window, keeps nothing stale. */
static void slsec_replay_big_jump(struct kunit *test)
{
	u32 size = *(const u32 *)test->param_value;
	struct slsec_replay *r = alloc_window(test, size);
	u64 far = 1000000007ULL, pn;

	for (pn = 0; pn < size; pn++)
		slsec_replay_update(r, pn);
	KUNIT_EXPECT_EQ(test, slsec_replay_update(r, far), SLSEC_REPLAY_OK);
	KUNIT_EXPECT_EQ(test, slsec_replay_check(r, 5), SLSEC_REPLAY_OLD);
	/* numbers inside the new window that aliased old bits are fresh */
	for (pn = far - size + 1; pn < far; pn++)
		if (slsec_replay_check(r, pn) != SLSEC_REPLAY_OK)
			break;
	KUNIT_EXPECT_EQ(test, pn, far);
	KUNIT_EXPECT_EQ(test, slsec_replay_check(r, far), SLSEC_REPLAY_DUP);
	/* a jump of exactly one ring (size + BITS_PER_LONG) */
	pn = far + size + BITS_PER_LONG;
	KUNIT_EXPECT_EQ(test, slsec_replay_update(r, pn), SLSEC_REPLAY_OK);
	KUNIT_EXPECT_EQ(test, slsec_replay_check(r, pn - 1), SLSEC_REPLAY_OK);
	KUNIT_EXPECT_EQ(test, slsec_replay_check(r, far), SLSEC_REPLAY_OLD);
	slsec_replay_free(r);
}

#define MODEL_SPAN 400000

/*
 * Random arrivals (mostly ahead, many behind, some duplicates) against
 * the specification: new if above everything seen, too old if more than
 * @size behind, duplicate if seen, else new.  Only half the "new" ones
 * are committed, as frames that fail authentication are not.
 */
static void slsec_replay_model(struct kunit *test)
{
	u32 size = *(const u32 *)test->param_value;
	struct slsec_replay *r = alloc_window(test, size);
	enum slsec_replay_verdict want, got;
	unsigned long *seen;
	u64 next = 0, pn;
	unsigned int i, mismatches = 0;
	u32 rnd;

	seen = kunit_kzalloc(test, BITS_TO_LONGS(MODEL_SPAN) * sizeof(long),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seen);
	for (i = 0; i < 60000; i++) {
		rnd = get_random_u32();
		if (rnd % 4 == 0)
			pn = next + rnd % 97;
		else
			pn = next > 2 * size ? next - 2 * size + rnd % (2 * size)
					     : rnd % (2 * size + 1);
		if (pn >= MODEL_SPAN - 100)
			break;
		if (pn >= next)
			want = SLSEC_REPLAY_OK;
		else if (next - pn > size)
			want = SLSEC_REPLAY_OLD;
		else
			want = test_bit(pn, seen) ? SLSEC_REPLAY_DUP
						  : SLSEC_REPLAY_OK;
		got = slsec_replay_check(r, pn);
		mismatches += got != want;
		if (got != SLSEC_REPLAY_OK || (rnd & 0x100))
			continue;
		KUNIT_EXPECT_EQ(test, slsec_replay_update(r, pn), SLSEC_REPLAY_OK);
		__set_bit(pn, seen);
		next = max(next, pn + 1);
	}
	KUNIT_EXPECT_EQ(test, mismatches, 0);
	KUNIT_EXPECT_GT(test, next, (u64)(10 * size));
	slsec_replay_free(r);
}

static void slsec_replay_extremes(struct kunit *test)
{
	struct slsec_replay *r = alloc_window(test, 1024);

	KUNIT_EXPECT_EQ(test, slsec_replay_update(r, 0), SLSEC_REPLAY_OK);
	KUNIT_EXPECT_EQ(test, slsec_replay_update(r, 0), SLSEC_REPLAY_DUP);
	/* U64_MAX is never a valid packet number (next would wrap) */
	KUNIT_EXPECT_EQ(test, slsec_replay_check(r, U64_MAX), SLSEC_REPLAY_OLD);
	KUNIT_EXPECT_EQ(test, slsec_replay_update(r, U64_MAX), SLSEC_REPLAY_OLD);
	KUNIT_EXPECT_EQ(test, slsec_replay_update(r, U64_MAX - 1),
			SLSEC_REPLAY_OK);
	KUNIT_EXPECT_EQ(test, slsec_replay_check(r, U64_MAX - 2), SLSEC_REPLAY_OK);
	KUNIT_EXPECT_EQ(test, slsec_replay_check(r, 0), SLSEC_REPLAY_OLD);
	KUNIT_EXPECT_EQ(test, slsec_replay_update(r, U64_MAX - 1),
			SLSEC_REPLAY_DUP);
	slsec_replay_free(r);
}

static void slsec_pn_limits(struct kunit *test)
{
	atomic64_t next;
	u64 pn = 0, limit;

	KUNIT_EXPECT_EQ(test, slsec_pn_limit(23), 1ULL << 55);
	KUNIT_EXPECT_EQ(test, slsec_pn_limit(32), U64_MAX);
	KUNIT_EXPECT_EQ(test, slsec_pn_epoch((1ULL << 23) - 1, 23), 0U);
	KUNIT_EXPECT_EQ(test, slsec_pn_epoch(1ULL << 23, 23), 1U);
	KUNIT_EXPECT_EQ(test, slsec_pn_epoch(slsec_pn_limit(23) - 1, 23),
			U32_MAX);
	KUNIT_EXPECT_EQ(test, slsec_pn_epoch(U64_MAX - 1, 32), U32_MAX);

	/* the hard stop: the last number is handed out, then nothing */
	limit = slsec_pn_limit(23);
	atomic64_set(&next, limit - 2);
	KUNIT_EXPECT_EQ(test, slsec_pn_take(&next, limit, &pn), 0);
	KUNIT_EXPECT_EQ(test, pn, limit - 2);
	KUNIT_EXPECT_EQ(test, slsec_pn_take(&next, limit, &pn), 0);
	KUNIT_EXPECT_EQ(test, pn, limit - 1);
	KUNIT_EXPECT_EQ(test, slsec_pn_take(&next, limit, &pn), -EKEYEXPIRED);
	KUNIT_EXPECT_EQ(test, slsec_pn_take(&next, limit, &pn), -EKEYEXPIRED);
	KUNIT_EXPECT_EQ(test, (u64)atomic64_read(&next), limit);

	limit = slsec_pn_limit(32);
	atomic64_set(&next, (s64)(U64_MAX - 1));
	KUNIT_EXPECT_EQ(test, slsec_pn_take(&next, limit, &pn), 0);
	KUNIT_EXPECT_EQ(test, pn, U64_MAX - 1);
	KUNIT_EXPECT_EQ(test, slsec_pn_take(&next, limit, &pn), -EKEYEXPIRED);
	KUNIT_EXPECT_EQ(test, (u64)atomic64_read(&next), U64_MAX);

	/* and from zero, consecutive */
	atomic64_set(&next, 0);
	KUNIT_EXPECT_EQ(test, slsec_pn_take(&next, limit, &pn), 0);
	KUNIT_EXPECT_EQ(test, pn, 0ULL);
	KUNIT_EXPECT_EQ(test, slsec_pn_take(&next, limit, &pn), 0);
	KUNIT_EXPECT_EQ(test, pn, 1ULL);
}

static struct kunit_case slsec_replay_cases[] = {
	KUNIT_CASE(slsec_replay_sizes),
	KUNIT_CASE_PARAM(slsec_replay_in_order_and_dup, window_gen_params),
	KUNIT_CASE_PARAM(slsec_replay_edges, window_gen_params),
	KUNIT_CASE_PARAM(slsec_replay_big_jump, window_gen_params),
	KUNIT_CASE_PARAM(slsec_replay_model, window_gen_params),
	KUNIT_CASE(slsec_replay_extremes),
	KUNIT_CASE(slsec_pn_limits),
	{}
};

static struct kunit_suite slsec_replay_suite = {
	.name = "slsec_replay",
	.test_cases = slsec_replay_cases,
};

kunit_test_suite(slsec_replay_suite);
