#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Compare the uAPI header ynl-gen-c makes from the spec with ours.

Usage: ynl_uapi.py GENERATED UAPI_INCLUDE_DIR

Every enumerator and define of the generated header must exist in
uapi/linux/slsec.h with the same value (ours compiled by the C compiler,
the generated one read as text: its list views repeat flat attribute
names, so it does not compile), and every one of ours must be generated;
the few names one side cannot have are listed below with the reason.
Prints TAP lines ("ok - ..." / "not ok - ...") for tap_lines.
"""
import os
import re
import subprocess
import sys
import tempfile

# Generated only: the count/max names of the list views (key-list,
# sender-list, kek-list), which are no uAPI enums.
GEN_ONLY = {f'{p}SLSEC_A_{v}_LIST_MAX' for p in ('', '__')
            for v in ('KEY', 'SENDER', 'KEK')}
# Ours only: render-max would name them __SLSEC_KEY_MAX and
# __SLSEC_EXPIRE_MAX (6.12 YNL has no enum-cnt-name).
UAPI_ONLY = {'__SLSEC_KEY_STATE_MAX', '__SLSEC_EXPIRE_KIND_MAX',
             'SLSEC_EXPIRE_KIND_MAX'}

NAME = r'(_*SLSEC_[A-Z0-9_]+)'


def tap(ok, desc, detail=()):
    print(('ok - ' if ok else 'not ok - ') + desc)
    for line in detail:
        print('#   ' + line)


def value(expr, known):
    expr = expr.strip().rstrip(',')
    m = re.fullmatch(r'\(' + NAME + r' - 1\)', expr)
    if m:
        return known[m.group(1)] - 1
    if expr.startswith('"'):
        return expr
    return int(expr, 0)


def generated(path):
    """Name -> value, and names defined twice with different values."""
    known, clash = {}, []
    nxt = None

    def put(name, val):
        if name in known and known[name] != val:
            clash.append(f'{name}: {known[name]} and {val}')
        known[name] = val

    for line in open(path):
        line = line.split('/*')[0].strip()
        m = re.match(r'#define\s+' + NAME + r'\s+(.*)', line)
        if m:
            put(m.group(1), value(m.group(2), known))
            continue
        if line.startswith('enum'):
            nxt = 0
            continue
        m = re.fullmatch(NAME + r'\s*(=\s*(.*?))?,?', line)
        if m and nxt is not None:
            if m.group(3):
                nxt = value(m.group(3), known)
            put(m.group(1), nxt)
            nxt += 1
    return known, clash


def ours(names, incdir):
    """Our header's value of each of @names, from the compiler."""
    src = ['#include <stdio.h>', '#include <linux/slsec.h>',
           '#define S(x) _Generic((x), char *: printf("%s \\"%s\\"\\n", #x, '
           '(char *)(x)), default: printf("%s %lld\\n", #x, (long long)(x)))',
           'int main(void) {']
    src += [f'S({n});' for n in sorted(names)] + ['return 0; }']
    with tempfile.TemporaryDirectory() as d:
        c, exe = os.path.join(d, 'u.c'), os.path.join(d, 'u')
        with open(c, 'w') as f:
            f.write('\n'.join(src) + '\n')
        subprocess.run(['cc', '-I', incdir, '-o', exe, c], check=True)
        out = subprocess.run([exe], check=True, capture_output=True,
                             text=True).stdout
    vals = {}
    for line in out.splitlines():
        n, v = line.split(' ', 1)
        vals[n] = v if v.startswith('"') else int(v)
    return vals


def main():
    gen, clash = generated(sys.argv[1])
    hdr = os.path.join(sys.argv[2], 'linux', 'slsec.h')
    text = re.sub(r'/\*.*?\*/', '', open(hdr).read(), flags=re.S)
    declared = set(re.findall(r'^\s*(?:#define\s+)?' + NAME + r'\b', text,
                              re.M))
    tap(not clash, 'generated header: each name has one value', clash)
    missing = sorted(declared - set(gen) - UAPI_ONLY)
    tap(not missing, 'every uapi enumerator and define is in the spec',
        missing)
    extra = sorted(set(gen) - declared - GEN_ONLY)
    tap(not extra, 'the spec generates nothing uapi lacks', extra)
    both = set(gen) & declared
    real = ours(both, sys.argv[2])
    diff = [f'{n}: spec {gen[n]}, uapi {real[n]}' for n in sorted(both)
            if gen[n] != real[n]]
    tap(not diff, f'{len(both)} generated values equal uapi/linux/slsec.h\'s',
        diff)
    return 0


if __name__ == '__main__':
    sys.exit(main())
