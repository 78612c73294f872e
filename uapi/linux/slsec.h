/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * slsec: sidelink group security for Linux.
 *
 * Generic netlink ABI between slsec.ko and the slsec tool.
 *
 * Family SLSEC_GENL_NAME, version SLSEC_GENL_VERSION.  Every command needs
 * CAP_NET_ADMIN in the user namespace owning the caller's network namespace
 * and acts on that namespace only.  Attributes are validated strictly:
 * unknown attributes, wrong types and wrong lengths are refused with an
 * extack message naming the attribute.
 *
 * SLSEC_CMD_INFO_GET (doit)
 *   Request:  no attributes.
 *   Reply:    SLSEC_A_INFO_VERSION    string, module version
 *             SLSEC_A_INFO_ABI        u32, SLSEC_GENL_VERSION of the module
 *             SLSEC_A_INFO_IPPROTO    u8, IP protocol number of sealed
 *                                     datagrams (module parameter ipproto)
 *             SLSEC_A_INFO_NGROUPS    u32, groups bound in this namespace
 *             SLSEC_A_INFO_ALGS       nested, one SLSEC_A_ALG_ID (u32,
 *                                     enum slsec_alg) per AEAD the running
 *                                     kernel can instantiate
 *
 * Key material is write-only: no reply or event ever carries it.
 */
#ifndef _UAPI_LINUX_SLSEC_H
#define _UAPI_LINUX_SLSEC_H

#define SLSEC_GENL_NAME		"slsec"
#define SLSEC_GENL_VERSION	1

/*
 * IP protocol number of a sealed datagram (RFC 3692 experimental value;
 * the module parameter "ipproto" may override it, 253 or 254 only).
 */
#define SLSEC_IPPROTO_DEFAULT	253

/* AEAD algorithms; the value is also the KDF's algorithm identity byte. */
enum slsec_alg {
	SLSEC_ALG_UNSPEC,
	SLSEC_ALG_AES_GCM_128,
	SLSEC_ALG_AES_GCM_256,
	SLSEC_ALG_CHACHA20_POLY1305,
	__SLSEC_ALG_MAX
};

#define SLSEC_ALG_MAX (__SLSEC_ALG_MAX - 1)

enum slsec_cmd {
	SLSEC_CMD_UNSPEC,
	SLSEC_CMD_INFO_GET,
	__SLSEC_CMD_MAX
};

#define SLSEC_CMD_MAX (__SLSEC_CMD_MAX - 1)

enum slsec_attr {
	SLSEC_A_UNSPEC,
	SLSEC_A_PAD,
	SLSEC_A_INFO_VERSION,
	SLSEC_A_INFO_ABI,
	SLSEC_A_INFO_IPPROTO,
	SLSEC_A_INFO_NGROUPS,
	SLSEC_A_INFO_ALGS,
	__SLSEC_A_MAX
};

#define SLSEC_A_MAX (__SLSEC_A_MAX - 1)

enum slsec_alg_attr {
	SLSEC_A_ALG_UNSPEC,
	SLSEC_A_ALG_ID,
	__SLSEC_A_ALG_MAX
};

#define SLSEC_A_ALG_MAX (__SLSEC_A_ALG_MAX - 1)

#endif /* _UAPI_LINUX_SLSEC_H */
