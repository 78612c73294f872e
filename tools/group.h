/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_GROUP_H
#define SLSEC_GROUP_H

#include <arpa/inet.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <linux/slsec.h>

#include "cmd.h"
#include "selector.h"

/* A group as the kernel reports it. */
struct group_info {
	struct group_sel sel;
	uint32_t sender, alg, replay_window, max_senders, nsenders, tx_key;
	uint32_t grace, freshness;
	unsigned int nrevoked;
	uint32_t revoked[SLSEC_MAX_REVOKED_SENDERS];
	bool has_tx_key, has_stats, has_freshness, has_sender_mark;
	uint8_t mode, sender_mark;
	unsigned int nkeys;
	uint32_t keys[SLSEC_MAX_KEYS];
	uint64_t stats[__SLSEC_STAT_MAX];
};

typedef void (*group_fn)(const struct group_info *g, void *data);

extern const struct slsec_object group_object;
int group_show_each(int argc, char **argv, group_fn fn);

#endif
