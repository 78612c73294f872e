/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Wire format of a sealed datagram (Documentation/wire-format.rst):
 *
 *   IP header (protocol = slsec ipproto) | slsec header | ciphertext | tag
 *
 * AAD = group address (4 or 16 bytes, network order) || slsec header.
 * Nonce = per-epoch IV (12 bytes) XOR (0^32 || packet number as be64).
 * The IV and key of an epoch come from (group, key id, sender id,
 * installation, epoch), the installation being 64 random bits each host
 * draws when it installs a key, so no two installations share a nonce.
 */
#ifndef _SLSEC_MESSAGES_H
#define _SLSEC_MESSAGES_H

#include <linux/types.h>
#include <linux/build_bug.h>

#define SLSEC_WIRE_VERSION	2

#define SLSEC_NONCE_LEN		12
#define SLSEC_TAG_LEN		16
#define SLSEC_MAX_KEY_LEN	32

/**
 * struct slsec_hdr - slsec header, follows the IP header (and, for IPv6,
 *	any extension headers that precede it)
 * @version:    SLSEC_WIRE_VERSION
 * @next_proto: IP protocol of the sealed payload (e.g. IPPROTO_UDP)
 * @key_id:     group key identifier
 * @flags:      zero; a receiver drops frames with any bit set
 * @sender_id:  sender identifier, unique within the group
 * @install:    the sender's installation of the group key: random, drawn
 *              when the key was installed on the sender
 * @ts:         sender's CLOCK_REALTIME at sealing, in ms since the Unix
 *              epoch, modulo 2^32
 * @pn:         packet number, per installation, never reused; the epoch
 *              (traffic key) is @pn >> the algorithm's epoch shift
 */
struct slsec_hdr {
	u8 version;
	u8 next_proto;
	u8 key_id;
	u8 flags;
	__be32 sender_id;
	__be64 install;
	__be32 ts;
	__be64 pn;
} __packed;

#define SLSEC_HDR_LEN		28
#define SLSEC_OVERHEAD		(SLSEC_HDR_LEN + SLSEC_TAG_LEN)

static inline void slsec_messages_build_bug(void)
{
	BUILD_BUG_ON(sizeof(struct slsec_hdr) != SLSEC_HDR_LEN);
}

#endif /* _SLSEC_MESSAGES_H */
