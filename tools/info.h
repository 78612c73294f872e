/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_INFO_H
#define SLSEC_INFO_H

#include "cmd.h"

extern const struct slsec_object info_object;
int do_version(void);

#endif
