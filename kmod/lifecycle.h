/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_LIFECYCLE_H
#define _SLSEC_LIFECYCLE_H

#include <linux/types.h>

struct netlink_ext_ack;
struct slsec_group;
struct slsec_key;
struct slsec_net;
struct work_struct;

/**
 * struct slsec_activation - when a key starts sending
 * @how: SLSEC_ACT_*
 * @at:  CLOCK_REALTIME ns, for SLSEC_ACT_AT
 */
struct slsec_activation {
	enum { SLSEC_ACT_NOW, SLSEC_ACT_AT, SLSEC_ACT_PENDING } how;
	u64 at;
};

/* How a key leaves a group. */
enum slsec_removal {
	SLSEC_REMOVE_DEL,	/* key del */
	SLSEC_REMOVE_REVOKE,	/* key revoke */
	SLSEC_REMOVE_RETIRE,	/* end of its grace period */
};

int slsec_life_key_add(struct slsec_net *sn, struct slsec_group *g,
		       struct slsec_key *key,
		       const struct slsec_activation *act,
		       struct netlink_ext_ack *extack);
int slsec_life_key_set(struct slsec_net *sn, struct slsec_group *g,
		       struct slsec_key *key,
		       const struct slsec_activation *act,
		       struct netlink_ext_ack *extack);
int slsec_life_key_remove(struct slsec_net *sn, struct slsec_group *g,
			  struct slsec_key *key, enum slsec_removal how,
			  bool force, struct netlink_ext_ack *extack);
void slsec_life_kick(struct slsec_group *g);
void slsec_life_work(struct work_struct *work);
void slsec_life_cancel(struct slsec_group *g);

#endif /* _SLSEC_LIFECYCLE_H */
