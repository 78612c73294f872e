// SPDX-License-Identifier: GPL-2.0
/*
 * slsec kek { add | del | show }: key-encryption keys that open sealed
 * bundles.
 */

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/slsec.h>

#include "attr.h"
#include "genl.h"
#include "kek.h"
#include "keyfile.h"
#include "keyring.h"
#include "print.h"
#include "timefmt.h"
#include "utils.h"

struct kek_args {
	uint32_t id, device;
	uint64_t min_seq;
	bool has_id, has_device, has_min_seq;
	const char *keyfile;
	struct keyring_ref keyring;
	const uint8_t *key;
	size_t keylen;
};

static int kek_parse(int argc, char **argv, struct kek_args *k)
{
	int err;

	for (; argc > 0; argc -= 2, argv += 2) {
		if (argc < 2)
			return invarg("unknown or incomplete option", argv[0]);
		if (!strcmp(argv[0], "id")) {
			err = parse_u32(argv[1], "KEK id", 255, &k->id);
			k->has_id = true;
		} else if (!strcmp(argv[0], "device")) {
			err = parse_u32(argv[1], "device id", UINT32_MAX, &k->device);
			k->has_device = true;
		} else if (!strcmp(argv[0], "min-seq")) {
			err = parse_u64(argv[1], "min-seq (a bundle sequence number)",
					&k->min_seq);
			k->has_min_seq = true;
		} else {
			bool done;

			err = keysource_parse(argv[0], argv[1], &k->keyfile,
					      &k->keyring, &done);
			if (!done)
				return invarg("unknown option", argv[0]);
		}
		if (err)
			return EXIT_SYNTAX;
	}
	return k->has_id ? 0 : missarg("id ID");
}

static void put_kek(struct nlmsghdr *nlh, const void *arg)
{
	const struct kek_args *k = arg;

	mnl_attr_put_u32(nlh, SLSEC_A_KEK_ID, k->id);
	if (k->has_device)
		mnl_attr_put_u32(nlh, SLSEC_A_DEVICE_ID, k->device);
	if (k->has_min_seq)
		mnl_attr_put_u64(nlh, SLSEC_A_KEK_MIN_SEQ, k->min_seq);
	if (k->key)
		mnl_attr_put(nlh, SLSEC_A_KEY_MATERIAL, k->keylen, k->key);
	if (k->keyring.type) {
		mnl_attr_put_u32(nlh, SLSEC_A_KEYRING_TYPE, k->keyring.type);
		mnl_attr_put_strz(nlh, SLSEC_A_KEYRING_DESC, k->keyring.desc);
	}
}

static int kek_add(int argc, char **argv)
{
	struct kek_args k = { 0 };
	uint8_t key[SLSEC_KEY_MAX];
	int err;

	err = kek_parse(argc, argv, &k);
	if (err)
		return err;
	if (!k.has_device)
		return missarg("device DEVICE-ID");
	if (!k.keyfile == !k.keyring.type) {
		fprintf(stderr, "Error: exactly one of \"keyfile PATH\", \"keyring DESC\" and \"keyid SERIAL\" is needed.\n");
		return EXIT_SYNTAX;
	}
	if (mlock(key, sizeof(key)))
		fprintf(stderr, "Warning: cannot lock key memory.\n");
	if (k.keyfile && keyfile_read(k.keyfile, key, &k.keylen)) {
		err = EXIT_SYNTAX;
	} else {
		k.key = k.keyfile ? key : NULL;
		err = slsec_do(SLSEC_CMD_KEK_ADD, 0, put_kek, &k, NULL, NULL,
			       "cannot add KEK");
	}
	explicit_bzero(key, sizeof(key));
	(void)munlock(key, sizeof(key));	/* nothing to do if it fails */
	return err;
}

static int kek_del(int argc, char **argv)
{
	struct kek_args k = { 0 };
	int err;

	err = kek_parse(argc, argv, &k);
	if (err)
		return err;
	if (k.has_device || k.has_min_seq || k.keyfile || k.keyring.type)
		return invarg("\"kek del\" takes only", "id");
	return slsec_do(SLSEC_CMD_KEK_DEL, 0, put_kek, &k, NULL, NULL,
			"cannot delete KEK");
}

