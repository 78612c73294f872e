/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_BUNDLE_H
#define SLSEC_BUNDLE_H

#include "cmd.h"

extern const struct slsec_object bundle_object;

#endif
