/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_MAIN_H
#define _SLSEC_MAIN_H

#define SLSEC_VERSION "0.1.0"

#include <linux/atomic.h>
#include <linux/rcupdate.h>

extern unsigned int slsec_ipproto;

/*
 * RCU callbacks of slsec's objects may queue further ones (a key frees
 * its traffic keys); module unload waits until none is pending.
 */
extern atomic_t slsec_rcu_pending;

static inline void slsec_call_rcu(struct rcu_head *head, rcu_callback_t fn)
{
	atomic_inc(&slsec_rcu_pending);
	call_rcu(head, fn);
}

/* The last thing an slsec_call_rcu() callback does. */
static inline void slsec_rcu_done(void)
{
	atomic_dec(&slsec_rcu_pending);
}

#endif /* _SLSEC_MAIN_H */
