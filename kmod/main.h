/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_MAIN_H
#define _SLSEC_MAIN_H

#define SLSEC_VERSION "0.1.0"

#include <linux/atomic.h>
#include <linux/workqueue.h>

extern unsigned int slsec_ipproto;

/*
 * Deferred frees of slsec's objects may queue further ones (a key frees
 * its traffic keys); module unload waits until none is pending.
 */
extern atomic_t slsec_rcu_pending;

void slsec_free_after_rcu(struct rcu_work *rwork, work_func_t fn);

/* The last thing an slsec_free_after_rcu() function does. */
static inline void slsec_rcu_done(void)
{
	atomic_dec(&slsec_rcu_pending);
}

#endif /* _SLSEC_MAIN_H */
