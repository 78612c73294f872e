// SPDX-License-Identifier: GPL-2.0
/*
 * slsec: sidelink group security.  Module init and exit only: each
 * subsystem is brought up in dependency order and torn down in reverse.
 */

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <net/genetlink.h>
#include <linux/slsec.h>

#include "main.h"
#include "netns.h"
#include "netlink.h"
#include "group.h"

unsigned int slsec_ipproto = SLSEC_IPPROTO_DEFAULT;

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

	err = slsec_netns_init();
	if (err)
		return err;
	err = slsec_group_notifier_init();
	if (err)
		goto err_netns;
	err = slsec_netlink_init();
	if (err)
		goto err_notifier;

	pr_info("version " SLSEC_VERSION " loaded (ip protocol %u)\n",
		slsec_ipproto);
	/* Say it plainly until the data path exists: nothing is sealed. */
	pr_warn("configuration only, no data path yet: traffic is NOT protected\n");
	return 0;

err_notifier:
	slsec_group_notifier_exit();
err_netns:
	slsec_netns_exit();
	return err;
}

static void __exit slsec_exit(void)
{
	slsec_netlink_exit();
	slsec_group_notifier_exit();
	slsec_netns_exit();
	/* Groups and keys are freed from RCU callbacks: wait for them. */
	rcu_barrier();
	pr_info("unloaded\n");
}

module_init(slsec_init);
module_exit(slsec_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Sidelink group security for IP multicast");
MODULE_VERSION(SLSEC_VERSION);
MODULE_ALIAS_GENL_FAMILY(SLSEC_GENL_NAME);
