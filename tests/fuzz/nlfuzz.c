// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: a seeded, bounded fuzzer for slsec's generic netlink family.
 *
 * Several processes fuzz at once, each in a context of its own:
 *   netns-N    root in a network namespace of its own
 *   userns     an unprivileged user that made a user and a network
 *              namespace: CAP_NET_ADMIN there, so requests are served
 *   nobody     an unprivileged user in a namespace that root filled
 *   guest      an unprivileged user in a user namespace of its own, in a
 *              network namespace that belongs to root
 * A served context first sends every command with every attribute type
 * added and with each of its attributes missing, then random and
 * mutated requests (msg.c).  It asserts, per request: a refusal carries
 * an extack message (unless the genetlink core refused it before slsec
 * saw it), the state the dumps show is unchanged by a refusal (state.c),
 * and no reply, extack text or event carries key material it sent.  The
 * two unserved contexts must see every request refused with EPERM and
 * leave root's state as it was.
 *
 * Usage: nlfuzz [-s SEED] [-n ITERATIONS] [-t SECONDS] [-p PROCESSES]
 * Prints "ok - ..." / "not ok - ..." lines, one per context.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/slsec.h>

#include "fuzz.h"

#define NOBODY	65534
/* A context's exit code when its report lists violations. */
#define FZ_EXIT_FOUND	3

struct opts {
	uint64_t seed;
	unsigned long iters;
	unsigned int seconds, procs;
};

static char reqbuf[1 << 17];

static bool is_query(uint8_t cmd)
{
	return cmd == SLSEC_CMD_INFO_GET || cmd == SLSEC_CMD_GROUP_GET ||
	       cmd == SLSEC_CMD_KEY_GET || cmd == SLSEC_CMD_SENDER_GET;
}

/*
 * Refused by the genetlink core before slsec's handlers ran, which in
 * 6.1 gives no extack text: no such command (or no doit/dumpit for the
 * request), no permission, a message too short for its genl header.
 */
static bool core_refusal(const struct fz_msg *m, int err)
{
	return err == -EOPNOTSUPP || err == -EPERM ||
	       (m->short_hdr && err == -EINVAL);
}

static int fz_open(struct fz *f, const char *name, uint64_t seed,
		   bool privileged)
{
	int one = 1, err;

	memset(f, 0, sizeof(*f));
	f->name = name;
	f->rng = seed * 0x9E3779B97F4A7C15ULL + 1;
	f->privileged = privileged;
	err = slsec_nl_open(&f->nl);
	if (err)
		return err;
	/* Acks must not echo requests: those carry the keys sent. */
	if (mnl_socket_setsockopt(f->nl.sock, NETLINK_CAP_ACK, &one,
				  sizeof(one)) < 0)
		return -errno;
	f->events = mnl_socket_open(NETLINK_GENERIC);
	if (!f->events || mnl_socket_bind(f->events, 0, MNL_SOCKET_AUTOPID) < 0)
		return -errno;
	if (mnl_socket_setsockopt(f->events, NETLINK_ADD_MEMBERSHIP,
				  &f->nl.events_group,
				  sizeof(f->nl.events_group)) < 0) {
		/* Joining needs CAP_NET_ADMIN: refused is the right answer. */
		if (privileged)
			return -errno;
		(void)mnl_socket_close(f->events);
		f->events = NULL;
		return 0;
	}
	return fcntl(mnl_socket_get_fd(f->events), F_SETFL, O_NONBLOCK) < 0 ?
	       -errno : 0;
}

static void fz_close(struct fz *f)
{
	if (f->events)
		(void)mnl_socket_close(f->events);
	f->events = NULL;
	slsec_nl_close(&f->nl);
}

/* One request, checked; @base is the state before it, updated. */
static void check_one(struct fz *f, struct fz_msg *m, char **base,
		      size_t *blen)
{
	char *now = NULL;
	size_t nlen = 0;
	int err;

	fz_msg_encode(f, m, reqbuf, sizeof(reqbuf));
	err = fz_send(f, reqbuf);
	if (err) {
		f->st.refused++;
		if (core_refusal(m, err)) {
			f->st.core++;
		} else if (!f->nl.errmsg[0]) {
			f->st.no_extack++;
			fz_violation(f, "refused without a reason", m, err);
		}
	} else {
		f->st.accepted++;
		if (!is_query(m->cmd) && fz_normalize(f))
			fz_violation(f, "normalizing failed", m, 0);
	}
	if (fz_state(f, &now, &nlen)) {
		fz_violation(f, "state dump failed", m, err);
		return;
	}
	if ((err || is_query(m->cmd)) &&
	    (nlen != *blen || memcmp(now, *base, nlen))) {
		f->st.changed++;
		fz_violation(f, err ? "a refused request changed the state" :
			     "a query changed the state", m, err);
	}
	free(*base);
	*base = now;
	*blen = nlen;
	fz_events_drain(f);
}

