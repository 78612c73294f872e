// SPDX-License-Identifier: GPL-2.0
/*
 * Data path timing for benchmarks (timing.h).  debugfs slsec/timing:
 *
 *   echo 1 > timing     zero the sums and start
 *   echo 0 > timing     stop
 *   cat timing          one line a measurement:
 *                       "seal count 1234 ns 5678901 avg_ns 4602"
 *
 * local_clock() costs a clock read per mark; the sums include it.
 */

#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/netdevice.h>
#include <linux/seq_file.h>

#include "timing.h"

DEFINE_STATIC_KEY_FALSE(slsec_timing_on);
DEFINE_PER_CPU(struct slsec_timing_pcpu, slsec_timing);

static const char * const slsec_timing_names[SLSEC_TIMING_MAX] = {
	[SLSEC_TIMING_SEAL] = "seal",
	[SLSEC_TIMING_SEAL_AEAD] = "seal_aead",
	[SLSEC_TIMING_OPEN] = "open",
	[SLSEC_TIMING_OPEN_AEAD] = "open_aead",
};

static struct dentry *slsec_debugfs;

static int slsec_timing_show(struct seq_file *m, void *v)
{
	int cpu, t;

	for (t = 0; t < SLSEC_TIMING_MAX; t++) {
		u64 ns = 0, n = 0;

		for_each_possible_cpu(cpu) {
			ns += per_cpu(slsec_timing.ns[t], cpu);
			n += per_cpu(slsec_timing.n[t], cpu);
		}
		seq_printf(m, "%s count %llu ns %llu avg_ns %llu\n",
			   slsec_timing_names[t], n, ns, n ? div64_u64(ns, n) : 0);
	}
	return 0;
}

static int slsec_timing_open(struct inode *inode, struct file *file)
{
	return single_open(file, slsec_timing_show, NULL);
}

static ssize_t slsec_timing_write(struct file *file, const char __user *buf,
				  size_t len, loff_t *ppos)
{
	bool on;
	int cpu, err;

	err = kstrtobool_from_user(buf, len, &on);
	if (err)
		return err;
	if (!on) {
		static_branch_disable(&slsec_timing_on);
		return len;
	}
	static_branch_disable(&slsec_timing_on);
	synchronize_net();	/* no datagram still adds to the old sums */
	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(&slsec_timing, cpu), 0,
		       sizeof(struct slsec_timing_pcpu));
	static_branch_enable(&slsec_timing_on);
	return len;
}

static const struct file_operations slsec_timing_fops = {
	.owner = THIS_MODULE,
	.open = slsec_timing_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = slsec_timing_write,
};

/* Without debugfs slsec works the same, untimed. */
void slsec_timing_init(void)
{
	slsec_debugfs = debugfs_create_dir("slsec", NULL);
	debugfs_create_file("timing", 0600, slsec_debugfs, NULL,
			    &slsec_timing_fops);
}

void slsec_timing_exit(void)
{
	debugfs_remove_recursive(slsec_debugfs);
	static_branch_disable(&slsec_timing_on);
}
