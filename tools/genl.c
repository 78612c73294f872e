// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink plumbing: open a socket with extended acks and strict
 * checking, resolve the "slsec" family, send one request and read until
 * its ack or the end of its dump, printing the kernel's extack text on
 * errors the way iproute2 does ("Error: <msg>.").  A process opens one
 * socket (slsec_nl_shared()) and every command of a batch reuses it.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/slsec.h>

#include "genl.h"
#include "utils.h"

static int slsec_nl_setopt(struct slsec_nl *h, int opt)
{
	int one = 1;

	return mnl_socket_setsockopt(h->sock, opt, &one, sizeof(one));
}

/* One of CTRL_ATTR_MCAST_GROUPS: remember the events group's id. */
static int mcgrp_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	unsigned int t = mnl_attr_get_type(attr);

	if (t == CTRL_ATTR_MCAST_GRP_NAME || t == CTRL_ATTR_MCAST_GRP_ID)
		tb[t] = attr;
	return MNL_CB_OK;
}

static int mcgrps_cb(const struct nlattr *grp, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { 0 };
	struct slsec_nl *h = data;

	if (mnl_attr_parse_nested(grp, mcgrp_attr_cb, tb) < 0)
		return MNL_CB_OK;
	if (tb[CTRL_ATTR_MCAST_GRP_NAME] && tb[CTRL_ATTR_MCAST_GRP_ID] &&
	    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_NAME], MNL_TYPE_NUL_STRING) >= 0 &&
	    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_ID], MNL_TYPE_U32) >= 0 &&
	    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
		    SLSEC_MCGRP_EVENTS))
		h->events_group = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	return MNL_CB_OK;
}

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	struct slsec_nl *h = data;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) < 0)
			return MNL_CB_ERROR;
		h->family = mnl_attr_get_u16(attr);
		break;
	case CTRL_ATTR_VERSION:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			return MNL_CB_ERROR;
		h->version = mnl_attr_get_u32(attr);
		break;
	case CTRL_ATTR_MCAST_GROUPS:
		if (mnl_attr_parse_nested(attr, mcgrps_cb, h) < 0)
			return MNL_CB_ERROR;
		break;
	}
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, GENL_HDRLEN, family_attr_cb, data);
}

static int slsec_nl_resolve(struct slsec_nl *h)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, SLSEC_GENL_NAME);
	return slsec_nl_talk(h, nlh, family_cb, h);
}

/**
 * slsec_nl_open() - open a socket and resolve the slsec family
 * @h: handle to fill
 *
 * Return: 0, -ENOENT when the module is not loaded, or another -errno.
 */
int slsec_nl_open(struct slsec_nl *h)
{
	int err;

	memset(h, 0, sizeof(*h));
	h->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!h->sock)
		return -errno;
	if (mnl_socket_bind(h->sock, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    slsec_nl_setopt(h, NETLINK_EXT_ACK) < 0 ||
	    slsec_nl_setopt(h, NETLINK_GET_STRICT_CHK) < 0) {
		err = -errno;
		slsec_nl_close(h);
		return err;
	}
	h->portid = mnl_socket_get_portid(h->sock);
	h->seq = (uint32_t)time(NULL);
	err = slsec_nl_resolve(h);
	if (err) {
		slsec_nl_close(h);
		return err;
	}
	return 0;
}

void slsec_nl_close(struct slsec_nl *h)
{
	if (h->sock)
		(void)mnl_socket_close(h->sock);
	h->sock = NULL;
}

struct nlmsghdr *slsec_nl_msg(struct slsec_nl *h, void *buf, uint8_t cmd,
			      uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = h->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = SLSEC_GENL_VERSION;
	return nlh;
}

/* The extack TLVs of an error (@off: where they start in the payload). */
static void extack_parse(struct slsec_nl *h, const struct nlmsghdr *nlh,
			 unsigned int off)
{
	const struct nlattr *a;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	mnl_attr_for_each(a, nlh, off) {
		if (mnl_attr_get_type(a) != NLMSGERR_ATTR_MSG ||
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
			continue;
		snprintf(h->errmsg, sizeof(h->errmsg), "%s",
			 mnl_attr_get_str(a));
	}
}

struct talk_ctx {
	struct slsec_nl *h;
	mnl_cb_t cb;
	void *data;
	bool done;	/* the ack, the error or the end of the dump came */
};

static int talk_data_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct talk_ctx *t = arg;

	return t->cb ? t->cb(nlh, t->data) : MNL_CB_OK;
}

