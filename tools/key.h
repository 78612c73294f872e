/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_KEY_H
#define SLSEC_KEY_H

#include "cmd.h"

extern const struct slsec_object key_object;

#endif
