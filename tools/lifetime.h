/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_LIFETIME_H
#define SLSEC_LIFETIME_H

#include <stdbool.h>
#include <stdint.h>

/*
 * A key's lifetimes as given on the command line, in the order of
 * SLSEC_A_LT_SOFT_TIME.. and of a bundle's body: soft/hard time (ms),
 * soft/hard packets, soft/hard bytes.
 */
#define NLIMITS 6

struct lifetime {
	bool has[NLIMITS];
	uint64_t v[NLIMITS];
};

int lifetime_parse(const char *word, const char *val, struct lifetime *lt,
		   bool *done);
const char *lifetime_given(const struct lifetime *lt);

#endif
