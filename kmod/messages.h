/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Wire format of a sealed datagram (Documentation/wire-format.rst):
 *
 *   IP header (protocol = slsec ipproto) | slsec header | ciphertext | tag
 *
 * AAD = group address (4 or 16 bytes, network order) || slsec header.
 * Nonce = per-epoch IV (12 bytes) XOR (0^32 || packet number as be64).
 */
#ifndef _SLSEC_MESSAGES_H
#define _SLSEC_MESSAGES_H

#include <linux/types.h>
#include <linux/build_bug.h>

#define SLSEC_WIRE_VERSION	1

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
 * @epoch:      traffic key epoch, always @pn >> the algorithm's epoch shift
 * @pn:         packet number, per sender and group key, never reused
 */
struct slsec_hdr {
	u8 version;
	u8 next_proto;
	u8 key_id;
	u8 flags;
	__be32 sender_id;
	__be32 epoch;
	__be64 pn;
} __packed;

#define SLSEC_HDR_LEN		20
#define SLSEC_OVERHEAD		(SLSEC_HDR_LEN + SLSEC_TAG_LEN)

static inline void slsec_messages_build_bug(void)
{
	BUILD_BUG_ON(sizeof(struct slsec_hdr) != SLSEC_HDR_LEN);
}

#endif /* _SLSEC_MESSAGES_H */
