// SPDX-License-Identifier: GPL-2.0
/*
 * slsec_kunit.ko: KUnit suites for slsec.ko.  The suites live in
 * <subsystem>_test.c and run when this module is loaded; slsec.ko
 * exports what they test to the EXPORTED_FOR_KUNIT_TESTING namespace.
 */
#include <linux/module.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites for slsec");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#include <kunit/test.h>
#include <kunit/resource.h>
#include <linux/err.h>

#include <crypto/aead.h>

#include "aead.h"
#include "bundle.h"
#include "kdf.h"
#include "slsec_test.h"

/*
 * Transforms the suites allocate are KUnit resources: freed when the case
 * ends, also when an assertion aborts it, so a failing case leaks nothing
 * (kmemleak runs after the suites).
 */
static int slsec_test_res_init(struct kunit_resource *res, void *ctx)
{
	res->data = ctx;
	return 0;
}

static void slsec_test_aead_free(struct kunit_resource *res)
{
	slsec_aead_destroy(res->data);
}

struct slsec_aead *slsec_test_aead(struct kunit *test, u32 alg,
				   const u8 *key, unsigned int keylen,
				   const u8 *iv, unsigned int flags)
{
	struct slsec_aead *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct kunit_resource *res;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_EQ(test, slsec_aead_init(a, alg, key, keylen, iv, flags),
			0);
	res = kunit_alloc_resource(test, slsec_test_res_init,
				   slsec_test_aead_free, GFP_KERNEL, a);
	KUNIT_ASSERT_NOT_NULL(test, res);
	return a;
}

static void slsec_test_kdf_free(struct kunit_resource *res)
{
	slsec_kdf_free(res->data);
}

struct crypto_shash *slsec_test_kdf(struct kunit *test, const u8 *key,
				    unsigned int keylen)
{
	struct crypto_shash *hmac = slsec_kdf_alloc(key, keylen);
	struct kunit_resource *res;

	KUNIT_ASSERT_FALSE(test, IS_ERR(hmac));
	res = kunit_alloc_resource(test, slsec_test_res_init,
				   slsec_test_kdf_free, GFP_KERNEL, hmac);
	KUNIT_ASSERT_NOT_NULL(test, res);
	return hmac;
}

static void slsec_test_kek_free(struct kunit_resource *res)
{
	crypto_free_aead(res->data);
}

struct crypto_aead *slsec_test_kek(struct kunit *test, const u8 *key)
{
	struct crypto_aead *tfm = slsec_kek_aead(key, SLSEC_KEK_LEN);
	struct kunit_resource *res;

	KUNIT_ASSERT_FALSE(test, IS_ERR(tfm));
	res = kunit_alloc_resource(test, slsec_test_res_init,
				   slsec_test_kek_free, GFP_KERNEL, tfm);
	KUNIT_ASSERT_NOT_NULL(test, res);
	return tfm;
}

u8 *slsec_test_buf(struct kunit *test, size_t len)
{
	u8 *p = kunit_kzalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	return p;
}
