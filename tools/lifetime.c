// SPDX-License-Identifier: GPL-2.0
/* "soft-time 1h hard-packets 1000000 ...": a key's lifetimes. */

#include <string.h>

#include "lifetime.h"
#include "timefmt.h"

static const struct {
	const char *name;
	bool duration;
} limits[NLIMITS] = {
	{ "soft-time", true },
	{ "hard-time", true },
	{ "soft-packets", false },
	{ "hard-packets", false },
	{ "soft-bytes", false },
	{ "hard-bytes", false },
};

/*
 * @word @val if @word names a limit (*@done set).  Return: 0 or an exit
 * code after printing why.
 */
int lifetime_parse(const char *word, const char *val, struct lifetime *lt,
		   bool *done)
{
	size_t i;

	for (i = 0; i < NLIMITS; i++) {
		if (strcmp(word, limits[i].name))
			continue;
		*done = true;
		lt->has[i] = true;
		if (limits[i].duration)
			return parse_duration_ms(val, limits[i].name,
						 UINT64_MAX / 1000, &lt->v[i]);
		return parse_u64(val, limits[i].name, &lt->v[i]);
	}
	return 0;
}

/* The first limit given, by name, or NULL. */
const char *lifetime_given(const struct lifetime *lt)
{
	size_t i;

	for (i = 0; i < NLIMITS; i++)
		if (lt->has[i])
			return limits[i].name;
	return NULL;
}
