/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_UTILS_H
#define SLSEC_UTILS_H

#include <stdbool.h>

struct slsec_nl;

#define SLSEC_TOOL_VERSION "0.1.0"

/* Exit codes, as ip(8): 0 success, 1 syntax error, 2 kernel error. */
#define EXIT_SYNTAX	1
#define EXIT_KERNEL	2

struct slsec_opts {
	bool json;
	bool pretty;
	bool stats;
};

extern struct slsec_opts opts;

int invarg(const char *msg, const char *arg);
const char *slsec_alg_name(unsigned int alg);
int slsec_open_or_report(struct slsec_nl *h);

#endif
