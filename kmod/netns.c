// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state, reached through net_generic().
 */

#include <linux/module.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <linux/wait_bit.h>

#include "netns.h"
#include "group.h"
#include "kek.h"

static unsigned int slsec_net_id __read_mostly;

struct slsec_net *slsec_net(const struct net *net)
{
	return net_generic(net, slsec_net_id);
}

static int __net_init slsec_net_init(struct net *net)
{
	struct slsec_net *sn = slsec_net(net);

	mutex_init(&sn->lock);
	sn->net = net;
	sn->hooks = NULL;
	atomic_set(&sn->inflight, 0);
	sn->ngroups = 0;
	sn->gen = 1;
	if (slsec_groups_init(sn))
		return -ENOMEM;
	pr_debug("netns state %p created\n", sn);
	return 0;
}

static void __net_exit slsec_net_exit(struct net *net)
{
	struct slsec_net *sn = slsec_net(net);

	slsec_groups_destroy(sn);
	slsec_keks_destroy(sn);
	WARN_ON_ONCE(sn->ngroups || sn->hooks);
	/* The hooks are gone; seals and opens still in a driver finish. */
	wait_var_event(&sn->inflight, !atomic_read(&sn->inflight));
	/* And the groups' work items, which use @sn and @net. */
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
