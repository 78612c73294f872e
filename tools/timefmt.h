/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_TIMEFMT_H
#define SLSEC_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

int duration_ms(const char *arg, uint64_t *ms);
int parse_duration_ms(const char *arg, const char *what, uint64_t max,
		      uint64_t *ms);
int parse_u64(const char *arg, const char *what, uint64_t *v);
int parse_walltime_ns(const char *arg, uint64_t *ns);
void format_ms(char *buf, size_t len, uint64_t ms);
void format_walltime(char *buf, size_t len, uint64_t ns);
uint64_t walltime_now_ns(void);

#endif