/* Every command, with every attribute type added, and each missing. */
static void systematic(struct fz *f, char **base, size_t *blen)
{
	struct fz_msg m;
	unsigned int cmd, t, i, n;

	for (cmd = 0; cmd <= SLSEC_CMD_MAX + 2; cmd++) {
		for (t = 0; t <= SLSEC_A_MAX + 2; t++) {
			memset(&m, 0, sizeof(m));
			fz_msg_template(f, &m, (uint8_t)cmd);
			fz_msg_add(f, &m, (uint16_t)t);
			check_one(f, &m, base, blen);
			fz_msg_free(&m);
		}
		memset(&m, 0, sizeof(m));
		fz_msg_template(f, &m, (uint8_t)cmd);
		n = m.n;
		fz_msg_free(&m);
		for (i = 0; i < n; i++) {
			memset(&m, 0, sizeof(m));
			fz_msg_template(f, &m, (uint8_t)cmd);
			if (i < m.n)
				fz_msg_drop(&m, i);
			check_one(f, &m, base, blen);
			fz_msg_free(&m);
		}
	}
}

static void fuzz(struct fz *f, const struct opts *o, bool sweep)
{
	time_t end = time(NULL) + o->seconds;
	char *base = NULL;
	size_t blen = 0;
	struct fz_msg m;
	unsigned long i;

	if (fz_state(f, &base, &blen)) {
		f->st.changed++;
		printf("# %s: cannot dump the state\n", f->name);
		return;
	}
	if (sweep)
		systematic(f, &base, &blen);
	for (i = 0; i < o->iters && time(NULL) < end; i++) {
		memset(&m, 0, sizeof(m));
		fz_msg_template(f, &m, (uint8_t)fz_below(f, SLSEC_CMD_MAX + 3));
		fz_msg_mutate(f, &m);
		check_one(f, &m, &base, &blen);
		fz_msg_free(&m);
	}
	free(base);
}

static int report(const struct fz *f, uint64_t seed)
{
	const struct fz_stats *s = &f->st;
	bool ok = !s->no_extack && !s->changed && !s->leaked && s->sent;

	printf("%sok - %s (seed %llu): %lu requests, %lu served, %lu refused "
	       "(%lu by the genl core), %lu replies and %lu events scanned; "
	       "unexplained refusals %lu, state changes %lu, key leaks %lu\n",
	       ok ? "" : "not ", f->name, (unsigned long long)seed, s->sent,
	       s->accepted, s->refused, s->core, s->replies, s->events,
	       s->no_extack, s->changed, s->leaked);
	return ok ? 0 : FZ_EXIT_FOUND;
}

/* An unserved context: everything refused with EPERM. */
static int unserved(const char *name, uint64_t seed, const struct opts *o)
{
	struct fz f;
	int err = fz_open(&f, name, seed, false);
	time_t end = time(NULL) + o->seconds;
	struct fz_msg m;
	unsigned long i;

	if (err) {
		printf("not ok - %s: cannot open a socket: %s\n", name,
		       strerror(-err));
		return FZ_EXIT_FOUND;
	}
	for (i = 0; i < o->iters && time(NULL) < end; i++) {
		memset(&m, 0, sizeof(m));
		fz_msg_template(&f, &m, (uint8_t)fz_below(&f, SLSEC_CMD_MAX + 3));
		fz_msg_mutate(&f, &m);
		fz_msg_encode(&f, &m, reqbuf, sizeof(reqbuf));
		err = fz_send(&f, reqbuf);
		if (err)
			f.st.refused++;
		if (err != -EPERM && !(m.short_hdr && err == -EINVAL) &&
		    err != -EOPNOTSUPP) {
			f.st.no_extack++;
			fz_violation(&f, "served, or not refused with EPERM", &m, err);
		}
		fz_msg_free(&m);
	}
	if (f.events) {
		f.st.no_extack++;
		printf("# %s: joined the events group\n", name);
	}
	fz_close(&f);
	return report(&f, seed);
}

static int drop_privileges(void)
{
	return setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	       setresuid(NOBODY, NOBODY, NOBODY) ? -errno : 0;
}

/* Enter a context: @kind's namespaces and credentials.  0 or -errno. */
static int enter(char kind)
{
	int err = 0;

	if (kind != 'n')	/* every other context is nobody's */
		err = drop_privileges();
	if (err)
		return err;
	switch (kind) {
	case 'n':	/* root, a network namespace of its own */
		return unshare(CLONE_NEWNET) ? -errno : 0;
	case 'u':	/* owning a user and a network namespace */
		return unshare(CLONE_NEWUSER | CLONE_NEWNET) ? -errno : 0;
	case 'g':	/* a user namespace, in root's network namespace */
		return unshare(CLONE_NEWUSER) ? -errno : 0;
	}
	return 0;	/* 'x': root's namespaces, no capabilities */
}

