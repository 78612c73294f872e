// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state, reached through net_generic().
 */

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/user_namespace.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <linux/wait_bit.h>

#include "netns.h"
#include "group.h"
#include "kek.h"

static unsigned int slsec_net_id __read_mostly;

/*
 * What a namespace may pin (design.rst, "Limits"): the host's root sets
 * them (sysfs, or at insmod); a change applies to the next command.  A
 * namespace owned by a user namespace other than the initial one is
 * configured by whoever created that user namespace, any user: its
 * bounds are lower, and the receive state its groups may ask for is
 * bounded too.
 */
static unsigned int slsec_max_groups = 64;
module_param_named(max_groups, slsec_max_groups, uint, 0644);
MODULE_PARM_DESC(max_groups,
		 "Groups a network namespace owned by the initial user namespace may bind (default 64)");

static unsigned int slsec_max_groups_userns = 16;
module_param_named(max_groups_userns, slsec_max_groups_userns, uint, 0644);
MODULE_PARM_DESC(max_groups_userns,
		 "Groups a network namespace owned by any other user namespace may bind (default 16; 0: none)");

static unsigned int slsec_max_senders_userns = 256;
module_param_named(max_senders_userns, slsec_max_senders_userns, uint, 0644);
MODULE_PARM_DESC(max_senders_userns,
		 "The sum of max-senders over the groups of a network namespace owned by a user namespace other than the initial one (default 256)");

struct slsec_net *slsec_net(const struct net *net)
{
	return net_generic(net, slsec_net_id);
}

/* Is the namespace configured by the root of a non-initial user namespace? */
bool slsec_net_unprivileged(const struct slsec_net *sn)
{
	return sn->net->user_ns != &init_user_ns;
}

u32 slsec_net_max_groups(const struct slsec_net *sn)
{
	return slsec_net_unprivileged(sn) ? READ_ONCE(slsec_max_groups_userns)
					  : READ_ONCE(slsec_max_groups);
}

/* Bound on the sum of the groups' max-senders; U32_MAX: none. */
u32 slsec_net_max_senders(const struct slsec_net *sn)
{
	return slsec_net_unprivileged(sn) ? READ_ONCE(slsec_max_senders_userns)
					  : U32_MAX;
}

static int __net_init slsec_net_init(struct net *net)
{
	struct slsec_net *sn = slsec_net(net);

	mutex_init(&sn->lock);
	sn->net = net;
	sn->hooks = NULL;
	atomic_set(&sn->inflight, 0);
	sn->ngroups = 0;
	sn->nsenders = 0;
	sn->gen = 1;
	if (slsec_groups_init(sn))
		return -ENOMEM;
	pr_debug("netns state %p created\n", sn);
	return 0;
}

/*
 * A dying namespace, before any of its devices is unregistered (see
 * slsec_netns_init()); no command can reach it any more.
 */
static void __net_exit slsec_net_exit(struct net *net)
{
	struct slsec_net *sn = slsec_net(net);

	/*
	 * 1. Every group deleted (slsec_group_del() narrates it): the last
	 *    one unregisters the hooks, so nothing new enters the data path.
	 */
	slsec_groups_destroy(sn);
	/* 2. The KEKs, only ever used under @sn->lock: freed at once. */
	slsec_keks_destroy(sn);
	WARN_ON_ONCE(sn->ngroups || sn->hooks);
	/*
	 * 3. Seals and opens still in a crypto driver finish; each puts its
	 *    group, traffic key and receive state before it leaves
	 *    @sn->inflight.
	 */
	wait_var_event(&sn->inflight, !atomic_read(&sn->inflight));
	/*
	 * 4. And the groups' work items, which use @sn and @net: after a
	 *    grace period none can be queued, then the queued ones run.
	 *    The groups' and keys' frees may still be queued; they use
	 *    neither, and module exit waits for them.
	 */
	slsec_groups_quiesce(sn);
	/*
	 * No mutex_destroy(): the namespace's devices unregister after this
	 * exit, and the netdevice notifier still takes @sn->lock (to find
	 * no groups).  The pernet core frees @sn after every exit ran.
	 */
	pr_debug("netns state %p destroyed\n", sn);
}

static struct pernet_operations slsec_net_ops = {
	.init = slsec_net_init,
	.exit = slsec_net_exit,
	.id = &slsec_net_id,
	.size = sizeof(struct slsec_net),
};

/*
 * A "device" pernet operation, as WireGuard's: a dying namespace runs
 * device operations' exits first, newest first, so slsec's runs before
 * any device (the loopback included) is unregistered, and an open still
 * in a crypto driver finishes while the namespace is whole.
 */
int slsec_netns_init(void)
{
	return register_pernet_device(&slsec_net_ops);
}

void slsec_netns_exit(void)
{
	unregister_pernet_device(&slsec_net_ops);
}
