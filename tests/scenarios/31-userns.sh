#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What an unprivileged user can make the kernel pin (issue 16, finding 2):
# the root of a user namespace that owns its network namespace (unshare
# -Urn, any user) binds groups up to the namespace's limit and no
# further, with the reason in the error, nothing half-applied, and within
# a bound on the receive state its groups may ask for; what it pins is
# charged to its memory cgroup, so memory.max caps it (ENOMEM) instead of
# the host; and receive state the group's work item creates for remote
# senders is charged to the cgroup of whoever bound the group.
#
#  (a) and host ns h        (b) in memory cgroup D     (c) air_setup 1 2
#  +--------------------+   +----------------------+   +-------+   +-------+
#  | unshare -Urn:      |   | unshare -Urn:        |   | ue1   |   | ue2   |
#  | user ns owning     |   | fill.py, raw netlink |   | group |<--+ sends |
#  | its net ns         |   | (mlockall)           |   | bound |air| as    |
#  |                    |   |                      |   | from  |   | sender|
#  | d0 (dummy): groups |   | d0 (dummy): groups,  |   | cgroup|   | 1..49 |
#  | up to the limit    |   | keys, to ENOMEM      |   | E     |   |       |
#  +--------------------+   +----------------------+   +-------+   +-------+
#  h: d0 (dummy), max_groups 2   D: memory.max = current + 2 MiB
. "$(dirname "$0")/lib/lib.sh"

P=/sys/module/slsec/parameters
check "insmod slsec.ko" load_slsec
check_eq "default limits: 64 groups, 16 in a user namespace, 256 senders" \
	"64 16 256" "$(echo $(cat $P/max_groups $P/max_groups_userns $P/max_senders_userns))"
tmp=$(mktemp -d)
umask 077
printf '000102030405060708090a0b0c0d0e0f\n' >"$tmp/k16"
printf '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n' >"$tmp/kek"
export SLSEC_TOOL IP PY tmp

# --- (a) the limits, as the root of a user namespace ------------------
unshare -Urn bash -c '
	s() { "$SLSEC_TOOL" "$@"; }
	$IP link add d0 type dummy && $IP link set d0 up || exit 1
	for i in $(seq 16); do
		s group add dev d0 addr 239.2.0.$i sender 1 max-senders 8 || exit 1
	done
	echo "== 17th"; s group add dev d0 addr 239.2.0.17 sender 1 max-senders 8
	echo "rc=$?"
	echo "== info"; s info
	s -j info | "$PY" -c "import json, sys; j = json.load(sys.stdin)
