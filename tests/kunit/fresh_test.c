// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: frame timestamps.  The 32-bit wire timestamp (ms modulo 2^32)
 * expands to the full time nearest the receiver's clock, also across the
 * wrap of the low 32 bits in both directions; the freshness check accepts
 * exactly the window [now - F, now + F] from the key's installation time
 * on, and everything when the window is 0.
 */
#include <kunit/test.h>
#include <linux/slsec.h>

#include "fresh.h"

/* 2026-01-15 08:30:00.000 UTC: the worked example's timestamp. */
#define NOW_2026	1768465800000ULL
/* A multiple of 2^32 ms, in 2026: the low 32 bits wrap here. */
#define WRAP_2026	(0x19cULL << 32)

/* Receiver clocks the cases run at: plain, at, just before and after a wrap. */
static const u64 clocks[] = {
	NOW_2026, WRAP_2026, WRAP_2026 - 1, WRAP_2026 + 1, WRAP_2026 - 2500,
	WRAP_2026 + 2500, 0xffffffffULL << 10, 1ULL << 40,
};

static u32 wire(u64 ms)
{
	return (u32)ms;
}

/* Any sender clock less than 2^31 ms from the receiver's is recovered. */
static void slsec_ts_expand_nearest(struct kunit *test)
{
	static const s64 delta[] = {
		-(S32_MAX), -86400000LL * 24, -5001, -5000, -1, 0, 1, 5000,
		5001, 86400000LL * 24, S32_MAX,
	};
	unsigned int i, j;
	u64 now, t;

	for (i = 0; i < ARRAY_SIZE(clocks); i++) {
		now = clocks[i];
		for (j = 0; j < ARRAY_SIZE(delta); j++) {
			t = now + delta[j];
			KUNIT_EXPECT_EQ_MSG(test, slsec_ts_expand(wire(t), now), t,
					    "now %llu, sender %+lld ms", now,
					    delta[j]);
		}
	}
}

/* The low 32 bits wrap between sender and receiver, either way round. */
static void slsec_ts_expand_wrap(struct kunit *test)
{
	/* Receiver past the wrap, sender 32 ms behind, before it. */
	KUNIT_EXPECT_EQ(test, slsec_ts_expand(0xfffffff0, WRAP_2026 + 0x10),
			WRAP_2026 - 0x10);
	/* Receiver before the wrap, sender 32 ms ahead, past it. */
	KUNIT_EXPECT_EQ(test, slsec_ts_expand(0x10, WRAP_2026 - 0x10),
			WRAP_2026 + 0x10);
	/* Exactly at the wrap, from both sides. */
	KUNIT_EXPECT_EQ(test, slsec_ts_expand(0, WRAP_2026 - 1), WRAP_2026);
	KUNIT_EXPECT_EQ(test, slsec_ts_expand(0xffffffff, WRAP_2026),
			WRAP_2026 - 1);
	/* No wrap in between: the same 2^32 period. */
	KUNIT_EXPECT_EQ(test, slsec_ts_expand(0x10, WRAP_2026 + 0x20),
			WRAP_2026 + 0x10);
	KUNIT_EXPECT_EQ(test, slsec_ts_expand(wire(NOW_2026), NOW_2026),
			NOW_2026);
}

/* [now - F, now + F] is accepted, one ms beyond either end is not. */
static void slsec_fresh_window_edges(struct kunit *test)
{
	static const u32 windows[] = {
		SLSEC_FRESHNESS_MIN, SLSEC_FRESHNESS_DEFAULT, SLSEC_FRESHNESS_MAX,
	};
	unsigned int i, j;
	u64 now, since;
	u32 f;

	for (i = 0; i < ARRAY_SIZE(clocks); i++) {
		for (j = 0; j < ARRAY_SIZE(windows); j++) {
			now = clocks[i];
			f = windows[j];
			since = now - 2ULL * SLSEC_FRESHNESS_MAX;
			KUNIT_EXPECT_EQ_MSG(test,
					    slsec_fresh_check(wire(now), now,
							      since, f),
					    SLSEC_FRESH_OK, "now %llu, F %u",
					    now, f);
			KUNIT_EXPECT_EQ_MSG(test,
					    slsec_fresh_check(wire(now - f), now,
							      since, f),
					    SLSEC_FRESH_OK, "now %llu, F %u",
					    now, f);
			KUNIT_EXPECT_EQ_MSG(test,
					    slsec_fresh_check(wire(now + f), now,
							      since, f),
					    SLSEC_FRESH_OK, "now %llu, F %u",
					    now, f);
			KUNIT_EXPECT_EQ_MSG(test,
					    slsec_fresh_check(wire(now - f - 1),
							      now, since, f),
					    SLSEC_FRESH_OLD, "now %llu, F %u",
					    now, f);
			KUNIT_EXPECT_EQ_MSG(test,
					    slsec_fresh_check(wire(now + f + 1),
							      now, since, f),
					    SLSEC_FRESH_FUTURE, "now %llu, F %u",
					    now, f);
		}
	}
}

