// SPDX-License-Identifier: GPL-2.0
/*
 * slsec: manage sidelink group security (slsec.ko) over generic netlink.
 * Global options, the object table, -batch, and the exit-code policy of
 * ip(8): 0 success, 1 syntax error (and a failed batch), 2 kernel error.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "cmd.h"
#include "config.h"
#include "genl.h"
#include "print.h"
#include "utils.h"
#include "info.h"
#include "group.h"
#include "key.h"
#include "sender.h"
#include "monitor.h"
#include "kek.h"
#include "bundle.h"
#include "stats.h"

static const struct slsec_object *const objects[] = {
	&group_object, &key_object, &sender_object, &monitor_object,
	&kek_object, &bundle_object, &config_object, &stats_object,
	&info_object,
};

#define NOBJECTS (sizeof(objects) / sizeof(objects[0]))

static int usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"Usage: slsec [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       slsec [ OPTIONS ] -batch FILE [ -force ]\n"
		"       slsec -V\n"
		"OPTIONS := { -j[son] | -p[retty] | -s[tatistics] | -n[etns] NAME |\n"
		"             -b[atch] FILE | -force | -V[ersion] | -h[elp] }\n"
		"OBJECT :=\n");
	for (i = 0; i < NOBJECTS; i++)
		fprintf(f, "    %-8s %s\n", objects[i]->name, objects[i]->summary);
	fprintf(f, "    %-8s %s\n", "help", "show this help");
	fprintf(f,
		"OBJECT alone runs its show; OBJECT help prints its commands.\n"
		"-batch: one command a line (FILE, or - for standard input), the\n"
		"OPTIONS applying to each; # starts a comment.  Exit status: 0 success,\n"
		"1 syntax error or a failed batch command, 2 kernel error.\n");
	return f == stdout ? 0 : EXIT_SYNTAX;
}

static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd, err;

	if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
		fprintf(stderr, "Error: invalid network namespace name \"%s\".\n",
			name);
		return EXIT_SYNTAX;
	}
	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "Error: cannot open network namespace \"%s\": %s.\n",
			name, strerror(errno));
		return EXIT_SYNTAX;
	}
	err = setns(fd, CLONE_NEWNET);
	(void)close(fd);	/* the namespace is entered or not */
	if (err) {
		fprintf(stderr, "Error: cannot enter network namespace \"%s\": %s.\n",
			name, strerror(errno));
		return EXIT_KERNEL;
	}
	return 0;
}

static bool opt_is(const char *arg, const char *shrt, const char *lng)
{
	/* "-j", "-json" and "--json" are all accepted, nothing shorter. */
	if (!strcmp(arg, shrt))
		return true;
	if (arg[1] == '-')
		arg++;
	return !strcmp(arg, lng);
}

static const struct slsec_object *find_object(const char *name)
{
	size_t i;

	for (i = 0; i < NOBJECTS; i++)
		if (!strcmp(name, objects[i]->name))
			return objects[i];
	return NULL;
}

/* One command, OBJECT ARGS...: from the command line or a batch line. */
static int run(int argc, char **argv)
{
	const struct slsec_object *obj;
	int ret;

	if (is_help(argv[0]))
		return usage(stdout);
	obj = find_object(argv[0]);
	if (!obj) {
		fprintf(stderr, "Object \"%s\" is unknown, try \"slsec help\".\n",
			argv[0]);
		return EXIT_SYNTAX;
	}
	print_begin(opts.json, opts.pretty);
	ret = slsec_dispatch(obj, argc - 1, argv + 1);
	if (print_end() && !ret) {
		fprintf(stderr, "Error: cannot write output.\n");
		ret = EXIT_SYNTAX;
	}
	return ret;
}

struct main_opts {
	const char *batch;
	bool force;
};

/* The value of option @a, which needs @what: NULL after saying so. */
static const char *opt_value(int *argc, char ***argv, const char *what)
{
	if (*argc < 2) {
		fprintf(stderr, "Error: %s needs %s.\n", (*argv)[0], what);
		return NULL;
	}
	(*argc)--, (*argv)++;
	return (*argv)[0];
}

/* One global option at *@argv.  Return: 0 or an exit code. */
static int parse_global(int *argc, char ***argv, struct main_opts *m)
{
	const char *a = (*argv)[0], *v;

	if (opt_is(a, "-n", "-netns")) {
		v = opt_value(argc, argv, "a name");
		return v ? enter_netns(v) : EXIT_SYNTAX;
	}
	if (opt_is(a, "-b", "-batch")) {
		m->batch = opt_value(argc, argv, "a file");
		return m->batch ? 0 : EXIT_SYNTAX;
	}
	if (opt_is(a, "-j", "-json")) {
		opts.json = true;
	} else if (opt_is(a, "-p", "-pretty")) {
		opts.pretty = true;
	} else if (opt_is(a, "-s", "-statistics")) {
		opts.stats = true;
	} else if (opt_is(a, "-force", "-force")) {
		m->force = true;
	} else {
		fprintf(stderr, "Option \"%s\" is unknown, try \"slsec -help\".\n",
			a);
		return EXIT_SYNTAX;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct main_opts m = { 0 };
	int err;

	for (argc--, argv++; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
		if (opt_is(argv[0], "-V", "-Version"))
			return do_version();
		if (opt_is(argv[0], "-h", "-help"))
			return usage(stdout);
		err = parse_global(&argc, &argv, &m);
		if (err)
			return err;
	}
	if (m.batch && argc > 0) {
		fprintf(stderr, "Error: -batch takes its commands from the file, not \"%s\".\n",
			argv[0]);
		return EXIT_SYNTAX;
	}
	if (m.batch)
		err = slsec_batch(m.batch, m.force, run);
	else
		err = argc ? run(argc, argv) : usage(stderr);
	slsec_nl_shared_close();
	return err;
}
