#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the CSV files of one `make bench` run into summary.md, goodput.png
and scaling.png, and print the summary.  Every ratio is the median of
per-repetition ratios (each repetition ran all configurations back to
back in the same boot), never a ratio of medians.

Usage: report.py RESULTS_DIR ACCEL QUICK"""
import csv
import os
import statistics
import sys
import time

MCAST = ["plain", "slsec-gcm128", "slsec-gcm256", "slsec-chacha", "macsec", "esp"]
UNICAST = ["uplain", "wireguard"]
BASE = {c: "plain" for c in MCAST} | {c: "uplain" for c in UNICAST}
# The AEAD each configuration runs, as slsec_bench.ko names it.
CRYPTO = {"slsec-gcm128": "aes-gcm-128", "slsec-gcm256": "aes-gcm-256",
          "slsec-chacha": "chacha20-poly1305", "macsec": "aes-gcm-128",
          "esp": "aes-gcm-128", "wireguard": "chacha20-poly1305"}
TARGETS = [("macsec", 1.0), ("esp", 1.5)]
COST_TARGET = 1.5


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def med(xs):
    return statistics.median(xs) if xs else float("nan")


class Goodput:
    def __init__(self, path):
        self.pps = {}   # (config, n, size) -> {rep: rx_pps}
        for r in rows(path):
            key = (r["config"], int(r["n"]), int(r["size"]))
            self.pps.setdefault(key, {})[int(r["rep"])] = float(r["rx_pps"] or 0)
        self.sizes = sorted({k[2] for k in self.pps})
        self.ns = sorted({k[1] for k in self.pps})

    def configs(self, n):
        return [c for c in MCAST + UNICAST if (c, n, self.sizes[0]) in self.pps]

    def median(self, cfg, n, size):
        return med(list(self.pps.get((cfg, n, size), {}).values()))

    def ratio(self, cfg, other, n, size):
        """Median over repetitions of cfg's goodput / other's."""
        a, b = self.pps.get((cfg, n, size), {}), self.pps.get((other, n, size), {})
        return med([a[r] / b[r] for r in a if b.get(r)])

    def cost(self, cfg, n, size, t_aead):
        """Median over repetitions of (t_cfg - t_base) / t_aead, t = 1/pps."""
        a, b = self.pps.get((cfg, n, size), {}), self.pps.get((BASE[cfg], n, size), {})
        return med([(1 / a[r] - 1 / b[r]) / t_aead
                    for r in a if a[r] and b.get(r)])


def crypto_table(path):
    """(alg, text length) -> (seal s, open s, driver)."""
    return {(r["alg"], int(r["len"])):
            (int(r["seal_ns"]) * 1e-9, int(r["open_ns"]) * 1e-9, r["driver"])
            for r in rows(path)}


def fmt(x, f="%.2f"):
    return "n/a" if x != x else f % x


def goodput_section(g, out):
    for n in g.ns:
        out.append("\n### %d receiver%s: datagrams/s each receiver got "
                   "(ratio to %s)\n" % (n, "s" if n > 1 else "",
                                         "plaintext" if n > 1 else
                                         "plaintext multicast; unicast rows: to unicast plaintext"))
        out.append("| config | " + " | ".join("%d B" % s for s in g.sizes) + " |")
        out.append("|---|" + "---|" * len(g.sizes))
        for c in g.configs(n):
            cells = ["%.0f (%s)" % (g.median(c, n, s), fmt(g.ratio(c, BASE[c], n, s)))
                     for s in g.sizes]
            out.append("| %s | %s |" % (c, " | ".join(cells)))


def targets_section(g, out):
    out.append("\n### Targets: slsec AES-GCM-128 against MACsec and ESP "
               "(median per-repetition goodput ratio)\n")
    out.append("| receivers | against | target | " +
               " | ".join("%d B" % s for s in g.sizes) + " |")
    out.append("|---|---|---|" + "---|" * len(g.sizes))
    for n in g.ns:
        for other, target in TARGETS:
            cells = []
            for s in g.sizes:
                r = g.ratio("slsec-gcm128", other, n, s)
                cells.append("%s %s" % (fmt(r), "met" if r >= target else "**missed**"))
            out.append("| %d | %s | >= %.1f | %s |" % (n, other, target, " | ".join(cells)))


def cost_section(g, crypto, out):
    out.append("\n### Cost beyond the crypto, 1 receiver: "
               "(t_config - t_plain) / (t_seal + t_open), t = 1 / datagram rate\n")
    out.append("1.0 would mean the configuration adds nothing but the AEAD; "
               "target for slsec AES-GCM-128: <= %.1f.\n" % COST_TARGET)
    out.append("| config | " + " | ".join("%d B" % s for s in g.sizes) + " |")
    out.append("|---|" + "---|" * len(g.sizes))
    costs = {}
    for c in g.configs(1):
        if c not in CRYPTO:
            continue
        cells = []
        for s in g.sizes:
            k = (CRYPTO[c], s + 8)
            if k not in crypto:
                cells.append("n/a")
                continue
            v = g.cost(c, 1, s, crypto[k][0] + crypto[k][1])
            costs[(c, s)] = v
            cells.append(fmt(v))
        out.append("| %s | %s |" % (c, " | ".join(cells)))
    return costs


def crypto_section(crypto, out):
    out.append("\n### The AEAD's own cost (slsec_bench.ko, same boot): "
               "microseconds per operation\n")
    out.append("| algorithm | driver | text bytes | seal | open |")
    out.append("|---|---|---|---|---|")
    for (alg, ln), (se, op, drv) in sorted(crypto.items()):
        out.append("| %s | %s | %d | %.1f | %.1f |" % (alg, drv, ln, se * 1e6, op * 1e6))


def timing_section(path, out):
    """slsec's hooks, timed in the kernel (timing.csv)."""
    if not os.path.exists(path):
        return
    out.append("\n### slsec's CPU time per datagram, 1 receiver (debugfs slsec/timing): "
               "microseconds in the seal and open hooks, AEAD calls included\n")
    out.append("hooks / AEAD is the cost beyond the crypto inside slsec itself; "
               "each mark includes a clock read.\n")
    out.append("| config | size | seal | its AEAD | open | its AEAD | slsec's own work "
               "| hooks / AEAD |")
    out.append("|---|---|---|---|---|---|---|---|")
    for r in rows(path):
        try:
            se, sa, op, oa = (int(r[k]) / 1000 for k in
                              ("seal_ns", "seal_aead_ns", "open_ns", "open_aead_ns"))
        except ValueError:
            continue
        out.append("| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %s |"
                   % (r["config"], r["size"], se, sa, op, oa, se + op - sa - oa,
                      fmt((se + op) / (sa + oa) if sa + oa else float("nan"))))


