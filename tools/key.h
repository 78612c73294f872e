/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_KEY_H
#define SLSEC_KEY_H

int do_key(int argc, char **argv);
int key_show(int argc, char **argv);

#endif
