/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_MONITOR_H
#define SLSEC_MONITOR_H

int do_monitor(int argc, char **argv);

#endif
