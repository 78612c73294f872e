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

#include <stdint.h>

struct nlmsghdr;

/* A group as named on the command line: dev DEV addr ADDR. */
struct group_sel {
	uint32_t ifindex;
	int family;		/* AF_INET, AF_INET6, or 0: not given */
	uint8_t addr[16];
};

int parse_u32(const char *arg, const char *what, uint32_t max, uint32_t *v);
int parse_group_arg(int *argc, char ***argv, struct group_sel *sel);
int parse_group_only(int argc, char **argv, struct group_sel *sel);
int need_group(const struct group_sel *sel, bool need_addr);
void put_group_sel(struct nlmsghdr *nlh, const struct group_sel *sel);
void put_group_sel_arg(struct nlmsghdr *nlh, const void *arg);
struct nlattr;
bool group_sel_attr(const struct nlattr *a, struct group_sel *sel);
int slsec_alg_by_name(const char *name);
const char *slsec_mode_name(unsigned int mode);
int missarg(const char *what);
void print_install(const char *key, uint64_t install);
bool is_help(const char *arg);

typedef void (*put_fn)(struct nlmsghdr *nlh, const void *arg);
int slsec_do(uint8_t cmd, uint16_t flags, put_fn put, const void *arg,
	     int (*cb)(const struct nlmsghdr *nlh, void *data), void *data,
	     const char *what);

#endif
