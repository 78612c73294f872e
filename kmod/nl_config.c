// SPDX-License-Identifier: GPL-2.0
/*
 * Namespace configuration: `config set` (today the one-way require-sealed
 * mode), the check every key source passes while that mode is on, and
 * the mode's report in INFO_GET.
 */

#include <net/genetlink.h>
#include <linux/slsec.h>

#include "netlink.h"
#include "netns.h"
#include "nl_config.h"

const struct nla_policy slsec_config_policy[] = {
	[SLSEC_A_REQUIRE_SEALED] = NLA_POLICY_MAX(NLA_U8, 1),
};

int slsec_nl_config_set(struct sk_buff *skb, struct genl_info *info)
{
	struct slsec_net *sn = slsec_net(genl_info_net(info));
	struct nlattr *a = info->attrs[SLSEC_A_REQUIRE_SEALED];
	int err = 0;

	if (slsec_nl_missing(info, SLSEC_A_REQUIRE_SEALED, "nothing to change"))
		return -EINVAL;
	mutex_lock(&sn->lock);
	if (nla_get_u8(a)) {
		WRITE_ONCE(sn->require_sealed, true);
	} else if (sn->require_sealed) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "require-sealed cannot be turned off (it is one-way, like lockdown)");
		err = -EPERM;
	}
	mutex_unlock(&sn->lock);
	return err;
}

/**
 * slsec_nl_sealed_only() - refuse a key or KEK a require-sealed namespace
 *	does not take
 * @sn:   the namespace; its lock held for the answer that counts, or not
 *        for an early one
 * @info: a KEY_ADD or KEK_ADD request
 * @attr: the key source to blame
 *
 * Once require-sealed is set, a group key enters only from a bundle
 * sealed under a KEK installed before: key bytes from the request, a
 * logon key (whose payload userspace wrote) or an encrypted key (whose
 * blob whoever holds its master key can make) would each let an admin
 * choose the key.  A new KEK would let an admin seal any bundle, so none
 * is added either.  Documentation/threat-model.rst, "Chosen keys".
 *
 * Return: 0, or -EPERM with the reason in the extack.
 */
int slsec_nl_sealed_only(struct slsec_net *sn, struct genl_info *info,
			 const struct nlattr *attr)
{
	if (!READ_ONCE(sn->require_sealed))
		return 0;
	if (info->genlhdr->cmd == SLSEC_CMD_KEK_ADD)
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "require-sealed: no KEK can be added any more (install KEKs before turning the mode on)");
	else
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "require-sealed: group keys come only from sealed bundles (not from a key file or the keyring)");
	return -EPERM;
}

/* For INFO_GET: the require-sealed mode. */
int slsec_nl_put_config(struct sk_buff *skb, struct slsec_net *sn)
{
	lockdep_assert_held(&sn->lock);
	return nla_put_u8(skb, SLSEC_A_REQUIRE_SEALED, sn->require_sealed) ?
	       -EMSGSIZE : 0;
}
