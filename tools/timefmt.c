// SPDX-License-Identifier: GPL-2.0
/*
 * Durations ("30", "1.5s", "500ms", "2m", "1h") and wall-clock instants
 * ("2026-11-26T15:00:00Z", UTC, or "@1795705200.5", seconds since the
 * epoch) as the command line writes them, and back.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timefmt.h"
#include "utils.h"

/* "12.345" into thousandths; the rest of the string in *end. */
static int parse_milli(const char *arg, uint64_t *milli, const char **end)
{
	uint64_t whole = 0, frac = 0, scale = 100;
	const char *p = arg;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (whole > (UINT64_MAX - 9) / 10 / 1000)
			return -ERANGE;
		whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
			frac += scale * (uint64_t)(*p - '0');
	}
	*milli = whole * 1000 + frac;
	*end = p;
	return 0;
}

/**
 * duration_ms() - a duration in ms; seconds without a unit; quietly
 * @arg: the text
 * @ms:  the result
 *
 * Return: 0, -EINVAL (not a duration) or -ERANGE (too large for a u64).
 */
int duration_ms(const char *arg, uint64_t *ms)
{
	static const struct { const char *unit; uint64_t per_ms; } units[] = {
		{ "", 1000 }, { "s", 1000 }, { "ms", 1 }, { "m", 60000 },
		{ "h", 3600000 },
	};
	const char *end;
	uint64_t milli;
	size_t i;
	int err;

	err = parse_milli(arg, &milli, &end);
	if (err)
		return err;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].unit))
			continue;
		/* milli is in thousandths of the unit. */
		if (milli > UINT64_MAX / units[i].per_ms)
			return -ERANGE;
		*ms = milli * units[i].per_ms / 1000;
		return 0;
	}
	return -EINVAL;
}

/**
 * parse_duration_ms() - a duration in ms; seconds without a unit
 * @arg:  the text
 * @what: named in the error message
 * @max:  largest value accepted, in ms
 * @ms:   the result
 *
 * Return: 0, or EXIT_SYNTAX after printing why.
 */
int parse_duration_ms(const char *arg, const char *what, uint64_t max,
		      uint64_t *ms)
{
	if (!duration_ms(arg, ms) && *ms <= max)
		return 0;
	fprintf(stderr, "Error: invalid %s \"%s\" (a duration: 30, 1.5s, 500ms, 2m, 1h; at most %" PRIu64 " s).\n",
		what, arg, max / 1000);
	return EXIT_SYNTAX;
}

int parse_u64(const char *arg, const char *what, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(arg, &end, 0);
	if (errno || end == arg || *end || arg[0] == '-') {
		fprintf(stderr, "Error: invalid %s \"%s\".\n", what, arg);
		return EXIT_SYNTAX;
	}
	return 0;
}

/**
 * parse_walltime_ns() - an instant: ISO 8601 in UTC, or @SECONDS
 * @arg: the text
 * @ns:  nanoseconds since the epoch
 *
 * Return: 0, or EXIT_SYNTAX after printing why.
 */
int parse_walltime_ns(const char *arg, uint64_t *ns)
{
	const char *end = NULL;
	uint64_t milli;
	struct tm tm;

	if (arg[0] == '@') {
		if (!parse_milli(arg + 1, &milli, &end) && !*end) {
			*ns = milli * 1000000;
			return 0;
		}
	} else {
		memset(&tm, 0, sizeof(tm));
		end = strptime(arg, "%Y-%m-%dT%H:%M:%S", &tm);
		milli = 0;
		if (end && *end == '.') {
			const char *frac_end;
			uint64_t f;
			char tmp[8] = "0";

			strncat(tmp, end, sizeof(tmp) - 2);
			if (!parse_milli(tmp, &f, &frac_end))
				milli = f;
			end++;
			while (*end >= '0' && *end <= '9')
				end++;
		}
		if (end && (!*end || !strcmp(end, "Z"))) {
			time_t t = timegm(&tm);

			if (t >= 0) {
				*ns = (uint64_t)t * 1000000000 + milli * 1000000;
				return 0;
			}
		}
	}
	fprintf(stderr, "Error: invalid time \"%s\" (YYYY-MM-DDTHH:MM:SS[.fff][Z] in UTC, or @SECONDS since the epoch).\n",
		arg);
	return EXIT_SYNTAX;
}

/* "30s", "1.5s", "250ms". */
void format_ms(char *buf, size_t len, uint64_t ms)
{
	if (ms < 1000 && ms)
		snprintf(buf, len, "%" PRIu64 "ms", ms);
	else if (ms % 1000)
		snprintf(buf, len, "%" PRIu64 ".%03" PRIu64 "s", ms / 1000,
			 ms % 1000);
	else
		snprintf(buf, len, "%" PRIu64 "s", ms / 1000);
}

/* "2026-11-26T15:00:00.250Z". */
void format_walltime(char *buf, size_t len, uint64_t ns)
{
	time_t t = (time_t)(ns / 1000000000);
	struct tm tm;
	char s[32];

	if (!gmtime_r(&t, &tm) || !strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S", &tm))
		snprintf(s, sizeof(s), "@%lld", (long long)t);
	snprintf(buf, len, "%s.%06" PRIu64 "Z", s, ns % 1000000000 / 1000);
}

uint64_t walltime_now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}
