/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_SEND_H
#define _SLSEC_SEND_H

struct nf_hook_state;
struct sk_buff;
struct slsec_group;
struct slsec_ip;

unsigned int slsec_send(struct slsec_group *g, struct sk_buff *skb,
			const struct nf_hook_state *state,
			const struct slsec_ip *ip);

#endif /* _SLSEC_SEND_H */
