/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_BATCH_H
#define SLSEC_BATCH_H

#include <stdbool.h>

typedef int (*batch_fn)(int argc, char **argv);

int slsec_batch(const char *name, bool force, batch_fn run);

#endif
