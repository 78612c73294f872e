// SPDX-License-Identifier: GPL-2.0
/*
 * slsec: manage sidelink group security (slsec.ko) over generic netlink.
 * Global options, the object table, and the exit-code policy of ip(8):
 * 0 success, 1 syntax error, 2 kernel error.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

static int do_help(int argc, char **argv);

static const struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} cmds[] = {
	{ "group", do_group, "bind multicast groups to devices" },
	{ "key", do_key, "install, activate, revoke and show group keys" },
	{ "sender", do_sender, "show senders heard, revoke sender ids" },
	{ "monitor", do_monitor, "print key and group events as they happen" },
	{ "kek", do_kek, "install key-encryption keys for sealed bundles" },
	{ "bundle", do_bundle, "seal and apply key bundles" },
	{ "config", do_config, "set the namespace's require-sealed mode" },
	{ "stats", do_stats, "show and reset per-group counters" },
	{ "info", do_info, "show the loaded module's version and algorithms" },
	{ "help", do_help, "show this help" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"Usage: slsec [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       slsec -V\n"
		"OPTIONS := { -j[son] | -p[retty] | -s[tatistics] | -n[etns] NAME |\n"
		"             -V[ersion] | -h[elp] }\n"
		"OBJECT :=\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "    %-8s %s\n", cmds[i].name, cmds[i].help);
}

static int do_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return 0;
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

static int run(int argc, char **argv)
{
	size_t i;
	int ret;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(argv[0], cmds[i].name))
			continue;
		print_begin(opts.json, opts.pretty);
		ret = cmds[i].fn(argc - 1, argv + 1);
		if (print_end() && !ret) {
			fprintf(stderr, "Error: cannot write output.\n");
			ret = EXIT_SYNTAX;
		}
		return ret;
	}
	fprintf(stderr, "Object \"%s\" is unknown, try \"slsec help\".\n",
		argv[0]);
	return EXIT_SYNTAX;
}

int main(int argc, char **argv)
{
	int err;

	for (argc--, argv++; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
		const char *a = argv[0];

		if (opt_is(a, "-j", "-json")) {
			opts.json = true;
		} else if (opt_is(a, "-p", "-pretty")) {
			opts.pretty = true;
		} else if (opt_is(a, "-s", "-statistics")) {
			opts.stats = true;
		} else if (opt_is(a, "-V", "-Version")) {
			return do_version();
		} else if (opt_is(a, "-h", "-help")) {
			usage(stdout);
			return 0;
		} else if (opt_is(a, "-n", "-netns")) {
			if (argc < 2) {
				fprintf(stderr, "Error: -netns needs a name.\n");
				return EXIT_SYNTAX;
			}
			argc--, argv++;
			err = enter_netns(argv[0]);
			if (err)
				return err;
		} else {
			fprintf(stderr, "Option \"%s\" is unknown, try \"slsec -help\".\n",
				a);
			return EXIT_SYNTAX;
		}
	}
	if (argc == 0) {
		usage(stderr);
		return EXIT_SYNTAX;
	}
	return run(argc, argv);
}
