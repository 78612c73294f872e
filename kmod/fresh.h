/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_FRESH_H
#define _SLSEC_FRESH_H

#include <linux/math64.h>
#include <linux/timekeeping.h>
#include <linux/types.h>

/*
 * Frame timestamps (Documentation/wire-format.rst): the sender's
 * CLOCK_REALTIME in ms since the Unix epoch, sent modulo 2^32 (49.7
 * days).  A receiver expands one to the full value nearest its own clock,
 * which is exact while the two clocks are less than 2^31 ms (24.8 days)
 * apart; freshness windows are far below that (SLSEC_FRESHNESS_MAX).
 */

/* What slsec_fresh_check() found. */
enum slsec_fresh {
	SLSEC_FRESH_OK,
	SLSEC_FRESH_OLD,		/* older than the window */
	SLSEC_FRESH_FUTURE,		/* further ahead than the window */
	SLSEC_FRESH_BEFORE_INSTALL,	/* stamped before the key was installed */
};

static inline u64 slsec_now_ms(void)
{
	return div_u64(ktime_get_real_ns(), NSEC_PER_MSEC);
}

/* RFC 1982 serial order over 32 bits: is @a later than @b? */
static inline bool slsec_ts_after(u32 a, u32 b)
{
	return (s32)(a - b) > 0;
}

u64 slsec_ts_expand(u32 ts, u64 now_ms);
enum slsec_fresh slsec_fresh_check(u32 ts, u64 now_ms, u64 since_ms,
				   u32 window_ms);

#endif /* _SLSEC_FRESH_H */
