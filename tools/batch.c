// SPDX-License-Identifier: GPL-2.0
/*
 * slsec -batch FILE|-: many commands in one process on one socket, as
 * "ip -batch".  Each line is a command as on the command line without
 * "slsec" and its options (those given before -batch apply to every
 * line).  Words are split at blanks; "double" or 'single' quotes keep
 * blanks in a word and may join parts of one (keyring "slsec:my key");
 * a word starting with # starts a comment to the end of the line.
 * The first command that fails stops the batch, "Command failed
 * FILE:LINE" after its own error; with -force every line runs.  Exit:
 * 0, or 1 if any command failed.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "utils.h"

#define BATCH_MAX_ARGS	256

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * One word from *@src, unquoted, written in place at *@src's start.
 * Return: the word, or NULL after saying a quote was not closed.
 */
static char *take_word(char **src)
{
	char *s = *src, *word = s, *d = s, quote = 0;

	for (; *s && (quote || !is_blank(*s)); s++) {
		if (quote && *s == quote)
			quote = 0;
		else if (!quote && (*s == '"' || *s == '\''))
			quote = *s;
		else
			*d++ = *s;
	}
	if (quote) {
		fprintf(stderr, "Error: unterminated quoted string.\n");
		return NULL;
	}
	*src = *s ? s + 1 : s;
	*d = '\0';
	return word;
}

/*
 * Split @line into @argv (BATCH_MAX_ARGS entries) in place.
 * Return: the number of words (0: blank or a comment), or -1 after an
 * error.
 */
static int split_line(char *line, char **argv)
{
	int argc = 0;

	for (;;) {
		while (is_blank(*line))
			line++;
		if (!*line || *line == '#')
			return argc;
		if (argc == BATCH_MAX_ARGS - 1) {
			fprintf(stderr, "Error: more than %d words on a line.\n",
				BATCH_MAX_ARGS - 1);
			return -1;
		}
		argv[argc] = take_word(&line);
		if (!argv[argc])
			return -1;
		argv[++argc] = NULL;
	}
}

/* One line: 0 if it is blank or its command succeeded. */
static int batch_line(char *line, batch_fn run)
{
	char *argv[BATCH_MAX_ARGS];
	int argc;

	argc = split_line(line, argv);
	if (argc < 0)
		return EXIT_SYNTAX;
	return argc ? run(argc, argv) : 0;
}

static FILE *batch_open(const char *name)
{
	FILE *f;

	if (!strcmp(name, "-")) {
		opts.stdin_busy = true;
		return stdin;
	}
	f = fopen(name, "r");
	if (!f)
		fprintf(stderr, "Error: cannot open batch file \"%s\": %s.\n",
			name, strerror(errno));
	return f;
}

/**
 * slsec_batch() - run the commands of a batch file
 * @name:  the file, or "-" for standard input
 * @force: go on after a failed command
 * @run:   runs one command: OBJECT ARGS...
 *
 * Return: 0, or EXIT_SYNTAX if the file cannot be read or any command
 * failed.
 */
int slsec_batch(const char *name, bool force, batch_fn run)
{
	size_t size = 0;
	char *line = NULL;
	int ret = 0;
	unsigned int lineno = 0;
	FILE *f;

	f = batch_open(name);
	if (!f)
		return EXIT_SYNTAX;
	while (getline(&line, &size, f) >= 0) {
		lineno++;
		if (!batch_line(line, run))
			continue;
		fprintf(stderr, "Command failed %s:%u\n", name, lineno);
		ret = EXIT_SYNTAX;
		if (!force)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "Error: cannot read batch file \"%s\".\n", name);
		ret = EXIT_SYNTAX;
	}
	free(line);
	if (f != stdin)
		(void)fclose(f);	/* read only: nothing to lose */
	return ret;
}
