// SPDX-License-Identifier: GPL-2.0
/*
 * slsec: sidelink group security.  Module init and exit only: each
 * subsystem is brought up in dependency order and torn down in reverse.
 */

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <net/genetlink.h>
#include <linux/slsec.h>

#include "aead.h"
#include "main.h"
#include "netns.h"
#include "netlink.h"
#include "group.h"
#include "tkey.h"
#include "timing.h"

unsigned int slsec_ipproto = SLSEC_IPPROTO_DEFAULT;
atomic_t slsec_rcu_pending = ATOMIC_INIT(0);

/**
 * slsec_free_after_rcu() - run @fn on slsec's workqueue once readers are
 *	done with the object holding @rwork
 * @rwork: the object's own, unused until now
 * @fn:    frees the object, then calls slsec_rcu_done()
 *
 * For anything that holds a crypto transform: freeing one (or re-keying
 * an HMAC to wipe it) may sleep in a hardware driver's exit_tfm or
 * setkey, so it never happens in an RCU callback (softirq), but in
 * process context, as xfrm frees its states from a work item.  Any
 * context.
 */
void slsec_free_after_rcu(struct rcu_work *rwork, work_func_t fn)
{
	atomic_inc(&slsec_rcu_pending);
	INIT_RCU_WORK(rwork, fn);
	queue_rcu_work(slsec_wq, rwork);
}

static int slsec_ipproto_set(const char *val, const struct kernel_param *kp)
{
	unsigned int v;
	int err;

	err = kstrtouint(val, 0, &v);
	if (err)
		return err;
	/* Only the two RFC 3692 experimental values are acceptable. */
	if (v != 253 && v != 254)
		return -EINVAL;
	return param_set_uint(val, kp);
}

static const struct kernel_param_ops slsec_ipproto_ops = {
	.set = slsec_ipproto_set,
	.get = param_get_uint,
};

module_param_cb(ipproto, &slsec_ipproto_ops, &slsec_ipproto, 0444);
MODULE_PARM_DESC(ipproto, "IP protocol number of sealed datagrams (253 or 254)");

static int __init slsec_init(void)
{
	int err;

	slsec_wq = alloc_workqueue("slsec", WQ_MEM_RECLAIM, 0);
	if (!slsec_wq)
		return -ENOMEM;
	err = slsec_netns_init();
	if (err)
		goto err_wq;
	err = slsec_group_notifier_init();
	if (err)
		goto err_netns;
	err = slsec_netlink_init();
	if (err)
		goto err_notifier;

	slsec_timing_init();
	pr_info("version " SLSEC_VERSION " loaded (ip protocol %u%s)\n",
		slsec_ipproto, slsec_crypto_async ? ", asynchronous crypto" : "");
	return 0;

err_notifier:
	slsec_group_notifier_exit();
err_netns:
	slsec_netns_exit();
err_wq:
	destroy_workqueue(slsec_wq);
	return err;
}

/*
 * The reverse of slsec_init(); Documentation/design.rst, "Locks and
 * lifetimes", has the rules each step relies on.
 */
static void __exit slsec_exit(void)
{
	/* 1. The timing debugfs file and its static branch. */
	slsec_timing_exit();
	/*
	 * 2. Events off (after a grace period no sender still uses the
	 *    family), then the family: no command runs or starts.
	 */
	slsec_netlink_exit();
	/*
	 * 3. The netdevice notifier: unregistering it replays
	 *    NETDEV_UNREGISTER for every device of every namespace (under
	 *    the RTNL), so every group is deleted here (group.c,
	 *    slsec_group_del()), and none can be added any more (2).
	 */
	slsec_group_notifier_exit();
	/*
	 * 4. Every namespace's exit (netns.c, slsec_net_exit()): no group
	 *    is left to delete now; KEKs freed, seals, opens and work items
	 *    done.
	 */
	slsec_netns_exit();
	/*
	 * 5. Groups, keys, sender state and traffic keys are freed by work
	 *    queued a grace period after their last reference
	 *    (queue_rcu_work()), and freeing one may queue the next (a
	 *    group its sender state, that its traffic keys): wait until the
	 *    chain has run out.  Then the workqueue, the last RCU callback
	 *    and the per-CPU spare ops go.
	 */
	do {
		rcu_barrier();
		flush_workqueue(slsec_wq);
	} while (atomic_read(&slsec_rcu_pending));
	destroy_workqueue(slsec_wq);
	rcu_barrier();	/* the last callback has returned */
	slsec_crypt_op_cache_exit();
	pr_info("unloaded\n");
}

module_init(slsec_init);
module_exit(slsec_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Sidelink group security for IP multicast");
MODULE_VERSION(SLSEC_VERSION);
MODULE_ALIAS_GENL_FAMILY(SLSEC_GENL_NAME);
