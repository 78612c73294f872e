// SPDX-License-Identifier: GPL-2.0
/*
 * Group keys from the kernel keyring: a "logon" key (its payload can be
 * written from userspace but never read back there) or an "encrypted" key
 * (created in the kernel or loaded as a blob sealed by a master key, so
 * the plaintext never exists in userspace).  The key is looked up in the
 * calling process's keyrings, as request_key() does for any other
 * in-kernel user, with the caller's permissions; its payload is copied
 * under the key's semaphore and wiped by the caller once the group key is
 * made from it.
 */

#include <linux/err.h>
#include <linux/key.h>
#include <linux/string.h>
#include <keys/encrypted-type.h>
#include <keys/user-type.h>
#include <net/netlink.h>
#include <linux/slsec.h>

#include "keyring.h"

/* Why request_key() failed, for people. */
static void slsec_keyring_why(int err, const struct nlattr *attr,
			      struct netlink_ext_ack *extack)
{
	switch (err) {
	case -ENOKEY:
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "no usable key of that type in the caller's keyrings (none, or expired)");
		break;
	case -EKEYREVOKED:
		NL_SET_ERR_MSG_ATTR(extack, attr, "keyring key is revoked");
		break;
	case -EKEYEXPIRED:
		NL_SET_ERR_MSG_ATTR(extack, attr, "keyring key has expired");
		break;
	case -EACCES:
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "the caller may not use this keyring key (no search permission)");
		break;
	default:
		NL_SET_ERR_MSG_ATTR(extack, attr, "cannot look the keyring key up");
	}
}

/* The payload of a logon or encrypted key; under key->sem. */
static int slsec_keyring_payload(struct key *key, u32 type, const u8 **data,
				 unsigned int *len)
{
	if (type == SLSEC_KEYRING_ENCRYPTED) {
		const struct encrypted_key_payload *ep =
			dereference_key_locked(key);

		if (!ep)
			return -EKEYREVOKED;
		*data = ep->decrypted_data;
		*len = ep->decrypted_datalen;
		return 0;
	}
	{
		const struct user_key_payload *up = user_key_payload_locked(key);

		if (!up)
			return -EKEYREVOKED;
		*data = up->data;
		*len = up->datalen;
		return 0;
	}
}

/**
 * slsec_keyring_read() - copy a keyring key's payload
 * @type:   enum slsec_keyring_type
 * @desc:   the key's description
 * @out:    where the payload goes (the caller wipes it)
 * @size:   room in @out
 * @len:    the payload's length
 * @attr:   the request attribute to blame
 * @extack: for the reason of a refusal
 *
 * Process context, in the requesting task.  Return: 0 or a negative errno.
 */
int slsec_keyring_read(u32 type, const char *desc, u8 *out, unsigned int size,
		       unsigned int *len, const struct nlattr *attr,
		       struct netlink_ext_ack *extack)
{
	struct key_type *kt = type == SLSEC_KEYRING_ENCRYPTED ?
			      &key_type_encrypted : &key_type_logon;
	const u8 *data;
	struct key *key;
	int err;

	key = request_key(kt, desc, NULL);
	if (IS_ERR(key)) {
		slsec_keyring_why(PTR_ERR(key), attr, extack);
		return PTR_ERR(key);
	}
	down_read(&key->sem);
	err = key_validate(key) ?: slsec_keyring_payload(key, type, &data, len);
	if (err) {
		slsec_keyring_why(err, attr, extack);
	} else if (*len > size) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "keyring key is longer than any group key");
		err = -EINVAL;
	} else {
		memcpy(out, data, *len);
	}
	up_read(&key->sem);
	key_put(key);
	return err;
}
