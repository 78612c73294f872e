/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_SELECTOR_H
#define SLSEC_SELECTOR_H

#include <arpa/inet.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

/* A group as named on the command line: dev DEV addr ADDR. */
struct group_sel {
	uint32_t ifindex;
	int family;		/* AF_INET, AF_INET6, or 0: not given */
	uint8_t addr[16];
};

int parse_group_arg(int *argc, char ***argv, struct group_sel *sel);
int parse_group_only(int argc, char **argv, struct group_sel *sel);
int need_group(const struct group_sel *sel, bool need_addr);
void put_group_sel(struct nlmsghdr *nlh, const struct group_sel *sel);
void put_group_sel_arg(struct nlmsghdr *nlh, const void *arg);
int sel_show(int argc, char **argv, uint8_t cmd, bool get_one, mnl_cb_t cb,
	     void *data, const char *what);
void group_sel_from_tb(const struct nlattr *const *tb, struct group_sel *sel);
void group_sel_names(const struct group_sel *sel, char dev[IF_NAMESIZE],
		     char addr[INET6_ADDRSTRLEN]);

#endif