print(\"json groups %d max_groups %d\" % (j[\"groups\"], j[\"max_groups\"]))"
	echo "== count $(s group show | grep -c "^dev d0")"
	s group del dev d0 addr 239.2.0.16
	echo "== budget"; s group add dev d0 addr 239.2.0.17 sender 1 max-senders 200
	echo "rc=$?"
	echo "== set"; s group set dev d0 addr 239.2.0.1 permissive max-senders 200
	echo "rc=$?"
	echo "== after"; s group show dev d0 addr 239.2.0.1
	echo "== fits"; s group add dev d0 addr 239.2.0.17 sender 1 max-senders 136
	echo "rc=$?"
	echo "== keys"; for k in $(seq 16); do
		s key add dev d0 addr 239.2.0.17 id $k keyfile "$tmp/k16" || exit 1
	done
	echo "== kek"; s kek add id 1 device 7 keyfile "$tmp/kek"
	echo "rc=$?"
' >"$tmp/a.out" 2>&1
arc=$?
sed -n '/^== 17th/,/^== info/p' "$tmp/a.out" | sed 's/^/# /'
sect() { sed -n "/^== $1/,/^== /p" "$tmp/a.out"; }
check_eq "user namespace: 16 groups bound" 0 "$arc"
check_output "the 17th group is refused with the limit named" \
	"^Error: namespace already binds the maximum number of groups \(module parameter max_groups_userns\)" \
	sect 17th
check_output "the refusal exits 2" "^rc=2" sect 17th
check_output "info: 16 groups of at most 16" "groups 16 max-groups 16" sect info
check_output "info -j: max_groups" "json groups 16 max_groups 16" sect info
check_output "the refused group was not bound" "^== count 16" cat "$tmp/a.out"
check_output "max-senders past the namespace's budget refused, named" \
	"^Error: max-senders over this namespace's receive state bound.*max_senders_userns" \
	sect budget
check_output "group set past the budget refused" "^rc=2" sect set
check_output "the refused set changed nothing (strict, max-senders 8)" \
	"addr 239.2.0.1 sender 1 .* strict .*max-senders 8 " sect after
check_output "within the budget (15 x 8 + 136 = 256) it binds" "^rc=0" sect fits
check_output "16 keys and a KEK in a user namespace's group" "^rc=0" sect kek

# The initial user namespace's namespaces: max_groups (the host's root).
netns_add h
check "max_groups lowered to 2 through sysfs" sh -c "echo 2 >$P/max_groups"
$IP -n "$NS_PREFIX-h" link add d0 type dummy
slsec -n "$NS_PREFIX-h" group add dev d0 addr 239.5.0.1 sender 1
slsec -n "$NS_PREFIX-h" group add dev d0 addr 239.5.0.2 sender 1
check_output "the third group of a host namespace is refused, named" \
	"^Error: namespace already binds the maximum number of groups \(module parameter max_groups\)" \
	slsec -n "$NS_PREFIX-h" group add dev d0 addr 239.5.0.3 sender 1
check_output "info tells the limit" "groups 2 max-groups 2" slsec -n "$NS_PREFIX-h" info
echo 64 >$P/max_groups
$IP netns del "$NS_PREFIX-h"

# --- memory cgroups ---------------------------------------------------
cg=/sys/fs/cgroup
if [ ! -e $cg/cgroup.controllers ]; then
	cg=$tmp/cg
	mkdir -p $cg && mount -t cgroup2 none $cg
fi
echo +memory >$cg/cgroup.subtree_control 2>/dev/null
check "memory controller available" grep -qw memory $cg/cgroup.subtree_control
# in_cg CG CMD...: run CMD in cgroup CG.
in_cg() { sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$@"; }
# kmem CG: what its kernel objects hold (slab and per-CPU), bytes.
kmem() {
	awk '$1 == "slab_unreclaimable" || $1 == "percpu" { s += $2 }
	     END { print s }' "$1/memory.stat"
}
export -f kmem

# --- (b) charged, and capped ----------------------------------------
# One process does it all, with raw netlink (tests/scenarios/lib/nlraw.py's
# way), its memory locked: no other process comes and goes in the cgroup
# to blur its counters, and at the cap nothing of it can be reclaimed or
# need faulting in.  First 16 groups x 16 keys are charged (memory.stat's
# slab and per-CPU bytes, which 272 requests that pin nothing leave as
# they were); then, capped at memory.current + 2 MiB with no OOM victim,
# adds end with ENOMEM.
cat >"$tmp/fill.py" <<'EOF'
import ctypes, os, socket, struct, subprocess, sys, time
ip, ready, go, memstat = sys.argv[1:5]
locked = ctypes.CDLL(None, use_errno=True).mlockall(3) == 0	# CURRENT|FUTURE
subprocess.run([ip, "link", "add", "d0", "type", "dummy"], check=True)
subprocess.run([ip, "link", "set", "d0", "up"], check=True)
ifindex = socket.if_nametoindex("d0")
sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
sock.bind((0, 0))
buf = bytearray(65536)
seq = 0


def a(t, v):
    v = struct.pack("I", v) if isinstance(v, int) else v
    return struct.pack("HH", 4 + len(v), t) + v + b"\0" * (-len(v) % 4)


def msg(fam, cmd, attrs):
    global seq
    seq += 1
    p = struct.pack("BBH", cmd, 1, 0) + attrs
    return struct.pack("IHHII", 16 + len(p), fam, 5, seq, 0) + p


def req(m):
    """errno of the request (0), and the first reply if any."""
    sock.send(m)
    while True:
        n = sock.recv_into(buf)
        typ = struct.unpack_from("H", buf, 4)[0]
        if typ == 2:
            return -struct.unpack_from("i", buf, 16)[0], None
        rep = bytes(buf[:n])
        sock.recv_into(buf)	# the ack
        return 0, rep


_, rep = req(msg(0x10, 3, a(2, b"slsec\0")))
off = 20
while off < len(rep):
    ln, t = struct.unpack_from("HH", rep, off)
    if t == 1:
        fam = struct.unpack_from("H", rep, off + 4)[0]
    off += (ln + 3) & ~3


def grp(i):
    return a(7, ifindex) + a(8, bytes([239, 7, i >> 8, i & 255]))


LIMIT, KEYS = 1500, 8
key = bytes(range(16))
adds = [(msg(fam, 2, grp(i) + a(10, 1) + a(17, 1)),
         [msg(fam, 6, grp(i) + a(14, k) + a(15, key)) for k in range(1, KEYS + 1)])
        for i in range(1, LIMIT)]
info = msg(fam, 1, b"")
# Warm up: the code and data the loop needs are in before the cap.
req(msg(fam, 2, grp(0) + a(10, 1) + a(17, 1)))
req(msg(fam, 6, grp(0) + a(14, 1) + a(15, key)))
req(msg(fam, 4, grp(0)))
req(info)
mi = os.open("/proc/meminfo", os.O_RDONLY)
ms = os.open(memstat, os.O_RDONLY)
mc = os.open(memstat.replace("memory.stat", "memory.current"), os.O_RDONLY)


def kb(fd, names, scale):
    try:
        text = os.pread(fd, 65536, 0).decode()
    except OSError:
        return -1
    return sum(int(l.split()[1]) * scale for l in text.splitlines()
               if l.split()[0].rstrip(":") in names)


KMEM = ("slab_unreclaimable", "percpu")
kb(ms, KMEM, 1)	# the seq_file buffers exist before the cap
cur0 = int(os.pread(mc, 64, 0))
time.sleep(3)
k0 = kb(ms, KMEM, 1)
for _ in range(272):
    req(info)
time.sleep(3)
k1 = kb(ms, KMEM, 1)
for i in range(2000, 2016):
    e = req(msg(fam, 2, grp(i) + a(10, 1) + a(17, 1)))[0]
    for k in range(1, 17):
        e = e or req(msg(fam, 6, grp(i) + a(14, k) + a(15, key)))[0]
    if e:
        print("charge phase: errno", e)
        break
time.sleep(3)
k2 = kb(ms, KMEM, 1)
cur2 = int(os.pread(mc, 64, 0))
print("charge", k0, k1, k2, cur0, cur2, int(locked), flush=True)
host0 = kb(mi, ("Slab", "Percpu"), 1024)
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.05)
groups = keys = err = 0
where = "none"
for g, ks in adds:
    err = req(g)[0]
    if err:
        where = "group"
        break
    groups += 1
    for k in ks:
        err = req(k)[0]
        if err:
            where = "key"
            break
        keys += 1
    if err:
        break
host1 = kb(mi, ("Slab", "Percpu"), 1024)
cg1 = kb(ms, ("slab_unreclaimable", "percpu"), 1)
try:
    cur = int(os.pread(mc, 64, 0))
except (OSError, ValueError):
    cur = -1
e, rep = req(info)
ngroups = -17	# the charge phase's 16 are not the loop's
off = 20
while rep and off < len(rep):
    ln, t = struct.unpack_from("HH", rep, off)
    if t == 5:
        ngroups = struct.unpack_from("I", rep, off + 4)[0] - 16
    off += (ln + 3) & ~3
print("result", groups, keys, err, where, ngroups, host1 - host0, cg1, cur)
EOF
D=$cg/slsec31-$$-d
mkdir $D
echo 100000 >$P/max_groups_userns
echo 1000000 >$P/max_senders_userns
rm -f "$tmp/ready" "$tmp/go"
(echo -1000 >/proc/self/oom_score_adj
 ulimit -l unlimited
 exec sh -c 'echo $$ >"$0/cgroup.procs" && exec unshare -Urn "$@"' $D \
	"$PY" "$tmp/fill.py" $IP "$tmp/ready" "$tmp/go" $D/memory.stat) \
	>"$tmp/fill.out" 2>&1 &
fill=$!
for _ in $(seq 900); do [ -e "$tmp/ready" ] && break; sleep 0.1; done
read -r _ k0 k1 k2 c0 c2 locked <<<"$(grep ^charge "$tmp/fill.out")"
# The structures' sizes (x86-64): slsec_group 2928, slsec_key 192 bytes.
need=$((16 * 2928 + 256 * 192))
echo "# kernel memory charged: control $((k1 - k0)) B, 16 groups + 256 keys $((k2 - k1)) B (structs $need B); memory.current $((c2 - c0)) B; memory locked: ${locked:-?}"
check "the control (272 requests pinning nothing) charged < half of that" \
	test $((k1 - k0)) -lt $((need / 2))
check "groups and keys are charged to the cgroup: delta >= their sizes" \
	test $((k2 - k1)) -ge $need
d0=$(cat $D/memory.current) dk0=$(kmem $D)
cap=$((d0 + 2 * 1024 * 1024))
echo $cap >$D/memory.max
: >"$tmp/go"
for _ in $(seq 1200); do kill -0 $fill 2>/dev/null || break; sleep 0.1; done
kill $fill 2>/dev/null
wait $fill
peak=$(cat $D/memory.peak 2>/dev/null || cat $D/memory.current)
read -r _ fg fk ferr fwhere fng fhost fcg fcur <<<"$(grep ^result "$tmp/fill.out")"
cat "$tmp/fill.out" | grep -v ^result | sed 's/^/# /' | head -5
echo "# capped at memory.current + 2 MiB: $fg groups, $fk keys, then errno $ferr on a $fwhere add; host slab+percpu +$fhost B, the cgroup's +$((fcg - dk0)) B"
check "memory.current rose to the cap with them ($d0 -> ${fcur:-?} of $cap)" \
	test "${fcur:-0}" -gt $((cap - 512 * 1024))
check_eq "the cap ends the adds with ENOMEM (errno 12)" 12 "${ferr:-}"
check "it stopped well before 1500 groups" test "${fg:-9999}" -lt 1499
check_eq "nothing half-applied: the namespace binds what succeeded" "${fg:-x}" "${fng:-y}"
check "memory.max was reached (memory.events: max)" \
	test "$(awk '$1 == "max" { print $2 }' $D/memory.events)" -gt 0
check "and never passed (peak $peak <= $cap)" test "$peak" -le "$cap"
[ -n "${fk:-}" ] && [ "${fk:-0}" -gt 0 ] &&
	echo "# per key (group share included): charged $(((fcg - dk0) / fk)) B, host $((fhost / fk)) B"
echo 16 >$P/max_groups_userns
echo 256 >$P/max_senders_userns

# --- (c) receive state for remote senders, charged to the group's owner
air_setup 1 2
E=$cg/slsec31-$$-e
mkdir $E
G=239.4.4.4
check "ue1's group bound from inside a cgroup" in_cg $E \
	$IP netns exec "$NS_PREFIX-ue1" "$SLSEC_TOOL" group add dev air0 addr $G \
	sender 100 replay-window 8192
in_cg $E $IP netns exec "$NS_PREFIX-ue1" "$SLSEC_TOOL" key add dev air0 \
	addr $G id 1 keyfile "$tmp/k16"
# send_as ID: ue2 sends one datagram to $G as sender ID (a new installation).
send_as() {
	ue_slsec 2 group add dev air0 addr $G sender "$1" &&
	ue_slsec 2 key add dev air0 addr $G id 1 keyfile "$tmp/k16" &&
	in_ue 2 "$PY" "$HERE/mcast.py" send --group $G --count 1 >/dev/null &&
	ue_slsec 2 group del dev air0 addr $G
}
nsenders() { senders_of 1 $G; }
send_as 1
sleep 3
e0=$(kmem $E)
for s in $(seq 2 49); do send_as "$s"; done
for _ in $(seq 50); do [ "$(nsenders)" = 49 ] && break; sleep 0.1; done
check_eq "ue1 learnt 49 senders" 49 "$(nsenders)"
sleep 3
e1=$(kmem $E)
# slsec_peer 176 + slsec_rxkey 80 + replay (8192 bits) 1040 + slsec_tkey 48
need=$((48 * (176 + 80 + 1040 + 48)))
echo "# receive state of 48 senders charged to the group owner's cgroup: $((e1 - e0)) B (structs $need B)"
check "receive state made by the work item is charged to the group's owner" \
	test $((e1 - e0)) -ge $need

netns_cleanup
sleep 1
rmdir $D $E 2>/dev/null
[ "$cg" = "$tmp/cg" ] && umount $cg
check "rmmod slsec" rmmod slsec
finish
