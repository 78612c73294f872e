/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_TIMING_H
#define _SLSEC_TIMING_H

#include <linux/jump_label.h>
#include <linux/percpu.h>
#include <linux/sched/clock.h>

/*
 * Where a datagram's time goes, for `make bench`: per-CPU nanoseconds and
 * counts of the seal and open hooks and of the AEAD calls inside them.
 * Off by default and then a patched-out branch; debugfs
 * slsec/timing turns it on (write 1), off (0) and shows it (read).
 */
enum slsec_timing {
	SLSEC_TIMING_SEAL,	/* LOCAL_OUT hook, datagram to a group */
	SLSEC_TIMING_SEAL_AEAD,	/* the encrypt call inside it */
	SLSEC_TIMING_OPEN,	/* PRE_ROUTING hook, sealed datagram */
	SLSEC_TIMING_OPEN_AEAD,	/* the decrypt call inside it */
	SLSEC_TIMING_MAX
};

struct slsec_timing_pcpu {
	u64 ns[SLSEC_TIMING_MAX];
	u64 n[SLSEC_TIMING_MAX];
};

DECLARE_STATIC_KEY_FALSE(slsec_timing_on);
DECLARE_PER_CPU(struct slsec_timing_pcpu, slsec_timing);

static inline u64 slsec_timing_start(void)
{
	return static_branch_unlikely(&slsec_timing_on) ? local_clock() : 0;
}

static inline void slsec_timing_end(enum slsec_timing t, u64 start)
{
	if (static_branch_unlikely(&slsec_timing_on) && start) {
		this_cpu_add(slsec_timing.ns[t], local_clock() - start);
		this_cpu_inc(slsec_timing.n[t]);
	}
}

void slsec_timing_init(void);
void slsec_timing_exit(void);

#endif /* _SLSEC_TIMING_H */