/* Stamped before this host installed the key: refused, even if fresh. */
static void slsec_fresh_before_install(struct kunit *test)
{
	const u32 f = SLSEC_FRESHNESS_DEFAULT;
	unsigned int i;
	u64 now;

	for (i = 0; i < ARRAY_SIZE(clocks); i++) {
		now = clocks[i];
		/* Installed 100 ms ago. */
		KUNIT_EXPECT_EQ(test, slsec_fresh_check(wire(now - 101), now,
							now - 100, f),
				SLSEC_FRESH_BEFORE_INSTALL);
		KUNIT_EXPECT_EQ(test, slsec_fresh_check(wire(now - 100), now,
							now - 100, f),
				SLSEC_FRESH_OK);
		/* Installed this very ms: only frames from now on. */
		KUNIT_EXPECT_EQ(test, slsec_fresh_check(wire(now - 1), now, now,
							f),
				SLSEC_FRESH_BEFORE_INSTALL);
		KUNIT_EXPECT_EQ(test, slsec_fresh_check(wire(now), now, now, f),
				SLSEC_FRESH_OK);
		KUNIT_EXPECT_EQ(test, slsec_fresh_check(wire(now + f), now, now,
							f),
				SLSEC_FRESH_OK);
		/* Outside the window and before the installation: refused. */
		KUNIT_EXPECT_NE(test, slsec_fresh_check(wire(now - f - 1), now,
							now - 100, f),
				SLSEC_FRESH_OK);
	}
}

/*
 * Frames recorded long ago are refused: past 2^31 ms (24.8 days) the
 * timestamp reads as being in the future, still outside the window.  (A
 * recording replayed within F of a multiple of 2^32 ms, 49.7 days, later
 * would pass this check: Documentation/wire-format.rst, "Limits".)
 */
static void slsec_fresh_far_off(struct kunit *test)
{
	static const u64 days[] = { 1, 10, 24, 25, 30, 49, 50, 365 };
	const u32 f = SLSEC_FRESHNESS_MAX;
	unsigned int i, j;
	u64 now, t;

	for (i = 0; i < ARRAY_SIZE(clocks); i++) {
		now = clocks[i];
		for (j = 0; j < ARRAY_SIZE(days); j++) {
			t = now - days[j] * 86400000ULL;
			KUNIT_EXPECT_NE_MSG(test,
					    slsec_fresh_check(wire(t), now, 0, f),
					    SLSEC_FRESH_OK, "%llu days old",
					    days[j]);
			t = now + days[j] * 86400000ULL;
			KUNIT_EXPECT_NE_MSG(test,
					    slsec_fresh_check(wire(t), now, 0, f),
					    SLSEC_FRESH_OK, "%llu days ahead",
					    days[j]);
		}
	}
}

/* Window 0: freshness is off, every timestamp is accepted. */
static void slsec_fresh_window_off(struct kunit *test)
{
	static const u32 ts[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff };
	unsigned int i, j;
	u64 now;

	for (i = 0; i < ARRAY_SIZE(clocks); i++) {
		now = clocks[i];
		for (j = 0; j < ARRAY_SIZE(ts); j++) {
			KUNIT_EXPECT_EQ(test, slsec_fresh_check(ts[j], now, 0, 0),
					SLSEC_FRESH_OK);
			/* Even a key "installed" in the future. */
			KUNIT_EXPECT_EQ(test, slsec_fresh_check(ts[j], now,
								now + 1000000,
								0),
					SLSEC_FRESH_OK);
		}
		KUNIT_EXPECT_EQ(test, slsec_fresh_check(wire(now - 1), now, now,
							0),
				SLSEC_FRESH_OK);
	}
}

/* RFC 1982 serial order over 32 bits, wrap included. */
static void slsec_ts_after_serial(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, slsec_ts_after(1, 0));
	KUNIT_EXPECT_FALSE(test, slsec_ts_after(0, 1));
	KUNIT_EXPECT_FALSE(test, slsec_ts_after(5, 5));
	KUNIT_EXPECT_TRUE(test, slsec_ts_after(0, 0xffffffff));
	KUNIT_EXPECT_FALSE(test, slsec_ts_after(0xffffffff, 0));
	KUNIT_EXPECT_TRUE(test, slsec_ts_after(0x10, 0xfffffff0));
	KUNIT_EXPECT_TRUE(test, slsec_ts_after(0x7fffffff, 0));
	KUNIT_EXPECT_FALSE(test, slsec_ts_after(0x80000001, 0));
}

static struct kunit_case slsec_fresh_cases[] = {
	KUNIT_CASE(slsec_ts_expand_nearest),
	KUNIT_CASE(slsec_ts_expand_wrap),
	KUNIT_CASE(slsec_fresh_window_edges),
	KUNIT_CASE(slsec_fresh_before_install),
	KUNIT_CASE(slsec_fresh_far_off),
	KUNIT_CASE(slsec_fresh_window_off),
	KUNIT_CASE(slsec_ts_after_serial),
	{}
};

static struct kunit_suite slsec_fresh_suite = {
	.name = "slsec_fresh",
	.test_cases = slsec_fresh_cases,
};

kunit_test_suite(slsec_fresh_suite);
