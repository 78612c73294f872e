// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a key from a file or standard input, never from the command
 * line (where ps(1) and shell history would keep it).  The file holds the
 * key raw (exactly 16 or 32 bytes) or in hex (32 or 64 hex digits),
 * optionally followed by whitespace.  Every buffer that held key bytes is
 * wiped before it is released.
 */

#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keyfile.h"
#include "utils.h"

#define MAX_FILE 256	/* anything longer is not a key */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool all_hex(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (hexval(p[i]) < 0)
			return false;
	return true;
}

/*
 * Hex: 32 or 64 hex digits once trailing whitespace is cut.  Raw: exactly
 * 16 or 32 bytes as they are (a raw key may well end in a byte that looks
 * like whitespace, so nothing is cut from it).
 */
static int key_parse(const uint8_t *buf, size_t n, uint8_t *key, size_t *len)
{
	size_t i, t = n;

	while (t > 0 && isspace(buf[t - 1]))
		t--;
	if ((t == 32 || t == 64) && all_hex(buf, t)) {
		for (i = 0; i < t / 2; i++)
			key[i] = (unsigned int)hexval(buf[2 * i]) << 4 |
				 (unsigned int)hexval(buf[2 * i + 1]);
		*len = t / 2;
		return 0;
	}
	if (n == 16 || n == 32) {
		memcpy(key, buf, n);
		*len = n;
		return 0;
	}
	return -1;
}

static void warn_perms(int fd, const char *path)
{
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0077))
		fprintf(stderr,
			"Warning: key file \"%s\" is accessible by group or others (mode %03o).\n",
			path, st.st_mode & 0777);
}

static ssize_t read_all(int fd, uint8_t *buf, size_t size)
{
	size_t got = 0;
	ssize_t n;

	while (got < size) {
		n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += n;
	}
	return got;
}

/**
 * keyfile_read() - read a key
 * @path: a file, or "-" for standard input
 * @key:  the key
 * @len:  its length (16 or 32)
 *
 * Return: 0, or -1 with a message printed.
 */
int keyfile_read(const char *path, uint8_t key[SLSEC_KEY_MAX], size_t *len)
{
	uint8_t buf[MAX_FILE + 1];
	int fd, ret = -1;
	ssize_t n;

	if (!strcmp(path, "-") && stdin_free("a key"))
		return -1;
	fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	if (fd < 0) {
		fprintf(stderr, "Error: cannot open key file \"%s\": %s.\n", path,
			strerror(errno));
		return -1;
	}
	warn_perms(fd, path);
	n = read_all(fd, buf, sizeof(buf));
	if (fd != STDIN_FILENO)
		(void)close(fd);	/* read-only: nothing is lost */
	if (n < 0) {
		fprintf(stderr, "Error: cannot read key file \"%s\": %s.\n", path,
			strerror(errno));
	} else {
		ret = n <= MAX_FILE ? key_parse(buf, n, key, len) : -1;
		if (ret)
			fprintf(stderr,
				"Error: key file \"%s\" holds no key: it needs exactly 16 or 32 raw bytes, or 32 or 64 hex digits.\n",
				path);
	}
	explicit_bzero(buf, sizeof(buf));
	return ret;
}
