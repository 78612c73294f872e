// SPDX-License-Identifier: GPL-2.0
/*
 * What the fuzzer checks around each request: the namespace's state as
 * the dumps show it (groups, keys, KEKs and the require-sealed switch, in
 * a canonical order, without the attributes that change with time or
 * count refusals), every reply and event scanned for key material it
 * ever sent, and the violations found, printed with the request.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/slsec.h>

#include "fuzz.h"

/* Attributes a snapshot leaves out: clocks, and counters of refusals. */
static bool volatile_attr(uint16_t type)
{
	switch (type) {
	case SLSEC_A_KEY_AGE:
	case SLSEC_A_KEY_ACTIVE_FOR:
	case SLSEC_A_KEY_RETIRE_IN:
	case SLSEC_A_BUNDLE_STATS:
		return true;
	}
	return false;
}

struct snap {
	struct fz *f;
	char **msgs;
	size_t *lens;
	size_t n, cap;
};

/* One reply, in canonical form: its lasting attributes, in order. */
static int snap_cb(const struct nlmsghdr *nlh, void *data)
{
	struct snap *s = data;
	const struct nlattr *a;
	size_t len = 0;
	char *p;

	fz_scan(s->f, nlh, nlh->nlmsg_len, "dump");
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->msgs = realloc(s->msgs, s->cap * sizeof(*s->msgs));
		s->lens = realloc(s->lens, s->cap * sizeof(*s->lens));
		if (!s->msgs || !s->lens)
			return MNL_CB_ERROR;
	}
	p = malloc(nlh->nlmsg_len);
	if (!p)
		return MNL_CB_ERROR;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (volatile_attr(mnl_attr_get_type(a)))
			continue;
		memcpy(p + len, a, a->nla_len);
		len += a->nla_len;
	}
	s->msgs[s->n] = p;
	s->lens[s->n++] = len;
	return MNL_CB_OK;
}

static int snap_get(struct fz *f, struct snap *s, uint8_t cmd, uint16_t flags)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];

	return slsec_nl_talk(&f->nl, slsec_nl_msg(&f->nl, buf, cmd, flags),
			     snap_cb, s);
}

static int cmp_msg(const void *x, const void *y, void *arg)
{
	const struct snap *s = arg;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	size_t n = s->lens[i] < s->lens[j] ? s->lens[i] : s->lens[j];
	int c = memcmp(s->msgs[i], s->msgs[j], n);

	if (c)
		return c;
	return s->lens[i] < s->lens[j] ? -1 : s->lens[i] > s->lens[j];
}

/**
 * fz_state() - the namespace's slsec state, canonical
 * @f:   the fuzzer
 * @out: a malloc'd buffer, the caller frees it
 * @len: its length
 *
 * Dump order may change when a table resizes: the replies are sorted.
 * Return: 0 or the -errno of a dump.
 */
int fz_state(struct fz *f, char **out, size_t *len)
{
	struct snap s = { .f = f };
	size_t i, *order = NULL, total = 0;
	int err;

	err = snap_get(f, &s, SLSEC_CMD_GROUP_GET, NLM_F_DUMP);
	if (!err)
		err = snap_get(f, &s, SLSEC_CMD_KEY_GET, NLM_F_DUMP);
	if (!err)
		err = snap_get(f, &s, SLSEC_CMD_INFO_GET, 0);
	if (!err) {
		order = malloc((s.n + 1) * sizeof(*order));
		for (i = 0; order && i < s.n; i++) {
			order[i] = i;
			total += s.lens[i] + sizeof(size_t);
		}
		*out = order ? malloc(total + 1) : NULL;
		if (!*out)
			err = -ENOMEM;
	}
	if (!err) {
		qsort_r(order, s.n, sizeof(*order), cmp_msg, &s);
		*len = 0;
		for (i = 0; i < s.n; i++) {
			memcpy(*out + *len, &s.lens[order[i]], sizeof(size_t));
			memcpy(*out + *len + sizeof(size_t), s.msgs[order[i]],
			       s.lens[order[i]]);
			*len += sizeof(size_t) + s.lens[order[i]];
		}
	}
	for (i = 0; i < s.n; i++)
		free(s.msgs[i]);
	free(s.msgs);
	free(s.lens);
	free(order);
	return err;
}

