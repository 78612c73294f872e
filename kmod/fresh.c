// SPDX-License-Identifier: GPL-2.0
/*
 * Freshness: every frame carries its sender's wall-clock time, covered by
 * the tag.  A receiver refuses frames stamped outside its group's window
 * around its own clock, and frames stamped before it installed the group
 * key they name.  Neither check needs anything the receiver could have
 * forgotten, so a receiver that restarted (reboot, module reload, key
 * re-added) refuses every frame recorded before it came back, as long as
 * the clocks agree (Documentation/threat-model.rst).
 */

#include <kunit/visibility.h>
#include <linux/module.h>

#include "fresh.h"

/**
 * slsec_ts_expand() - the full time of a wire timestamp
 * @ts:     the timestamp as sent (ms, modulo 2^32)
 * @now_ms: the receiver's clock, ms since the Unix epoch
 *
 * Return: the time in ms since the Unix epoch nearest @now_ms whose low
 * 32 bits are @ts.
 */
u64 slsec_ts_expand(u32 ts, u64 now_ms)
{
	return now_ms + (s64)(s32)(ts - (u32)now_ms);
}
EXPORT_SYMBOL_IF_KUNIT(slsec_ts_expand);

/**
 * slsec_fresh_check() - is a frame's timestamp acceptable?
 * @ts:        the frame's timestamp, as sent
 * @now_ms:    the receiver's clock
 * @since_ms:  when the receiver installed the frame's group key (its
 *             clock at the time)
 * @window_ms: the group's freshness window; 0 accepts any timestamp
 *
 * Return: SLSEC_FRESH_OK or why not.
 */
enum slsec_fresh slsec_fresh_check(u32 ts, u64 now_ms, u64 since_ms,
				   u32 window_ms)
{
	u64 t;

	if (!window_ms)
		return SLSEC_FRESH_OK;
	t = slsec_ts_expand(ts, now_ms);
	if (t + window_ms < now_ms)
		return SLSEC_FRESH_OLD;
	if (t > now_ms + window_ms)
		return SLSEC_FRESH_FUTURE;
	if (t < since_ms)
		return SLSEC_FRESH_BEFORE_INSTALL;
	return SLSEC_FRESH_OK;
}
EXPORT_SYMBOL_IF_KUNIT(slsec_fresh_check);