static int talk_error_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct talk_ctx *t = arg;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	t->done = true;
	if (!e->error)
		return MNL_CB_STOP;
	extack_parse(t->h, nlh, sizeof(*e) +
		     ((nlh->nlmsg_flags & NLM_F_CAPPED) ? 0 :
		      e->msg.nlmsg_len - sizeof(e->msg)));
	errno = -e->error;
	return MNL_CB_ERROR;
}

/* End of a dump: carries an error code when the dump failed. */
static int talk_done_cb(const struct nlmsghdr *nlh, void *arg)
{
	const int *err = mnl_nlmsg_get_payload(nlh);
	struct talk_ctx *t = arg;

	t->done = true;
	if (nlh->nlmsg_len >= mnl_nlmsg_size(sizeof(*err)) && *err < 0) {
		extack_parse(t->h, nlh, sizeof(*err));
		errno = -*err;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

static int talk_noop_cb(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	(void)arg;
	return MNL_CB_OK;
}

/*
 * What an earlier request left unread (its reader stopped early): read
 * and dropped, so that the next request sees only its own replies.  Each
 * read lets the kernel queue the rest of an unfinished dump.
 */
static void slsec_nl_drain(struct slsec_nl *h)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];

	while (recv(mnl_socket_get_fd(h->sock), buf, sizeof(buf),
		    MSG_DONTWAIT) > 0)
		;
	h->stale = false;
}

/**
 * slsec_nl_talk() - send a request and process replies until done
 * @h:    handle
 * @nlh:  request (NLM_F_ACK is added)
 * @cb:   called for each reply message, may be NULL
 * @data: passed to @cb
 *
 * Return: 0 or -errno; h->errmsg holds the kernel's extack text.
 */
int slsec_nl_talk(struct slsec_nl *h, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data)
{
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_NOOP] = talk_noop_cb,
		[NLMSG_ERROR] = talk_error_cb,
		[NLMSG_DONE] = talk_done_cb,
		[NLMSG_OVERRUN] = talk_noop_cb,
	};
	struct talk_ctx t = { .h = h, .cb = cb, .data = data };
	char buf[MNL_SOCKET_BUFFER_SIZE];
	uint32_t seq = ++h->seq;
	ssize_t n;
	int ret;

	if (h->stale)
		slsec_nl_drain(h);
	h->errmsg[0] = '\0';
	nlh->nlmsg_flags |= NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	if (mnl_socket_sendto(h->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	h->stale = true;
	do {
		n = mnl_socket_recvfrom(h->sock, buf, sizeof(buf));
		if (n < 0)
			return -errno;
		ret = mnl_cb_run2(buf, n, seq, h->portid, talk_data_cb, &t,
				  ctl, NLMSG_MIN_TYPE);
	} while (ret > 0);
	h->stale = !t.done;
	return ret < 0 ? -errno : 0;
}

/**
 * slsec_nl_error() - report a failed request like iproute2 does
 * @h:    handle, holding the extack text if the kernel sent one
 * @err:  negative errno from slsec_nl_talk()
 * @what: what was being done, for errors without extack text
 *
 * Return: EXIT_KERNEL.
 */
int slsec_nl_error(const struct slsec_nl *h, int err, const char *what)
{
	if (h->errmsg[0])
		fprintf(stderr, "Error: %s.\n", h->errmsg);
	else
		fprintf(stderr, "Error: %s: %s.\n", what, strerror(-err));
	return EXIT_KERNEL;
}

static struct slsec_nl shared;

/**
 * slsec_nl_shared() - the process's socket, opened on first use
 * @hp: set to it
 *
 * One command or a whole batch: every request goes through this socket.
 * Return: 0, or EXIT_KERNEL after saying why it cannot be opened.
 */
int slsec_nl_shared(struct slsec_nl **hp)
{
	int err;

	*hp = &shared;
	if (shared.sock)
		return 0;
	err = slsec_nl_open(&shared);
	if (!err)
		return 0;
	if (err == -ENOENT)
		fprintf(stderr,
			"Error: slsec module not loaded (no generic netlink family \"%s\"); try \"modprobe slsec\".\n",
			SLSEC_GENL_NAME);
	else
		fprintf(stderr, "Error: cannot talk to the slsec module: %s.\n",
			strerror(-err));
	return EXIT_KERNEL;
}

void slsec_nl_shared_close(void)
{
	slsec_nl_close(&shared);
}
