// SPDX-License-Identifier: GPL-2.0
/*
 * The one dispatcher: every object is a table of {name, handler, help}
 * (as wireguard-tools' subcommands[] and iproute2's cmds[]), and the
 * rules are the same for all of them:
 *   no command     the object's default (its "show"), as ip(8);
 *   help, -h       the usage, generated from the table, on stdout, exit 0;
 *   unknown        one message on stderr, exit 1 (EXIT_SYNTAX).
 * Commands match exactly (strcmp), never by prefix.
 */

#include <string.h>

#include "cmd.h"
#include "utils.h"

/**
 * slsec_usage() - print an object's usage
 * @obj: the object
 * @f:   stdout when asked for, stderr after a mistake
 *
 * Return: 0 on stdout, else EXIT_SYNTAX: what the caller exits with.
 */
int slsec_usage(const struct slsec_object *obj, FILE *f)
{
	const char *lead = "Usage:";
	size_t i;

	for (i = 0; i < obj->ncmds; i++) {
		const struct slsec_subcmd *c = &obj->cmds[i];

		if (!c->help)
			continue;
		fprintf(f, "%-6s slsec %s %s%s%s\n", lead, obj->name, c->name,
			*c->help ? " " : "", c->help);
		lead = "";
	}
	if (obj->dflt)
		fprintf(f, "With no command: \"slsec %s %s\".\n", obj->name,
			obj->dflt);
	if (obj->notes)
		fputs(obj->notes, f);
	if (obj->more)
		obj->more(f);
	return f == stdout ? 0 : EXIT_SYNTAX;
}

static const struct slsec_subcmd *
find_cmd(const struct slsec_object *obj, const char *name)
{
	size_t i;

	for (i = 0; i < obj->ncmds; i++)
		if (!strcmp(obj->cmds[i].name, name))
			return &obj->cmds[i];
	return NULL;
}

static int run_cmd(const struct slsec_subcmd *c, int argc, char **argv)
{
	return c->fn ? c->fn(argc, argv) : c->nl_fn(c->nl_cmd, argc, argv);
}

/**
 * slsec_dispatch() - run "slsec OBJECT [ COMMAND ARGS... ]"
 * @obj:  the object
 * @argc: arguments after the object's name
 * @argv: likewise
 *
 * Return: the command's exit code.
 */
int slsec_dispatch(const struct slsec_object *obj, int argc, char **argv)
{
	const struct slsec_subcmd *c;

	if (argc < 1) {
		c = obj->dflt ? find_cmd(obj, obj->dflt) : NULL;
		return c ? run_cmd(c, 0, argv) : slsec_usage(obj, stderr);
	}
	if (is_help(argv[0]))
		return slsec_usage(obj, stdout);
	c = find_cmd(obj, argv[0]);
	if (c)
		return run_cmd(c, argc - 1, argv + 1);
	fprintf(stderr, "Command \"%s\" is unknown, try \"slsec %s help\".\n",
		argv[0], obj->name);
	return EXIT_SYNTAX;
}
