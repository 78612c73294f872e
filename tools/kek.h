/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_KEK_H
#define SLSEC_KEK_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/slsec.h>

#include "cmd.h"

/* The KEKs of a namespace as INFO_GET reports them: never key bytes. */
struct kek_list {
	unsigned int n;
	struct {
		uint32_t id, device;
		uint64_t seq;		/* last bundle applied */
		bool has_seq;		/* older modules lack it */
	} kek[SLSEC_MAX_KEKS];
};

extern const struct slsec_object kek_object;
void kek_list_parse(const struct nlattr *keks, struct kek_list *l);

#endif
