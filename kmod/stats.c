// SPDX-License-Identifier: GPL-2.0
/*
 * Per-group, per-CPU counters: every datagram slsec seals, opens or drops
 * is counted once, a drop under its reason.  Writers touch only their own
 * CPU's block; readers sum the blocks.
 */

#include <linux/module.h>
#include <linux/netdevice.h>
#include <net/netlink.h>

#include "stats.h"

int slsec_stats_init(struct slsec_stats *s)
{
	memset(s->base, 0, sizeof(s->base));
	/* Charged to the memory cgroup of whoever binds the group. */
	s->pcpu = __netdev_alloc_pcpu_stats(struct slsec_pcpu_stats,
					    GFP_KERNEL_ACCOUNT);
	return s->pcpu ? 0 : -ENOMEM;
}

void slsec_stats_destroy(struct slsec_stats *s)
{
	free_percpu(s->pcpu);
	s->pcpu = NULL;
}

static void slsec_stats_sum(const struct slsec_stats *s,
			    u64 sum[__SLSEC_STAT_MAX])
{
	unsigned int start, i;
	int cpu;

	memset(sum, 0, sizeof(u64) * __SLSEC_STAT_MAX);
	for_each_possible_cpu(cpu) {
		const struct slsec_pcpu_stats *p = per_cpu_ptr(s->pcpu, cpu);
		u64 v[__SLSEC_STAT_MAX];

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			for (i = 0; i < __SLSEC_STAT_MAX; i++)
				v[i] = u64_stats_read(&p->c[i]);
		} while (u64_stats_fetch_retry(&p->syncp, start));
		for (i = 0; i < __SLSEC_STAT_MAX; i++)
			sum[i] += v[i];
	}
}

/* The caller serializes resets and reads (slsec_net.lock). */
void slsec_stats_reset(struct slsec_stats *s)
{
	slsec_stats_sum(s, s->base);
}

int slsec_stats_put(struct sk_buff *msg, const struct slsec_stats *s)
{
	u64 sum[__SLSEC_STAT_MAX];
	struct nlattr *nest;
	unsigned int i;

	slsec_stats_sum(s, sum);
	nest = nla_nest_start(msg, SLSEC_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = SLSEC_STAT_TX_PACKETS; i < __SLSEC_STAT_MAX; i++) {
		if (nla_put_u64_64bit(msg, i, sum[i] - s->base[i],
				      SLSEC_STAT_PAD)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(msg, nest);
	return 0;
}
