/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_STATS_H
#define _SLSEC_STATS_H

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include <linux/slsec.h>

struct sk_buff;

/**
 * struct slsec_pcpu_stats - one CPU's counters of one group
 * @c:    indexed by enum slsec_stat
 * @syncp: for 64-bit reads on 32-bit machines
 */
struct slsec_pcpu_stats {
	u64_stats_t c[__SLSEC_STAT_MAX];
	struct u64_stats_sync syncp;
};

/**
 * struct slsec_stats - a group's counters
 * @pcpu: written lockless, each CPU its own
 * @base: what a reset saw; shown counters are the sums minus @base
 *        (a reset never races with writers); under slsec_net.lock
 */
struct slsec_stats {
	struct slsec_pcpu_stats __percpu *pcpu;
	u64 base[__SLSEC_STAT_MAX];
};

int slsec_stats_init(struct slsec_stats *s);
void slsec_stats_destroy(struct slsec_stats *s);
void slsec_stats_reset(struct slsec_stats *s);
int slsec_stats_put(struct sk_buff *msg, const struct slsec_stats *s);

static inline void slsec_stats_add(struct slsec_stats *s, enum slsec_stat i,
				   u64 n)
{
	struct slsec_pcpu_stats *p = get_cpu_ptr(s->pcpu);

	u64_stats_update_begin(&p->syncp);
	u64_stats_add(&p->c[i], n);
	u64_stats_update_end(&p->syncp);
	put_cpu_ptr(s->pcpu);
}

static inline void slsec_stats_inc(struct slsec_stats *s, enum slsec_stat i)
{
	slsec_stats_add(s, i, 1);
}

/* A datagram passed: its packet and byte counters in one update. */
static inline void slsec_stats_pkt(struct slsec_stats *s, enum slsec_stat pkts,
				   unsigned int len)
{
	struct slsec_pcpu_stats *p = get_cpu_ptr(s->pcpu);

	u64_stats_update_begin(&p->syncp);
	u64_stats_inc(&p->c[pkts]);
	u64_stats_add(&p->c[pkts + 1], len);
	u64_stats_update_end(&p->syncp);
	put_cpu_ptr(s->pcpu);
}

#endif /* _SLSEC_STATS_H */
