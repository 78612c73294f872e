/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_KEYRING_H
#define _SLSEC_KEYRING_H

#include <linux/types.h>

struct netlink_ext_ack;
struct nlattr;

int slsec_keyring_read(u32 type, const char *desc, u8 *out, unsigned int size,
		       unsigned int *len, const struct nlattr *attr,
		       struct netlink_ext_ack *extack);

#endif /* _SLSEC_KEYRING_H */
