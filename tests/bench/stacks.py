#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Where a datagram's time goes, from `perf script` output of a run at a
known rate (tests/bench/profile-guest.sh): microseconds per datagram by
symbol (self time), and under slsec's hooks by the functions they call.

    stacks.py STACKS HZ DATAGRAMS_PER_SECOND [ROOT...]

One sample is 1/HZ seconds of CPU; over the run's datagrams it is a
share of one datagram's time.  Under TCG a sample lands where QEMU
delivers the timer interrupt (the end of a translated block): read
small numbers with that skid in mind.
"""
import collections
import re
import sys

FRAME = re.compile(r"\s+[0-9a-f]+ (\S+?)(\+0x[0-9a-f]+)? \(")


def load(path):
    """Stacks as lists of symbols, the sampled one first."""
    stacks, cur = [], None
    with open(path) as f:
        for line in f:
            if line.startswith((" ", "\t")):
                m = FRAME.match(line)
                if m and cur is not None:
                    cur.append(m.group(1))
            elif line.strip():
                if cur:
                    stacks.append(cur)
                cur = []
    if cur:
        stacks.append(cur)
    return stacks


def tree(stacks, root, us):
    """Samples under @root by the function it called (or itself)."""
    below, own = collections.Counter(), 0
    for s in stacks:
        if root not in s:
            continue
        i = s.index(root)
        if i == 0:
            own += 1
        else:
            below[s[i - 1]] += 1
    total = own + sum(below.values())
    print("\n%s: %.2f us a datagram (itself %.2f)" % (root, total * us, own * us))
    for name, n in below.most_common(14):
        print("  %7.2f  %s" % (n * us, name))


def main():
    path, hz, rate = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    roots = sys.argv[4:] or ["slsec_hook_out", "slsec_hook_in"]
    stacks = load(path)
    secs = len(stacks) / hz
    us = 1e6 / hz / (rate * secs) if rate and stacks else 0
    print("%d samples (%.1f s of CPU) at %.0f datagrams/s: %.2f us a datagram"
          % (len(stacks), secs, rate, len(stacks) * us))
    print("\nself time, us a datagram:")
    own = collections.Counter(s[0] for s in stacks if s)
    for name, n in own.most_common(25):
        print("  %7.2f  %s" % (n * us, name))
    for root in roots:
        tree(stacks, root, us)


if __name__ == "__main__":
    main()