def scaling_data(path):
    """dim -> level -> [per-rep cost in us], [per-rep ratio], learned."""
    runs = {}
    for r in rows(path):
        k = (r["dim"], int(r["level"]), int(r["rep"]))
        runs.setdefault(k, {})[r["config"]] = r
    data = {}
    for (dim, level, _), cf in runs.items():
        if "plain" not in cf or "slsec" not in cf:
            continue
        p, s = float(cf["plain"]["rx_pps"] or 0), float(cf["slsec"]["rx_pps"] or 0)
        if not p or not s:
            continue
        d = data.setdefault(dim, {}).setdefault(level, ([], [], []))
        d[0].append((1 / s - 1 / p) * 1e6)
        d[1].append(s / p)
        d[2].append(int(cf["slsec"]["learned"]))
    return data


def scaling_section(data, out):
    out.append("\n### Scaling: slsec AES-GCM-128, 64 B, 1 receiver: time slsec "
               "adds per datagram (us, 1/slsec - 1/plain), median over repetitions\n")
    out.append("| dimension | level | added us/datagram | slsec/plain | senders learned |")
    out.append("|---|---|---|---|---|")
    for dim in ("groups", "senders", "window"):
        for level, (cost, ratio, learned) in sorted(data.get(dim, {}).items()):
            out.append("| %s | %d | %.1f | %.2f | %d |" % (dim, level, med(cost),
                                                        med(ratio), max(learned)))