/* A child: enter its context, then fuzz; the exit code says how it went. */
static int child(const char *name, uint64_t seed, const struct opts *o,
		 char kind)
{
	struct fz f;
	int err = enter(kind);

	if (!err && (kind == 'x' || kind == 'g'))
		return unserved(name, seed, o);
	if (!err)
		err = fz_open(&f, name, seed, true);
	if (err) {
		printf("not ok - %s: cannot set up: %s\n", name, strerror(-err));
		return FZ_EXIT_FOUND;
	}
	fuzz(&f, o, true);
	fz_close(&f);
	return report(&f, seed);
}

/* Root's own namespace holds a group and key for the unserved to hit. */
static int populate(struct fz *f)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	uint8_t key[16] = { 0 };
	uint32_t a4 = htonl(0xef090001);	/* 239.9.0.1 */
	int err;

	nlh = slsec_nl_msg(&f->nl, buf, SLSEC_CMD_GROUP_ADD, 0);
	mnl_attr_put_u32(nlh, SLSEC_A_IFINDEX, 1);
	mnl_attr_put(nlh, SLSEC_A_ADDR4, 4, &a4);
	mnl_attr_put_u32(nlh, SLSEC_A_SENDER, 1);
	mnl_attr_put_u32(nlh, SLSEC_A_GRACE, FZ_FAR_MS);
	err = slsec_nl_talk(&f->nl, nlh, NULL, NULL);
	if (err && err != -EEXIST)
		return err;
	nlh = slsec_nl_msg(&f->nl, buf, SLSEC_CMD_KEY_ADD, 0);
	mnl_attr_put_u32(nlh, SLSEC_A_IFINDEX, 1);
	mnl_attr_put(nlh, SLSEC_A_ADDR4, 4, &a4);
	mnl_attr_put_u32(nlh, SLSEC_A_KEY_ID, 1);
	fz_bytes(f, key, sizeof(key));
	memcpy(f->keys[f->nkeys++], key, sizeof(key));
	mnl_attr_put(nlh, SLSEC_A_KEY_MATERIAL, sizeof(key), key);
	err = slsec_nl_talk(&f->nl, nlh, NULL, NULL);
	return err == -EEXIST ? 0 : err;
}

static int parse(int argc, char **argv, struct opts *o)
{
	int c;

	*o = (struct opts){ .seed = 1, .iters = 5000, .seconds = 60, .procs = 2 };
	while ((c = getopt(argc, argv, "s:n:t:p:")) != -1) {
		switch (c) {
		case 's':
			o->seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			o->iters = strtoul(optarg, NULL, 0);
			break;
		case 't':
			o->seconds = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'p':
			o->procs = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "Usage: nlfuzz [-s SEED] [-n ITERATIONS] "
				"[-t SECONDS] [-p PROCESSES]\n");
			return -1;
		}
	}
	return o->procs > 16 ? -1 : 0;
}

int main(int argc, char **argv)
{
	static const char kinds[] = { 'u', 'x', 'g' };
	static const char *const knames[] = { "userns", "nobody", "guest" };
	char names[20][32];
	pid_t pids[20];
	char *before = NULL, *after = NULL;
	size_t blen = 0, alen = 0;
	unsigned int i, nchild = 0;
	struct opts o;
	struct fz root;
	int status, fail = 0, err;

	if (parse(argc, argv, &o))
		return 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	err = fz_open(&root, "root", o.seed, true);
	if (!err)
		err = populate(&root);
	if (!err)
		err = fz_state(&root, &before, &blen);
	if (err) {
		printf("not ok - root's namespace: %s\n", strerror(-err));
		return 1;
	}
	for (i = 0; i < o.procs + 3; i++) {
		bool served = i < o.procs;
		pid_t pid;

		if (served)
			snprintf(names[i], sizeof(names[i]), "netns-%u", i + 1);
		else
			snprintf(names[i], sizeof(names[i]), "%s", knames[i - o.procs]);
		pid = fork();
		if (pid < 0)
			return 1;
		if (!pid)
			_exit(child(names[i], o.seed + i, &o,
				    served ? 'n' : kinds[i - o.procs]));
		pids[nchild++] = pid;
	}
	for (i = 0; i < nchild; i++) {
		if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status)) {
			printf("not ok - %s: died (status %#x)\n", names[i], status);
			fail = 1;
		} else if (WEXITSTATUS(status)) {
			/* Its report said why; anything else ended it early. */
			if (WEXITSTATUS(status) != FZ_EXIT_FOUND)
				printf("not ok - %s: ended with status %d\n",
				       names[i], WEXITSTATUS(status));
			fail = 1;
		}
	}
	err = fz_state(&root, &after, &alen);
	if (err || alen != blen || memcmp(before, after, blen)) {
		printf("not ok - root's state unchanged by the unserved contexts\n");
		fail = 1;
	} else {
		printf("ok - root's state unchanged by the unserved contexts\n");
	}
	free(before);
	free(after);
	fz_close(&root);
	return fail;
}