static int reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct fz *f = data;

	f->st.replies++;
	fz_scan(f, nlh, nlh->nlmsg_len, "reply");
	return MNL_CB_OK;
}

/* Send the encoded request at @buf: 0 or -errno, f->nl.errmsg set. */
int fz_send(struct fz *f, void *buf)
{
	int err = slsec_nl_talk(&f->nl, buf, reply_cb, f);

	f->st.sent++;
	if (f->nl.errmsg[0])
		fz_scan(f, f->nl.errmsg, strlen(f->nl.errmsg), "extack");
	return err;
}

/**
 * fz_scan() - a reply must not carry any key this fuzzer sent
 * @f:     the fuzzer
 * @p:     the bytes
 * @len:   how many
 * @where: what they were, for the report
 *
 * Any 8 consecutive bytes of a key count.
 */
void fz_scan(struct fz *f, const void *p, size_t len, const char *where)
{
	unsigned int i, n = f->nkeys < FZ_MAX_KEYS ? f->nkeys : FZ_MAX_KEYS;
	unsigned int off;

	/* cppcheck-suppress knownConditionTrueFalse ; nkeys grows at run time */
	for (i = 0; i < n; i++) {
		for (off = 0; off + 8 <= 16; off += 8) {
			if (!memmem(p, len, f->keys[i] + off, 8))
				continue;
			f->st.leaked++;
			if (f->reported++ < 5)
				printf("# %s: key bytes in a %s\n", f->name, where);
			return;
		}
	}
}

/* Read and scan whatever events arrived (the socket does not block). */
void fz_events_drain(struct fz *f)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	ssize_t n;

	if (!f->events)
		return;
	while ((n = mnl_socket_recvfrom(f->events, buf, sizeof(buf))) > 0) {
		const struct nlmsghdr *nlh = (const void *)buf;
		int left = (int)n;

		while (mnl_nlmsg_ok(nlh, left)) {
			f->st.events++;
			nlh = mnl_nlmsg_next(nlh, &left);
		}
		fz_scan(f, buf, (size_t)n, "event");
	}
}

/**
 * fz_violation() - report a broken promise (the first few in full)
 * @f:    the fuzzer
 * @what: which promise
 * @m:    the request
 * @err:  what the kernel answered
 */
void fz_violation(struct fz *f, const char *what, const struct fz_msg *m,
		  int err)
{
	unsigned int i;

	if (f->reported++ >= 5)
		return;
	printf("# %s: %s: cmd %u flags %#x version %u%s errno %d extack '%s' attrs",
	       f->name, what, m->cmd, m->flags, m->version,
	       m->short_hdr ? " (short header)" : "", -err, f->nl.errmsg);
	for (i = 0; i < m->n; i++)
		printf(" %u/%u%+d", m->a[i].type, m->a[i].len, m->a[i].len_lie);
	printf("\n");
}

/* What normalizing needs of a group or key reply. */
struct obj {
	uint32_t ifindex, grace, key_id, state;
	uint8_t addr[16];
	uint16_t addr_type;
	uint64_t activate_at, min_time;
	bool has_grace, has_key, has_at;
};

static int lt_cb(const struct nlattr *a, void *data)
{
	struct obj *o = data;
	unsigned int t = mnl_attr_get_type(a);

	if ((t == SLSEC_A_LT_SOFT_TIME || t == SLSEC_A_LT_HARD_TIME) &&
	    mnl_attr_validate(a, MNL_TYPE_U64) >= 0 && mnl_attr_get_u64(a) &&
	    mnl_attr_get_u64(a) < o->min_time)
		o->min_time = mnl_attr_get_u64(a);
	return MNL_CB_OK;
}