def plots(g, data, results):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("report.py: matplotlib missing, no plots", file=sys.stderr)
        return
    fig, axes = plt.subplots(1, len(g.ns), figsize=(6 * len(g.ns), 4.5), squeeze=False)
    for ax, n in zip(axes[0], g.ns):
        for c in g.configs(n):
            ys = [g.median(c, n, s) * s * 8 / 1e6 for s in g.sizes]
            ax.plot(g.sizes, ys, marker="o", label=c,
                    linestyle="--" if c in UNICAST else "-")
        ax.set_xlabel("UDP payload (bytes)")
        ax.set_ylabel("goodput per receiver (Mbit/s)")
        ax.set_title("%d receiver%s" % (n, "s" if n > 1 else ""))
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(results, "goodput.png"), dpi=90)
    plt.close(fig)
    dims = [d for d in ("groups", "senders", "window") if d in data]
    if not dims:
        return
    fig, axes = plt.subplots(1, len(dims), figsize=(4.5 * len(dims), 4), squeeze=False)
    for ax, dim in zip(axes[0], dims):
        levels = sorted(data[dim])
        ys = [med(data[dim][lv][0]) for lv in levels]
        lo = [min(data[dim][lv][0]) for lv in levels]
        hi = [max(data[dim][lv][0]) for lv in levels]
        ax.errorbar(levels, ys, yerr=[[y - a for y, a in zip(ys, lo)],
                                      [b - y for y, b in zip(ys, hi)]],
                    marker="o", capsize=4)
        if dim != "window":
            ax.set_xscale("log")
        ax.set_ylim(bottom=0)
        ax.set_xlabel({"groups": "groups on the device",
                       "senders": "senders learned in the group",
                       "window": "replay window (packets)"}[dim])
        ax.set_ylabel("added time per datagram (us)")
        ax.grid(True, alpha=0.3)
    fig.suptitle("slsec AES-GCM-128, 64-byte datagrams: median, min-max over repetitions")
    fig.tight_layout()
    fig.savefig(os.path.join(results, "scaling.png"), dpi=90)
    plt.close(fig)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    results, accel, quick = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    g = Goodput(os.path.join(results, "goodput.csv"))
    crypto = crypto_table(os.path.join(results, "crypto.csv"))
    data = scaling_data(os.path.join(results, "scaling.csv"))
    reps = max(len(v) for v in g.pps.values())
    out = ["# slsec benchmark summary", "",
           "Run %s, Debian stock kernel in QEMU **%s**, %d repetition%s%s. "
           % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), accel.upper(),
              reps, "s" if reps > 1 else "", " (QUICK=1)" if quick else "")]
    if accel == "tcg":
        out.append("Under TCG absolute numbers are emulation speed; only ratios "
                   "measured in this one boot carry over to real hardware.")
    out.append("Workload: iperf2 UDP at full rate from UE 1 across a bridge to "
               "N receivers; goodput is what the receivers' servers counted.")
    goodput_section(g, out)
    targets_section(g, out)
    costs = cost_section(g, crypto, out)
    crypto_section(crypto, out)
    timing_section(os.path.join(results, "timing.csv"), out)
    scaling_section(data, out)
    out.append("\nRaw rows: goodput.csv, crypto.csv, timing.csv, scaling.csv. "
               "Plots: goodput.png, scaling.png.")
    text = "\n".join(out) + "\n"
    with open(os.path.join(results, "summary.md"), "w") as f:
        f.write(text)
    print(text)
    plots(g, data, results)
    miss = [s for s in g.sizes if costs.get(("slsec-gcm128", s), 0) > COST_TARGET]
    if miss:
        print("report.py: cost beyond the crypto above %.1f at %s bytes"
              % (COST_TARGET, ", ".join(map(str, miss))))


main()
