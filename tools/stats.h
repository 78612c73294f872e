/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_STATS_H
#define SLSEC_STATS_H

#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/slsec.h>

int stats_parse(const struct nlattr *nest, uint64_t stats[__SLSEC_STAT_MAX]);
void stats_print(const uint64_t stats[__SLSEC_STAT_MAX]);
int do_stats(int argc, char **argv);

#endif
