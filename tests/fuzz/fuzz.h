/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SLSEC_FUZZ_H
#define SLSEC_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../tools/genl.h"

#define fallthrough __attribute__((__fallthrough__))

#define FZ_MAX_ATTRS	48
#define FZ_MAX_KEYS	256	/* key materials remembered for the scan */
#define FZ_KEY_MAX	32
/* Times the fuzzer keeps keys and groups to: a day (ms). */
#define FZ_FAR_MS	86400000U

/* One attribute of a message under construction; mutations edit these. */
struct fz_attr {
	uint16_t type;		/* as sent, NLA_F_NESTED included */
	int32_t len_lie;	/* added to the encoded nla_len */
	uint32_t len;
	uint8_t *data;
};

/* A request: the genl command and its attributes. */
struct fz_msg {
	uint8_t cmd;
	uint8_t version;
	uint16_t flags;		/* NLM_F_DUMP etc.; REQUEST and ACK are added */
	bool short_hdr;		/* genl header cut short */
	unsigned int n;
	struct fz_attr a[FZ_MAX_ATTRS];
};

/* What one fuzzing process has seen. */
struct fz_stats {
	unsigned long sent, accepted, refused, replies, events;
	unsigned long no_extack, changed, leaked, core;	/* violations, core refusals */
};

/* A fuzzing process: its generator, socket and findings. */
struct fz {
	uint64_t rng;
	struct slsec_nl nl;
	struct mnl_socket *events;	/* the events group, non-blocking */
	uint8_t keys[FZ_MAX_KEYS][FZ_KEY_MAX];
	unsigned int nkeys;
	struct fz_stats st;
	bool privileged;	/* refusals must carry extack text */
	const char *name;
	unsigned int reported;	/* violations printed so far */
};

uint64_t fz_rand(struct fz *f);
uint32_t fz_below(struct fz *f, uint32_t n);
bool fz_chance(struct fz *f, unsigned int percent);
void fz_bytes(struct fz *f, uint8_t *p, size_t n);

void fz_msg_free(struct fz_msg *m);
void fz_msg_template(struct fz *f, struct fz_msg *m, uint8_t cmd);
void fz_msg_mutate(struct fz *f, struct fz_msg *m);
void fz_msg_add(struct fz *f, struct fz_msg *m, uint16_t type);
void fz_msg_drop(struct fz_msg *m, unsigned int i);
size_t fz_msg_encode(struct fz *f, const struct fz_msg *m, void *buf,
		     size_t size);

int fz_state(struct fz *f, char **out, size_t *len);
int fz_normalize(struct fz *f);
int fz_send(struct fz *f, void *buf);
void fz_scan(struct fz *f, const void *p, size_t len, const char *where);
void fz_events_drain(struct fz *f);
void fz_violation(struct fz *f, const char *what, const struct fz_msg *m,
		  int err);

#endif
