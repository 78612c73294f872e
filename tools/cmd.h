/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_CMD_H
#define SLSEC_CMD_H

#include <stddef.h>
#include <stdio.h>

#include <stdint.h>

/*
 * One command of an object: "slsec OBJECT NAME ARGS...".  Its handler is
 * fn(ARGS), or for commands that differ only in their request (add, set,
 * del) nl_fn(nl_cmd, ARGS) with nl_cmd an SLSEC_CMD_*.
 */
struct slsec_subcmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;	/* its grammar after NAME; NULL: an alias */
	int (*nl_fn)(uint8_t nl_cmd, int argc, char **argv);
	uint8_t nl_cmd;
};

/* Table entries: a command handled by fn(...), or by nl_fn(nl_cmd, ...). */
#define SLSEC_CMD(name, fn, help) \
	{ (name), (fn), (help), NULL, 0 }
#define SLSEC_NLCMD(name, fn, cmd, help) \
	{ (name), NULL, (help), (fn), (cmd) }

/* An object (group, key, ...): its commands and its usage text. */
struct slsec_object {
	const char *name;
	const char *summary;		/* one line for "slsec help" */
	const struct slsec_subcmd *cmds;
	size_t ncmds;
	const char *dflt;	/* the command run when none is given */
	const char *notes;	/* after the grammar in the usage, or NULL */
	void (*more)(FILE *f);	/* prints more of the usage, or NULL */
};

#define SLSEC_CMDS(a)	(a), sizeof(a) / sizeof((a)[0])

int slsec_dispatch(const struct slsec_object *obj, int argc, char **argv);
int slsec_usage(const struct slsec_object *obj, FILE *f);

#endif
