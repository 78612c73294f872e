/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_CONFIG_H
#define SLSEC_CONFIG_H

#include "cmd.h"

extern const struct slsec_object config_object;

#endif
