#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Hold Documentation/netlink/specs/slsec.yaml to the running kernel.

  ynl.py policy YNLDIR SPEC NLCTRL_FAMILY.json NLCTRL_POLICY.json
      the kernel's ops (nlctrl getfamily) and policies (getpolicy), as
      cli.py printed them, against the spec's operations and checks
  ynl.py compare WHAT YNL.json SLSEC.json
      a cli.py reply against `slsec -j`'s view of the same object
      (WHAT: info, kek, group, key, stats, sender)

Prints "ok - ..." / "not ok - ..." lines for lib.sh's tap_lines, and
"# note: ..." for what the kernel accepts beyond the spec's requests.
"""
import json
import sys

TYPE_MAX = {'u8': 0xff, 'u16': 0xffff, 'u32': 0xffffffff,
            'u64': 0xffffffffffffffff}
KERNEL_TYPE = {'u8': 'u8', 'u16': 'u16', 'u32': 'u32', 'u64': 'u64',
               'flag': 'flag', 'binary': 'binary', 'string': 'nul-string',
               'nest': 'nested'}


def tap(ok, desc, detail=()):
    print(('ok - ' if ok else 'not ok - ') + desc)
    for line in detail:
        print('#   ' + str(line))


def load(path):
    with open(path) as f:
        return json.load(f)


def limit(spec, val, default):
    """A check's value: a literal or the name of a const."""
    if val is None:
        return default
    if isinstance(val, int):
        return val
    return spec.consts[val]['value']


def expect(spec, attr):
    """What nlctrl reports for a spec attribute (None: the kernel's key
    is absent)."""
    t = attr['type']
    checks = attr.yaml.get('checks', {})
    want = {'type': KERNEL_TYPE.get(t, t)}
    if t in TYPE_MAX:
        want['min-value-u'] = limit(spec, checks.get('min'), 0)
        want['max-value-u'] = limit(spec, checks.get('max'), TYPE_MAX[t])
    elif t in ('binary', 'string'):
        exact = limit(spec, checks.get('exact-len'), None)
        if exact is not None:
            want['min-length'] = want['max-length'] = exact
        else:
            want['max-length'] = limit(spec, checks.get('max-len'), None)
    return want


def kernel_policies(dump):
    """policy index -> {attr: entry}, and cmd -> {'do'|'dump': index}."""
    pols, ops = {}, {}
    for msg in dump:
        if 'policy' in msg:
            p = msg['policy']
            pols.setdefault(p['policy-id'], {})[p['attr-id']] = p
        if 'op-policy' in msg:
            o = dict(msg['op-policy'])
            ops[o.pop('op-id')] = o
    return pols, ops


def check_ops(spec, fam):
    kops = {}
    for entry in fam['ops']:
        for op in entry.values():
            kops[op['id']] = set(op.get('flags', []))
    bad = []
    for name, op in spec.ops.items():
        if op.value == 0:
            continue
        flags = kops.pop(op.value, None)
        if flags is None:
            bad.append(f'{name} ({op.value}): not in the kernel')
            continue
        want = set(op.yaml.get('flags', []))
        want |= {'cmd-cap-' + m for m in ('do', 'dump') if m in op.yaml}
        got = flags - {'cmd-cap-haspol'}
        if want != got:
            bad.append(f'{name}: spec {sorted(want)}, kernel {sorted(got)}')
    bad += [f'kernel op {v} not in the spec' for v in kops]
    nops = sum(1 for op in spec.ops.values() if op.value)
    tap(not bad, f'{nops} operations: do/dump and permissions as the kernel '
        'has them', bad)
    kgrp = sorted(e['name'] for g in fam.get('mcast-groups', [])
                  for e in g.values())
    sgrp = sorted(spec.mcast_groups)
    tap(kgrp == sgrp, f'multicast groups {sgrp}',
        [] if kgrp == sgrp else [f'kernel {kgrp}'])


def check_policies(spec, pols, ops):
    flat = spec.attr_sets['slsec']
    by_val = flat.attrs_by_val
    drift, refused, checked = [], [], 0
    for name, op in spec.ops.items():
        if op.value == 0:
            continue
        for mode in ('do', 'dump'):
            if mode not in op.yaml:
                continue
            idx = ops.get(op.value, {}).get(mode)
            pol = pols.get(idx, {}) if idx is not None else {}
            for aid, entry in sorted(pol.items()):
                attr = by_val.get(aid)
                if attr is None:
                    drift.append(f'{name} {mode}: attr {aid} not in the spec')
                    continue
                want = expect(spec, attr)
                got = {k: entry.get(k) for k in want}
                checked += 1
                if want != got:
                    drift.append(f'{name} {mode} {attr.name}: spec {want}, '
                                 f'kernel {got}')
            req = op.yaml[mode].get('request', {}).get('attributes', [])
            for a in req:
                if flat[a].value not in pol:
                    refused.append(f'{name} {mode}: {a}')
            extra = sorted(by_val[a].name for a in pol
                           if a in by_val and by_val[a].name not in req)
            if extra:
                print(f'# note: {name} {mode} accepts and ignores: '
                      + ' '.join(extra))
    tap(not drift, f'{checked} kernel policy entries match the spec\'s '
        'types and checks', drift)
    tap(not refused, 'the kernel accepts every request attribute the spec '
        'lists', refused)


