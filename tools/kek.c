// SPDX-License-Identifier: GPL-2.0
/*
 * slsec kek { add | del | show } and slsec config set: key-encryption
 * keys that open sealed bundles, and the namespace's require-sealed mode.
 */

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/slsec.h>

#include "genl.h"
#include "info.h"
#include "kek.h"
#include "keyfile.h"
#include "keyring.h"
#include "timefmt.h"
#include "utils.h"

static int usage(void)
{
	fprintf(stderr,
		"Usage: slsec kek add id ID device DEVICE-ID KEYSOURCE [ min-seq SEQ ]\n"
		"       slsec kek del id ID\n"
		"       slsec kek show\n"
		"       slsec config set require-sealed on\n"
		"ID := 0..255; DEVICE-ID: this device's id in the bundles sealed under it\n"
		"KEYSOURCE := { keyfile { PATH | - } | keyring [ logon: | encrypted: ]DESC |\n"
		"               keyid SERIAL }   (32 bytes: AES-256-GCM)\n"
		"SEQ: only bundles with a greater sequence number apply; give the \"seq\"\n"
		"     \"kek show\" printed before a reboot (see slsec(8)).\n"
		"require-sealed is one-way: from then on group keys come only from\n"
		"bundles (key add and kek add are refused, from any source).\n");
	return EXIT_SYNTAX;
}

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

int do_kek(int argc, char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "show") || !strcmp(argv[0], "list"))
		return info_show_keks();
	if (!strcmp(argv[0], "add"))
		return kek_add(argc - 1, argv + 1);
	if (!strcmp(argv[0], "del") || !strcmp(argv[0], "delete"))
		return kek_del(argc - 1, argv + 1);
	if (is_help(argv[0]))
		return usage(), 0;
	fprintf(stderr, "Command \"%s\" is unknown, try \"slsec kek help\".\n",
		argv[0]);
	return EXIT_SYNTAX;
}

static void put_config(struct nlmsghdr *nlh, const void *arg)
{
	mnl_attr_put_u8(nlh, SLSEC_A_REQUIRE_SEALED, *(const uint8_t *)arg);
}

int do_config(int argc, char **argv)
{
	uint8_t on;

	if (argc > 0 && is_help(argv[0]))
		return usage(), 0;
	if (argc != 3 || strcmp(argv[0], "set") ||
	    strcmp(argv[1], "require-sealed") ||
	    (strcmp(argv[2], "on") && strcmp(argv[2], "off")))
		return usage();
	on = !strcmp(argv[2], "on");
	return slsec_do(SLSEC_CMD_CONFIG_SET, 0, put_config, &on, NULL, NULL,
			"cannot change the configuration");
}
