/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything that differs between the kernels slsec builds for (Debian's
 * 6.1 and 6.12, and their PREEMPT_RT flavours) lives here, so that no
 * other file carries a version check.
 */
#ifndef _SLSEC_COMPAT_H
#define _SLSEC_COMPAT_H

#include <linux/version.h>
#include <linux/crypto.h>
#include <net/genetlink.h>

/* 6.12 moved the unaligned accessors to linux/. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* 6.4 moved skb_gso_segment() and its friends out of netdevice.h. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#include <net/gso.h>
#endif

/*
 * 6.3 hands a crypto completion its request's data pointer instead of the
 * request.  slsec's callbacks take the data pointer; on older kernels
 * SLSEC_CRYPTO_DONE(fn) defines fn_areq(), a wrapper of the old shape, and
 * slsec_crypto_done(fn) names whichever of the two the kernel calls.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define SLSEC_CRYPTO_DONE(fn)
#define slsec_crypto_done(fn) (fn)
#else
#define SLSEC_CRYPTO_DONE(fn)						\
	static void fn##_areq(struct crypto_async_request *areq, int err)	\
	{								\
		fn(areq->data, err);					\
	}
#define slsec_crypto_done(fn) (fn##_areq)
#endif

/* 6.2 keeps a dump's parsed request in a genl_info of its own. */
static inline struct nlattr **slsec_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

#endif /* _SLSEC_COMPAT_H */
