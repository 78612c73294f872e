/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_BUNDLE_H
#define SLSEC_BUNDLE_H

int do_bundle(int argc, char **argv);

#endif
