/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_SENDER_H
#define SLSEC_SENDER_H

int do_sender(int argc, char **argv);

#endif
