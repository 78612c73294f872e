/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_MAIN_H
#define _SLSEC_MAIN_H

#define SLSEC_VERSION "0.1.0"

extern unsigned int slsec_ipproto;

#endif /* _SLSEC_MAIN_H */
