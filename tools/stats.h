/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_STATS_H
#define SLSEC_STATS_H

#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/slsec.h>

#include "cmd.h"

extern const struct slsec_object stats_object;
void stats_print(const uint64_t stats[__SLSEC_STAT_MAX]);

#endif
