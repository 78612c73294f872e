/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_KEK_H
#define SLSEC_KEK_H

int do_kek(int argc, char **argv);
int do_config(int argc, char **argv);

#endif
