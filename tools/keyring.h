/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_KEYRING_H
#define SLSEC_KEYRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A kernel keyring key named on the command line. */
struct keyring_ref {
	uint32_t type;		/* enum slsec_keyring_type, 0: none given */
	char desc[4096];
};

int keyring_parse_desc(const char *arg, struct keyring_ref *ref);
int keyring_parse_serial(const char *arg, struct keyring_ref *ref);
int keysource_parse(const char *word, const char *val, const char **keyfile,
		    struct keyring_ref *ref, bool *done);

#endif
