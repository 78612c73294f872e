/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by slsec's KUnit suites (6.1 has no KUNIT_EXPECT_MEMEQ). */
#ifndef _SLSEC_TEST_H
#define _SLSEC_TEST_H

#include <kunit/test.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/limits.h>

/* Compare two buffers; on a mismatch print (up to 64 bytes of) both. */
#define SLSEC_EXPECT_MEMEQ(test, a, b, n, fmt, ...)			\
	do {								\
		const u8 *_a = (a), *_b = (b);				\
		int _n = min_t(size_t, (n), INT_MAX);			\
									\
		KUNIT_EXPECT_TRUE_MSG(test, !memcmp(_a, _b, _n),	\
				      fmt ": %*phN != %*phN", ##__VA_ARGS__, \
				      min(_n, 64), _a, min(_n, 64), _b); \
	} while (0)

#define SLSEC_EXPECT_MEMNEQ(test, a, b, n, fmt, ...)			\
	do {								\
		const u8 *_a = (a), *_b = (b);				\
		int _n = min_t(size_t, (n), INT_MAX);			\
									\
		KUNIT_EXPECT_TRUE_MSG(test, memcmp(_a, _b, _n),		\
				      fmt ": equal: %*phN", ##__VA_ARGS__, \
				      min(_n, 64), _a);			\
	} while (0)
struct slsec_aead;
struct crypto_shash;

/* KUnit-managed: freed when the case ends, however it ends. */
struct slsec_aead *slsec_test_aead(struct kunit *test, u32 alg,
				   const u8 *key, unsigned int keylen,
				   const u8 *iv, unsigned int flags);
struct crypto_shash *slsec_test_kdf(struct kunit *test, const u8 *key,
				    unsigned int keylen);
struct crypto_aead;
/* A KEK's AEAD (SLSEC_KEK_LEN bytes of @key). */
struct crypto_aead *slsec_test_kek(struct kunit *test, const u8 *key);
/* Zeroed heap memory: scatterlists cannot take the (vmapped) stack. */
u8 *slsec_test_buf(struct kunit *test, size_t len);

#endif /* _SLSEC_TEST_H */
