// SPDX-License-Identifier: GPL-2.0
/*
 * Keyring keys for "key add ... keyring [logon:|encrypted:]DESC" and
 * "keyid SERIAL".  The tool never reads the key: it names it, and the
 * kernel looks it up in the caller's keyrings (a serial is turned into
 * its type and description with KEYCTL_DESCRIBE, which needs only view
 * permission).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/keyctl.h>
#include <linux/slsec.h>

#include "keyring.h"
#include "utils.h"

static const struct {
	const char *name;
	uint32_t type;
} types[] = {
	{ "logon", SLSEC_KEYRING_LOGON },
	{ "encrypted", SLSEC_KEYRING_ENCRYPTED },
};

/* "logon" or "encrypted" as enum slsec_keyring_type; 0 for others. */
static uint32_t type_by_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i].name) == len && !strncmp(name, types[i].name, len))
			return types[i].type;
	return 0;
}

static int set_desc(struct keyring_ref *ref, const char *desc)
{
	size_t len = strlen(desc);

	if (!len || len >= sizeof(ref->desc))
		return invarg("a key description of 1 to 4095 characters is needed",
			      desc);
	memcpy(ref->desc, desc, len + 1);
	return 0;
}

/* "[logon:|encrypted:]DESC": logon unless the prefix says otherwise. */
int keyring_parse_desc(const char *arg, struct keyring_ref *ref)
{
	const char *colon = strchr(arg, ':');
	uint32_t t = colon ? type_by_name(arg, (size_t)(colon - arg)) : 0;

	ref->type = t ?: SLSEC_KEYRING_LOGON;
	return set_desc(ref, t ? colon + 1 : arg);
}

/* A key serial (as keyctl prints it): its type and description. */
int keyring_parse_serial(const char *arg, struct keyring_ref *ref)
{
	char buf[4096 + 64], *p;
	long serial, n;
	int i;

	if (parse_u32(arg, "key serial", INT32_MAX, &(uint32_t){ 0 }))
		return EXIT_SYNTAX;
	serial = strtol(arg, NULL, 0);
	n = syscall(SYS_keyctl, KEYCTL_DESCRIBE, serial, buf, sizeof(buf) - 1);
	if (n < 0) {
		fprintf(stderr, "Error: cannot describe key %s: %s.\n", arg,
			strerror(errno));
		return EXIT_KERNEL;
	}
	buf[n < (long)sizeof(buf) ? n : (long)sizeof(buf) - 1] = '\0';
	/* "type;uid;gid;perm;description" */
	p = strchr(buf, ';');
	ref->type = p ? type_by_name(buf, (size_t)(p - buf)) : 0;
	if (!ref->type) {
		fprintf(stderr, "Error: key %s is not a \"logon\" or \"encrypted\" key; slsec takes no other kind (a \"user\" key can be read back by userspace).\n",
			arg);
		return EXIT_SYNTAX;
	}
	for (i = 0; i < 3 && p; i++)
		p = strchr(p + 1, ';');
	if (!p)
		return invarg("unexpected key description", buf);
	return set_desc(ref, p + 1);
}

/**
 * keysource_parse() - "keyfile PATH", "keyring DESC" or "keyid SERIAL"
 * @word:    the keyword
 * @val:     its value
 * @keyfile: set for keyfile
 * @ref:     set for keyring and keyid
 * @done:    set if @word was one of them
 *
 * Return: 0 or an exit code after printing why.
 */
int keysource_parse(const char *word, const char *val, const char **keyfile,
		    struct keyring_ref *ref, bool *done)
{
	*done = true;
	if (!strcmp(word, "keyfile")) {
		*keyfile = val;
		return 0;
	}
	if (!strcmp(word, "keyring"))
		return keyring_parse_desc(val, ref);
	if (!strcmp(word, "keyid"))
		return keyring_parse_serial(val, ref);
	*done = false;
	return 0;
}
