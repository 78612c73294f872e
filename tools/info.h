/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_INFO_H
#define SLSEC_INFO_H

int do_version(void);
int do_info(int argc, char **argv);
int info_show_keks(void);

#endif
