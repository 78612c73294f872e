/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_PRINT_H
#define SLSEC_PRINT_H

#include <stdbool.h>
#include <stdint.h>

/* As iproute2: one call serves text (FP), JSON, or both (ANY). */
enum print_mode {
	PRINT_FP = 1,
	PRINT_JSON = 2,
	PRINT_ANY = 3,
};

void print_begin(bool json, bool pretty);
int print_end(void);
bool print_is_json(void);
void print_open_obj(const char *key);
void print_close_obj(void);
void print_open_array(const char *key);
void print_close_array(void);
void print_string(enum print_mode m, const char *key, const char *fmt,
		  const char *val);
void print_uint(enum print_mode m, const char *key, const char *fmt,
		uint64_t val);
void print_bool(enum print_mode m, const char *key, const char *fmt, bool val);
void print_nl(void);
int print_record_end(void);

#endif
