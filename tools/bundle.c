// SPDX-License-Identifier: GPL-2.0
/*
 * slsec bundle { seal | apply }: protected key distribution.
 *
 * seal runs on the group manager: it builds one device's bundle (group,
 * key id, algorithm, key, activation time, lifetimes, the device's sender
 * id, a sequence number) and seals it with AES-256-GCM under that device's
 * KEK, using OpenSSL's libcrypto (the manager is an ordinary host: a
 * widely reviewed userspace AEAD is the natural choice there; the kernel
 * side opens it with its own crypto API).  apply hands a bundle to the
 * kernel, which opens, verifies and installs it itself.  Layout:
 * Documentation/bundle-format.rst.
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <openssl/evp.h>
#include <linux/genetlink.h>
#include <linux/slsec.h>

#include "attr.h"
#include "genl.h"
#include "keyfile.h"
#include "lifetime.h"
#include "print.h"
#include "selector.h"
#include "timefmt.h"
#include "utils.h"
#include "bundle.h"

/* Everything a sealed bundle says. */
struct seal_args {
	const char *kekfile, *keyfile, *out;
	uint32_t kek_id, device, sender, key_id, alg;
	uint64_t seq, activate_at;
	struct group_sel sel;
	struct lifetime life;
	unsigned int given;
};

enum { G_KEKID = 1, G_DEVICE = 2, G_SEQ = 4, G_SENDER = 8, G_ID = 16 };

static int seal_word(char **a, struct seal_args *s)
{
	static const struct { const char *name; uint32_t max; unsigned int bit; }
	u32s[] = {
		{ "kek-id", 255, G_KEKID }, { "device", UINT32_MAX, G_DEVICE },
		{ "sender", UINT32_MAX, G_SENDER }, { "id", 255, G_ID },
	};
	uint32_t *dst[] = { &s->kek_id, &s->device, &s->sender, &s->key_id };
	bool done = false;
	size_t i;
	int alg;

	for (i = 0; i < sizeof(u32s) / sizeof(u32s[0]); i++) {
		if (strcmp(a[0], u32s[i].name))
			continue;
		s->given |= u32s[i].bit;
		return parse_u32(a[1], u32s[i].name, u32s[i].max, dst[i]);
	}
	if (!strcmp(a[0], "seq")) {
		s->given |= G_SEQ;
		return parse_u64(a[1], "sequence number", &s->seq);
	}
	if (!strcmp(a[0], "kekfile")) {
		s->kekfile = a[1];
		return 0;
	}
	if (!strcmp(a[0], "keyfile")) {
		s->keyfile = a[1];
		return 0;
	}
	if (!strcmp(a[0], "out")) {
		s->out = a[1];
		return 0;
	}
	if (!strcmp(a[0], "alg")) {
		alg = slsec_alg_by_name(a[1]);
		if (alg < 0)
			return invarg("unknown algorithm", a[1]);
		s->alg = (uint32_t)alg;
		return 0;
	}
	i = (size_t)lifetime_parse(a[0], a[1], &s->life, &done);
	if (done)
		return (int)i;
	return invarg("unknown option", a[0]);
}

static int seal_parse(int argc, char **argv, struct seal_args *s)
{
	int r;

	s->alg = SLSEC_ALG_AES_GCM_128;
	while (argc > 0) {
		r = parse_group_arg(&argc, &argv, &s->sel);
		if (r < 0)
			return EXIT_SYNTAX;
		if (r)
			continue;
		if (argc >= 3 && !strcmp(argv[0], "activate") &&
		    !strcmp(argv[1], "at")) {
			if (parse_walltime_ns(argv[2], &s->activate_at))
				return EXIT_SYNTAX;
			argc -= 3, argv += 3;
			continue;
		}
		if (argc < 2)
			return invarg("unknown or incomplete option", argv[0]);
		if (seal_word(argv, s))
			return EXIT_SYNTAX;
		argc -= 2, argv += 2;
	}
	if (!s->sel.family)
		return missarg("addr ADDR");
	if (s->given != (G_KEKID | G_DEVICE | G_SEQ | G_SENDER | G_ID))
		return missarg("kek-id, device, seq, sender and id");
	if (!s->kekfile || !s->keyfile)
		return missarg("kekfile PATH and keyfile PATH");
	return 0;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, (uint32_t)(v >> 32));
	put_be32(p + 4, (uint32_t)v);
}

