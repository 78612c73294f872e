/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_KEYFILE_H
#define SLSEC_KEYFILE_H

#include <stddef.h>
#include <stdint.h>

#define SLSEC_KEY_MAX 32

int keyfile_read(const char *path, uint8_t key[SLSEC_KEY_MAX], size_t *len);

#endif
