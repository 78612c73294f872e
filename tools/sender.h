/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_SENDER_H
#define SLSEC_SENDER_H

#include "cmd.h"

extern const struct slsec_object sender_object;

#endif
