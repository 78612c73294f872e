/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_MONITOR_H
#define SLSEC_MONITOR_H

#include "cmd.h"

extern const struct slsec_object monitor_object;

#endif
