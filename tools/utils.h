/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_UTILS_H
#define SLSEC_UTILS_H

#include <stdbool.h>
#include <stdint.h>

struct nlmsghdr;

#define SLSEC_TOOL_VERSION "0.1.0"

/*
 * Exit codes, as ip(8): 0 success, 1 a syntax error (or anything refused
 * before the kernel is asked, and a failed batch), 2 a kernel error.
 * Every path returns one of these; only main() exits.
 */
#define EXIT_SYNTAX	1
#define EXIT_KERNEL	2

/* The global options, the same for every command of a batch. */
struct slsec_opts {
	bool json;
	bool pretty;
	bool stats;
	bool stdin_busy;	/* a batch is read from stdin: "-" is refused */
};

extern struct slsec_opts opts;

int invarg(const char *msg, const char *arg);
int missarg(const char *what);
bool is_help(const char *arg);
int stdin_free(const char *what);
int parse_u32(const char *arg, const char *what, uint32_t max, uint32_t *v);
const char *slsec_alg_name(unsigned int alg);
int slsec_alg_by_name(const char *name);
const char *slsec_mode_name(unsigned int mode);
void print_install(const char *key, uint64_t install);

typedef void (*put_fn)(struct nlmsghdr *nlh, const void *arg);
int slsec_do(uint8_t cmd, uint16_t flags, put_fn put, const void *arg,
	     int (*cb)(const struct nlmsghdr *nlh, void *data), void *data,
	     const char *what);

#endif