static int obj_attr_cb(const struct nlattr *a, void *data)
{
	struct obj *o = data;
	uint16_t t = mnl_attr_get_type(a);

	switch (t) {
	case SLSEC_A_IFINDEX:
		o->ifindex = mnl_attr_get_u32(a);
		break;
	case SLSEC_A_ADDR4:
	case SLSEC_A_ADDR6:
		o->addr_type = t;
		memcpy(o->addr, mnl_attr_get_payload(a),
		       t == SLSEC_A_ADDR4 ? 4 : 16);
		break;
	case SLSEC_A_GRACE:
		o->grace = mnl_attr_get_u32(a);
		o->has_grace = true;
		break;
	case SLSEC_A_KEY_ID:
		o->key_id = mnl_attr_get_u32(a);
		o->has_key = true;
		break;
	case SLSEC_A_KEY_STATE:
		o->state = mnl_attr_get_u8(a);
		break;
	case SLSEC_A_ACTIVATE_AT:
		o->activate_at = mnl_attr_get_u64(a);
		o->has_at = true;
		break;
	case SLSEC_A_LIFETIME:
		mnl_attr_parse_nested(a, lt_cb, o);
		break;
	}
	return MNL_CB_OK;
}

struct norm {
	struct obj o[64];
	unsigned int n;
};

static int norm_cb(const struct nlmsghdr *nlh, void *data)
{
	struct norm *s = data;
	struct obj *o = &s->o[s->n];

	if (s->n == sizeof(s->o) / sizeof(s->o[0]))
		return MNL_CB_OK;
	memset(o, 0, sizeof(*o));
	o->min_time = UINT64_MAX;
	mnl_attr_parse(nlh, GENL_HDRLEN, obj_attr_cb, o);
	if (o->addr_type)
		s->n++;
	return MNL_CB_OK;
}

static int obj_cmd(struct fz *f, const struct obj *o, uint8_t cmd)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = slsec_nl_msg(&f->nl, buf, cmd, 0);

	mnl_attr_put_u32(nlh, SLSEC_A_IFINDEX, o->ifindex);
	mnl_attr_put(nlh, o->addr_type, o->addr_type == SLSEC_A_ADDR4 ? 4 : 16,
		     o->addr);
	if (cmd == SLSEC_CMD_GROUP_SET) {
		mnl_attr_put_u32(nlh, SLSEC_A_GRACE, FZ_FAR_MS);
	} else {
		mnl_attr_put_u32(nlh, SLSEC_A_KEY_ID, o->key_id);
		mnl_attr_put(nlh, SLSEC_A_FORCE, 0, NULL);
	}
	return slsec_nl_talk(&f->nl, nlh, NULL, NULL);
}

/**
 * fz_normalize() - keep time from changing the state between snapshots
 * @f: the fuzzer
 *
 * After an accepted request: a group's grace goes back to a day (keys it
 * replaces then retire a day later), and a key that would activate or
 * expire within a day is deleted.
 * Return: 0 or the -errno of a request.
 */
int fz_normalize(struct fz *f)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct timespec ts;
	struct norm s = { .n = 0 };
	uint64_t now;
	unsigned int i;
	int err;

	clock_gettime(CLOCK_REALTIME, &ts);
	now = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	err = slsec_nl_talk(&f->nl, slsec_nl_msg(&f->nl, buf, SLSEC_CMD_GROUP_GET,
						 NLM_F_DUMP), norm_cb, &s);
	for (i = 0; !err && i < s.n; i++)
		if (s.o[i].has_grace && s.o[i].grace != FZ_FAR_MS)
			err = obj_cmd(f, &s.o[i], SLSEC_CMD_GROUP_SET);
	s.n = 0;
	if (!err)
		err = slsec_nl_talk(&f->nl, slsec_nl_msg(&f->nl, buf,
							 SLSEC_CMD_KEY_GET,
							 NLM_F_DUMP), norm_cb, &s);
	for (i = 0; !err && i < s.n; i++) {
		const struct obj *o = &s.o[i];
		bool soon = o->has_at && o->state == SLSEC_KEY_PENDING &&
			    o->activate_at > now &&
			    o->activate_at - now < FZ_FAR_MS * 1000000ULL;

		if (o->has_key && (soon || o->min_time < FZ_FAR_MS))
			err = obj_cmd(f, o, SLSEC_CMD_KEY_DEL);
	}
	return err;
}