/* The clear header and the body, as Documentation/bundle-format.rst. */
static void bundle_build(const struct seal_args *s, const uint8_t *key,
			 size_t keylen, uint8_t *out)
{
	uint8_t *body = out + SLSEC_BUNDLE_HDR_LEN;
	size_t i;

	memset(out, 0, SLSEC_BUNDLE_LEN);
	put_be32(out, SLSEC_BUNDLE_MAGIC);
	out[4] = SLSEC_BUNDLE_VERSION;
	out[5] = (uint8_t)s->kek_id;
	put_be64(out + 8, s->seq);
	/* out + 16: the 12-byte nonce, filled by the caller */
	put_be32(body, s->device);
	body[4] = s->sel.family == AF_INET ? 4 : 6;
	body[5] = (uint8_t)s->alg;
	body[6] = (uint8_t)s->key_id;
	body[7] = (uint8_t)keylen;
	memcpy(body + 8, s->sel.addr, s->sel.family == AF_INET ? 4 : 16);
	put_be32(body + 24, s->sender);
	put_be64(body + 28, s->activate_at);
	for (i = 0; i < NLIMITS; i++)
		put_be64(body + 36 + 8 * i, s->life.has[i] ? s->life.v[i] : 0);
	memcpy(body + 84, key, keylen);
}

/* AES-256-GCM over the body in place, header as AAD, tag appended. */
static int bundle_seal(const uint8_t *kek, uint8_t *b)
{
	uint8_t *body = b + SLSEC_BUNDLE_HDR_LEN;
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n, ok;

	ok = ctx &&
	     EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL) &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, 12, NULL) &&
	     EVP_EncryptInit_ex(ctx, NULL, NULL, kek, b + 16) &&
	     EVP_EncryptUpdate(ctx, NULL, &n, b, SLSEC_BUNDLE_HDR_LEN) &&
	     EVP_EncryptUpdate(ctx, body, &n, body, SLSEC_BUNDLE_BODY_LEN) &&
	     EVP_EncryptFinal_ex(ctx, body + n, &n) &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, SLSEC_BUNDLE_TAG_LEN,
				 body + SLSEC_BUNDLE_BODY_LEN);
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	ssize_t w;

	while (n) {
		w = write(fd, p, n);
		if (w <= 0)
			return -1;
		p += w, n -= (size_t)w;
	}
	return 0;
}

static int bundle_out(const char *path, const uint8_t *b)
{
	FILE *f = path ? fopen(path, "wx") : stdout;

	if (!path && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "Error: a bundle is binary: redirect it, or give \"out PATH\".\n");
		return EXIT_SYNTAX;
	}
	if (!f || write_all(fileno(f), b, SLSEC_BUNDLE_LEN) ||
	    (path && fclose(f))) {
		fprintf(stderr, "Error: cannot write the bundle%s%s.\n",
			path ? " to " : "", path ? path : "");
		return EXIT_SYNTAX;
	}
	return 0;
}

static int bundle_seal_cmd(int argc, char **argv)
{
	uint8_t kek[SLSEC_KEY_MAX], key[SLSEC_KEY_MAX], b[SLSEC_BUNDLE_LEN];
	struct seal_args s = { 0 };
	size_t keklen, keylen;
	int err;

	err = seal_parse(argc, argv, &s);
	if (err)
		return err;
	if (mlock(kek, sizeof(kek)) || mlock(key, sizeof(key)))
		fprintf(stderr, "Warning: cannot lock key memory.\n");
	err = EXIT_SYNTAX;
	if (keyfile_read(s.kekfile, kek, &keklen) ||
	    keyfile_read(s.keyfile, key, &keylen))
		goto out;
	if (keklen != SLSEC_KEK_LEN) {
		fprintf(stderr, "Error: a KEK is exactly 32 bytes (AES-256-GCM).\n");
		goto out;
	}
	bundle_build(&s, key, keylen, b);
	if (getrandom(b + 16, 12, 0) != 12 || bundle_seal(kek, b)) {
		fprintf(stderr, "Error: cannot seal the bundle.\n");
		goto out;
	}
	err = bundle_out(s.out, b);
out:
	explicit_bzero(kek, sizeof(kek));
	explicit_bzero(key, sizeof(key));
	explicit_bzero(b, sizeof(b));
	return err;
}

