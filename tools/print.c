// SPDX-License-Identifier: GPL-2.0
/*
 * Output: plain text for people, JSON (-j, -p pretty) for programs.  A
 * small JSON writer: nesting is tracked so commas and indentation come
 * out right; strings are escaped.
 */

#include <stdio.h>
#include <string.h>

#include "print.h"

#define MAX_DEPTH 16

static bool json, pretty;
static int depth;
static bool first[MAX_DEPTH];

void print_begin(bool j, bool p)
{
	json = j;
	pretty = p;
	depth = 0;
	first[0] = true;
}

bool print_is_json(void)
{
	return json;
}

static void json_indent(void)
{
	int i;

	if (!pretty)
		return;
	putchar('\n');
	for (i = 0; i < depth; i++)
		fputs("    ", stdout);
}

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* Comma, indentation and "key": before a value at the current level. */
static void json_key(const char *key)
{
	if (!first[depth])
		putchar(',');
	first[depth] = false;
	if (depth)
		json_indent();
	if (key) {
		json_str(key);
		fputs(pretty ? ": " : ":", stdout);
	}
}

static void json_open(const char *key, char c)
{
	json_key(key);
	putchar(c);
	if (depth < MAX_DEPTH - 1)
		depth++;
	first[depth] = true;
}

static void json_close(char c)
{
	bool empty = first[depth];

	if (depth)
		depth--;
	if (!empty)
		json_indent();
	putchar(c);
}

void print_open_obj(const char *key)
{
	if (json)
		json_open(key, '{');
}

void print_close_obj(void)
{
	if (json)
		json_close('}');
}

void print_open_array(const char *key)
{
	if (json)
		json_open(key, '[');
}

void print_close_array(void)
{
	if (json)
		json_close(']');
}

void print_string(enum print_mode m, const char *key, const char *fmt,
		  const char *val)
{
	if (json && (m & PRINT_JSON)) {
		json_key(key);
		json_str(val);
	} else if (!json && (m & PRINT_FP)) {
		printf(fmt, val);
	}
}

void print_uint(enum print_mode m, const char *key, const char *fmt,
		uint64_t val)
{
	if (json && (m & PRINT_JSON)) {
		json_key(key);
		printf("%llu", (unsigned long long)val);
	} else if (!json && (m & PRINT_FP)) {
		printf(fmt, (unsigned long long)val);
	}
}

/* JSON true or false; the text is @fmt's alone, printed only if @val. */
void print_bool(enum print_mode m, const char *key, const char *fmt, bool val)
{
	if (json && (m & PRINT_JSON)) {
		json_key(key);
		fputs(val ? "true" : "false", stdout);
	} else if (!json && (m & PRINT_FP) && val) {
		fputs(fmt, stdout);
	}
}

void print_nl(void)
{
	if (!json)
		putchar('\n');
}

/* Return: non-zero if the output could not be written (a full disk). */
int print_end(void)
{
	/* A command that printed nothing leaves no empty line (in a batch). */
	if (json && !first[0])
		putchar('\n');
	return fflush(stdout) || ferror(stdout);
}

/* End of one streamed record (a monitor event): a line, flushed. */
int print_record_end(void)
{
	if (json)
		putchar('\n');
	depth = 0;
	first[0] = true;
	return fflush(stdout) || ferror(stdout);
}