static int kek_cb(const struct nlattr *a, void *data)
{
	struct kek_list *l = data;
	slsec_tb_t tb = { 0 };

	if (l->n >= SLSEC_MAX_KEKS ||
	    slsec_attr_parse_nested(a, slsec_attr_policy, __SLSEC_A_MAX, tb))
		return MNL_CB_OK;
	if (tb[SLSEC_A_KEK_ID])
		l->kek[l->n].id = mnl_attr_get_u32(tb[SLSEC_A_KEK_ID]);
	if (tb[SLSEC_A_DEVICE_ID])
		l->kek[l->n].device = mnl_attr_get_u32(tb[SLSEC_A_DEVICE_ID]);
	l->kek[l->n].has_seq = slsec_tb_u64(tb[SLSEC_A_BUNDLE_SEQ], &l->kek[l->n].seq);
	l->n++;
	return MNL_CB_OK;
}

/* SLSEC_A_KEKS of an INFO_GET reply: a nest of SLSEC_A_KEK_ID nests. */
void kek_list_parse(const struct nlattr *keks, struct kek_list *l)
{
	(void)slsec_attr_nests(keks, SLSEC_A_KEK_ID, kek_cb, l); /* up to the damage */
}

static int keks_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	slsec_tb_t tb = { 0 };

	if (slsec_attr_parse(nlh, tb))
		return MNL_CB_ERROR;
	if (tb[SLSEC_A_KEKS])
		kek_list_parse(tb[SLSEC_A_KEKS], data);
	return MNL_CB_OK;
}

/*
 * slsec kek show: the KEKs of this namespace, ids and device ids (never
 * key bytes), and the last bundle sequence number applied under each:
 * the value to persist and hand back as "kek add ... min-seq".
 */
static int kek_show(int argc, char **argv)
{
	struct kek_list l = { 0 };
	unsigned int i;
	int err;

	if (argc > 0)
		return invarg("\"kek show\" takes no arguments", argv[0]);
	err = slsec_do(SLSEC_CMD_INFO_GET, 0, NULL, NULL, keks_reply_cb, &l,
		       "cannot read module info");
	if (err)
		return err;
	print_open_array(NULL);
	for (i = 0; i < l.n; i++) {
		print_open_obj(NULL);
		print_uint(PRINT_ANY, "id", "kek %llu", l.kek[i].id);
		print_uint(PRINT_ANY, "device", " device %llu", l.kek[i].device);
		if (l.kek[i].has_seq)
			print_uint(PRINT_ANY, "seq", " seq %llu", l.kek[i].seq);
		print_close_obj();
		print_nl();
	}
	print_close_array();
	return 0;
}

static const struct slsec_subcmd kek_cmds[] = {
	SLSEC_CMD("add", kek_add, "id ID device DEVICE-ID KEYSOURCE [ min-seq SEQ ]"),
	SLSEC_CMD("del", kek_del, "id ID"),
	SLSEC_CMD("delete", kek_del, NULL),
	SLSEC_CMD("show", kek_show, ""),
	SLSEC_CMD("list", kek_show, NULL),
};

const struct slsec_object kek_object = {
	.name = "kek",
	.summary = "install key-encryption keys for sealed bundles",
	.cmds = SLSEC_CMDS(kek_cmds),
	.dflt = "show",
	.notes =
		"ID := 0..255; DEVICE-ID: this device's id in the bundles sealed under it\n"
		"KEYSOURCE := { keyfile { PATH | - } | keyring [ logon: | encrypted: ]DESC |\n"
		"               keyid SERIAL }   (32 bytes: AES-256-GCM)\n"
		"SEQ: only bundles with a greater sequence number apply; give the \"seq\"\n"
		"     \"kek show\" printed before a reboot (see slsec(8)).\n",
};