struct apply_args {
	uint32_t ifindex;
	uint8_t b[SLSEC_BUNDLE_LEN + 1];
	size_t len;
};

/* The kernel's reply to an applied bundle: its KEK and sequence number. */
struct applied {
	uint32_t kek;
	uint64_t seq;
	bool has_kek, has_seq;
};

static int applied_cb(const struct nlmsghdr *nlh, void *data)
{
	struct applied *r = data;
	slsec_tb_t tb = { 0 };

	if (slsec_attr_parse(nlh, tb))
		return MNL_CB_ERROR;
	r->has_kek = slsec_tb_u32(tb[SLSEC_A_KEK_ID], &r->kek);
	r->has_seq = slsec_tb_u64(tb[SLSEC_A_BUNDLE_SEQ], &r->seq);
	return MNL_CB_OK;
}

/* "kek N seq S", the value to persist (a module without the reply: none). */
static void print_applied(const struct applied *r)
{
	if (!r->has_kek || !r->has_seq)
		return;
	print_open_obj(NULL);
	print_uint(PRINT_ANY, "kek", "kek %llu", r->kek);
	print_uint(PRINT_ANY, "seq", " seq %llu", r->seq);
	print_close_obj();
	print_nl();
}

static void put_apply(struct nlmsghdr *nlh, const void *arg)
{
	const struct apply_args *a = arg;

	mnl_attr_put_u32(nlh, SLSEC_A_IFINDEX, a->ifindex);
	mnl_attr_put(nlh, SLSEC_A_BUNDLE, a->len, a->b);
}

static int bundle_apply_cmd(int argc, char **argv)
{
	struct apply_args a = { 0 };
	struct group_sel sel = { 0 };
	struct applied res = { 0 };
	const char *path = NULL;
	FILE *f;
	int r;

	while (argc > 0) {
		r = parse_group_arg(&argc, &argv, &sel);
		if (r < 0)
			return EXIT_SYNTAX;
		if (r)
			continue;
		if (path)
			return invarg("one bundle at a time", argv[0]);
		path = argv[0];
		argc--, argv++;
	}
	if (need_group(&sel, false))
		return EXIT_SYNTAX;
	if (!path)
		return missarg("PATH or -");
	if (!strcmp(path, "-") && stdin_free("a bundle"))
		return EXIT_SYNTAX;
	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		fprintf(stderr, "Error: cannot open %s.\n", path);
		return EXIT_SYNTAX;
	}
	/* Read one byte more than a bundle: the kernel says "malformed". */
	a.len = fread(a.b, 1, sizeof(a.b), f);
	if (f != stdin)
		(void)fclose(f);	/* read only: nothing to lose */
	a.ifindex = sel.ifindex;
	r = slsec_do(SLSEC_CMD_BUNDLE_APPLY, 0, put_apply, &a, applied_cb, &res,
		     "cannot apply bundle");
	explicit_bzero(a.b, sizeof(a.b));
	if (!r)
		print_applied(&res);
	return r;
}

static const struct slsec_subcmd bundle_cmds[] = {
	SLSEC_CMD("seal", bundle_seal_cmd,
	  "kekfile PATH kek-id N device D seq S addr ADDR\n"
	  "                         sender ID id KEYID keyfile PATH [ alg ALG ]\n"
	  "                         [ activate at TIME ] [ LIMIT ]... [ out PATH ]"),
	SLSEC_CMD("apply", bundle_apply_cmd, "dev DEV { PATH | - }"),
};

const struct slsec_object bundle_object = {
	.name = "bundle",
	.summary = "seal and apply key bundles",
	.cmds = SLSEC_CMDS(bundle_cmds),
	.notes =
		"seal writes the bundle to PATH or standard output (not a terminal).\n"
		"apply prints \"kek N seq S\": persist S, give it to \"kek add ... min-seq\".\n"
		"LIMIT and TIME as for \"slsec key add\".\n",
};
