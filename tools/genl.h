/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_GENL_H
#define SLSEC_GENL_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

/* A generic netlink socket bound to the slsec family. */
struct slsec_nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t version;	/* family version the kernel reports */
	uint32_t events_group;	/* multicast group id of events, or 0 */
	uint32_t seq;
	unsigned int portid;
	bool stale;		/* a reply left unread: drain before sending */
	char errmsg[256];	/* extack text of the last error, if any */
};

int slsec_nl_open(struct slsec_nl *h);
void slsec_nl_close(struct slsec_nl *h);
struct nlmsghdr *slsec_nl_msg(struct slsec_nl *h, void *buf, uint8_t cmd,
			      uint16_t flags);
int slsec_nl_talk(struct slsec_nl *h, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data);
int slsec_nl_error(const struct slsec_nl *h, int err, const char *what);
int slsec_nl_shared(struct slsec_nl **hp);
void slsec_nl_shared_close(void);

#endif