def policy(ynldir, spec_path, fam_path, pol_path):
    sys.path.insert(0, ynldir)
    from lib import SpecFamily  # pylint: disable=import-outside-toplevel
    spec = SpecFamily(spec_path, '')	# validated by cli.py before
    fam = load(fam_path)
    check_ops(spec, fam)
    check_policies(spec, *kernel_policies(load(pol_path)))


def dashed(d):
    return {k.replace('_', '-'): v for k, v in d.items()}


def group_addr(r):
    return r.get('addr4') or r.get('addr6')


def cmp_info(y, s):
    algs = y.get('info-algs', {}).get('id', [])
    bst = {k: v for k, v in y['bundle-stats'].items()}
    return ({'version': y['info-version'], 'abi': y['info-abi'],
             'ipproto': y['info-ipproto'], 'groups': y['info-ngroups'],
             'max_groups': y['max-groups'], 'algorithms': algs,
             'require_sealed': 'on' if y['require-sealed'] else 'off',
             'keks': [k['kek-id'] for k in
                      y.get('keks', {}).get('kek-id', [])],
             'bundles': bst},
            {**{k: s.get(k, 0) for k in ('version', 'abi', 'ipproto',
                                         'groups', 'max_groups',
                                         'algorithms', 'require_sealed',
                                         'keks')},
             'bundles': dashed(s['bundles'])})


def cmp_kek(y, s):
    keks = y.get('keks', {}).get('kek-id', [])
    return ([{'id': k['kek-id'], 'device': k['device-id'],
              'seq': k.get('bundle-seq')} for k in keks],
            [{'id': k['id'], 'device': k['device'], 'seq': k.get('seq')}
             for k in s])


def cmp_group(y, s):
    mine = [{'ifindex': g['ifindex'], 'addr': group_addr(g),
             'sender': g['sender'], 'alg': g['alg'],
             'replay_window': g['replay-window'], 'mode': g['mode'],
             'keys': g.get('keys', {}).get('key-id', []),
             'tx_key': g.get('tx-key-id'), 'max_senders': g['max-senders'],
             'senders': g['nsenders'], 'grace_ms': g['grace'],
             'freshness_ms': g['freshness'],
             'revoked_senders': g.get('revoked-senders', {}).get('sender', []),
             'stats': g['stats']} for g in y]
    theirs = [{'ifindex': g['ifindex'], 'addr': g['addr'],
               'sender': g['sender'], 'alg': g['alg'],
               'replay_window': g['replay_window'], 'mode': g['mode'],
               'keys': g['keys'], 'tx_key': g.get('tx_key'),
               'max_senders': g['max_senders'], 'senders': g['senders'],
               'grace_ms': g['grace_ms'],
               'freshness_ms': g.get('freshness_ms', 0),
               'revoked_senders': g.get('revoked_senders', []),
               'stats': {k: v for k, v in dashed(g['stats']).items()}}
              for g in s]
    return mine, theirs


def cmp_stats(y, s):
    return ([{'addr': group_addr(g), 'stats': g['stats']} for g in y],
            [{'addr': g['addr'], 'stats': dashed(g['stats'])} for g in s])


def cmp_key(y, s):
    def lt(d):
        return {k.replace('-ms', '').replace('_ms', '').replace('_', '-'): v
                for k, v in d.items() if not k.endswith('left')}
    return ([{'addr': group_addr(k), 'id': k['key-id'], 'alg': k['alg'],
              'state': k['key-state'], 'usage': k['key-usage'],
              'lifetime': k.get('lifetime', {})} for k in y],
            [{'addr': k['addr'], 'id': k['id'], 'alg': k['alg'],
              'state': k['state'],
              'usage': {u.replace('_', '-'): k[u] for u in
                        ('tx_packets', 'tx_bytes', 'rx_packets', 'rx_bytes')},
              'lifetime': lt(k.get('lifetime', {}))} for k in s])


def cmp_sender(y, s):
    return ([{'sender': p['sender'],
              'keys': [k['key-id'] for k in
                       p.get('sender-keys', {}).get('sender-key', [])]}
             for p in y],
            [{'sender': p['sender'], 'keys': [k['key'] for k in p['keys']]}
             for p in s])


def compare(what, ynl_path, slsec_path):
    y, s = load(ynl_path), load(slsec_path)
    if what in ('group', 'key', 'stats', 'sender') and y is None:
        y = []
    if what == 'group' and isinstance(y, dict):
        y = [y]
    mine, theirs = globals()['cmp_' + what](y, s)
    tap(mine == theirs, f'{what}: cli.py and slsec -j agree',
        [f'ynl:   {json.dumps(mine, sort_keys=True)}',
         f'slsec: {json.dumps(theirs, sort_keys=True)}']
        if mine != theirs else [])


def main():
    if sys.argv[1] == 'policy':
        policy(*sys.argv[2:6])
    else:
        compare(*sys.argv[2:5])
    return 0


if __name__ == '__main__':
    sys.exit(main())
