#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The integrity limit (RFC 9001 section 6.6), with the module's testing
# knob forgery_limit=8: forged frames under a real sender's current
# traffic key are counted per key (sender show), warned of at 7/8 and
# at the limit (one event each), and from then on every frame under that
# key is dropped before the AEAD, valid ones included
# (rx_drop_forgery_limit); the sender's other receivers and the group's
# other senders are unaffected.  Also: sender-mark on gives the
# receiving socket the authenticated sender id (SO_RCVMARK), and events
# raised by frames that did not authenticate say so.
. "$(dirname "$0")/lib/lib.sh"

LIMIT=8 NEAR=7
check "insmod slsec.ko forgery_limit=$LIMIT" load_slsec forgery_limit=$LIMIT
air_setup 1 2 3
air="$NS_PREFIX-air"
tmp=$(mktemp -d)
umask 077
printf '000102030405060708090a0b0c0d0e0f\n' >"$tmp/k1"
G=239.3.2.1
ue_slsec 1 group add dev air0 addr $G sender 1 sender-mark on
ue_slsec 2 group add dev air0 addr $G sender 2 sender-mark on
ue_slsec 3 group add dev air0 addr $G sender 3
for i in 1 2 3; do
	ue_slsec $i key add dev air0 addr $G id 1 keyfile "$tmp/k1"
done

check_output "group show: sender-mark on" " sender-mark on" \
	ue_slsec 2 group show dev air0 addr $G
check_output "group show -j: sender_mark false by default" '"sender_mark":false' \
	ue_slsec 3 -j group show dev air0 addr $G
check_output "group show -j: sender_mark" '"sender_mark":true' \
	ue_slsec 2 -j group show dev air0 addr $G
check_fails "sender-mark takes on or off" \
	ue_slsec 3 group set dev air0 addr $G sender-mark yes

# Frames an outsider makes: a member's header (sender, key, installation,
# time, a packet number not seen yet) and random bytes for the rest, put
# straight onto ue2's port of the bridge.
cat >"$tmp/forge.py" <<'EOF'
import socket, sys, time
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/../kunit"]
import hostile, vectors
dev, group, sender, key_id, install, pn, count, age = sys.argv[2:10]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((dev, 0))
g = hostile.Group(group, hostile.AES128, None)
for i in range(int(count)):
    body = g.forged(int(sender), int(pn) + i, key_id=int(key_id),
                    install=int(install, 0),
                    ts=hostile.now_ms() - int(age))
    s.send(hostile.eth(hostile.ipv4(g.raw, 253, body)))
    time.sleep(0.01)
EOF
forge() { $IP netns exec "$air" "$PY" "$tmp/forge.py" "$HERE" p2 $G "$@"; }

# A receiving socket that asks for the mark (SO_RCVMARK, 75; the cmsg is
# SOL_SOCKET/SO_MARK): prints the marks of --count datagrams.
cat >"$tmp/markrecv.py" <<'EOF'
import argparse, socket, struct, sys
sys.path.insert(0, sys.argv[1])
import mcast
SO_RCVMARK, SO_MARK = 75, 36
a = argparse.Namespace(group=sys.argv[2], port=5000, dev="air0")
n, ready = int(sys.argv[3]), sys.argv[4]
s = mcast.open_socket(a, True)
s.setsockopt(socket.SOL_SOCKET, SO_RCVMARK, 1)
s.settimeout(20)
open(ready, "w").close()
marks = []
try:
    while len(marks) < n:
        _, anc, _, _ = s.recvmsg(2048, socket.CMSG_SPACE(4))
        m = [struct.unpack("=I", d[:4])[0] for l, t, d in anc
             if l == socket.SOL_SOCKET and t == SO_MARK]
        marks.append(str(m[0]) if m else "none")
except socket.timeout:
    pass
print("marks " + " ".join(marks))
EOF
mark_start() { # UE FILE
	rm -f "$2.ready"
	in_ue "$1" "$PY" "$tmp/markrecv.py" "$HERE" $G 3 "$2.ready" >"$2" 2>&1 &
	MARK_PIDS="${MARK_PIDS:-} $!"
	for _ in $(seq 100); do [ -e "$2.ready" ] && return 0; sleep 0.1; done
}

mon_start "$NS_PREFIX-ue2" "$tmp/mon"
mon=$MON_PID
mon_start "$NS_PREFIX-ue2" "$tmp/monj" -j
monj=$MON_PID

pretty "sender-mark: the authenticated sender id as the socket's mark"
mark_start 2 "$tmp/m2"
mark_start 3 "$tmp/m3"
mark_start 1 "$tmp/m1"
check "ue1 sends 3 datagrams" in_ue 1 "$PY" "$HERE/mcast.py" send --group $G --count 3
for p in $MARK_PIDS; do wait "$p"; done
check_output "sender-mark on: ue2's socket sees mark 1 (ue1's sender id)" \
	"^marks 1 1 1$" cat "$tmp/m2"
check_output "sender-mark off: ue3's socket sees mark 0" "^marks 0 0 0$" \
	cat "$tmp/m3"
check_output "sender-mark on: ue1's own loopback copies carry its own id" \
	"^marks 1 1 1$" cat "$tmp/m1"

# sk FIELD: ue2's receive state of sender 1 under key 1.
sk() {
	ue_json 2 "[s for s in j if s['sender'] == 1][0]['keys'][0].get('$1', 'absent')" \
		sender show dev air0 addr $G
}
inst=$(sk install)
check_eq "ue2 follows sender 1's installation" 1 "$([ "$inst" != absent ] && echo 1)"
check_eq "no forgeries counted yet" 0 "$(sk forgeries)"

pretty "forged frames under sender 1's traffic key, up to the limit"
forge 1 1 "$inst" 1000 $LIMIT 0
check_eq "sender show counts every forged frame" $LIMIT "$(sk forgeries)"
check_eq "each one an authentication failure" $LIMIT "$(stat 2 $G rx_drop_auth)"
check_eq "none dropped for the limit yet" 0 "$(stat 2 $G rx_drop_forgery_limit)"
forge 1 1 "$inst" 2000 3 0
check_eq "past the limit: dropped before the AEAD" 3 \
	"$(stat 2 $G rx_drop_forgery_limit)"
check_eq "no more AEAD failures" $LIMIT "$(stat 2 $G rx_drop_auth)"
check_eq "and no more counted against the key" $LIMIT "$(sk forgeries)"

pretty "valid frames under the closed key are dropped too; others pass"
recv_start 2 $G "$tmp/r2"
recv_start 3 $G "$tmp/r3" --count 5
check "ue1 sends 5 more" in_ue 1 "$PY" "$HERE/mcast.py" send --group $G --count 5
recv_wait
check_output "ue2's application gets none of sender 1's" "^received 0 intact 0" \
	cat "$tmp/r2"
check_eq "every frame after the limit counted, valid ones included" 8 \
	"$(stat 2 $G rx_drop_forgery_limit)"
check_eq "ue2 opened only the first 3" 3 "$(stat 2 $G rx_packets)"
check_output "ue3 (its own traffic key for sender 1) got all 5" \
	"^received 5 intact 5" cat "$tmp/r3"
check_eq "ue3 counted no forgery drop" 0 "$(stat 3 $G rx_drop_forgery_limit)"
recv_start 2 $G "$tmp/s2" --count 5
check "ue3 sends 5" in_ue 3 "$PY" "$HERE/mcast.py" send --group $G --count 5
recv_wait
check_output "ue2 still receives the group's other sender" "^received 5 intact 5" \
	cat "$tmp/s2"

pretty "events of frames that did not authenticate"
forge 1 9 "$inst" 3000 1 0
forge 1 1 "$inst" 3001 1 60000
# The last event, in both monitors, before they stop.
mon_wait "$tmp/mon" "\] stale-frame "
mon_wait "$tmp/monj" '"event":"stale-frame"'
mon_stop $mon $monj
check_output "unknown-key from a forged frame: unauthenticated" \
	"\] unknown-key dev air0 addr $G id 9 sender 1 unauthenticated$" cat "$tmp/mon"
check_output "stale-frame from a forged frame: unauthenticated" \
	"\] stale-frame dev air0 addr $G id 1 sender 1 unauthenticated$" cat "$tmp/mon"
check_output "forgery-limit printed with its count" \
	"\] forgery-limit dev air0 addr $G id 1 sender 1 forgeries $LIMIT unauthenticated$" \
	cat "$tmp/mon"
check "JSON: one forgery-near-limit at $NEAR, one forgery-limit at $LIMIT" \
	"$PY" -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
near = [e for e in ev if e["event"] == "forgery-near-limit"]
lim = [e for e in ev if e["event"] == "forgery-limit"]
uk = [e for e in ev if e["event"] == "unknown-key"]
assert len(near) == 1 and len(lim) == 1, (near, lim)
assert (near[0]["forgeries"], lim[0]["forgeries"]) == (int(sys.argv[2]), int(sys.argv[3]))
assert near[0]["sender"] == lim[0]["sender"] == 1 and lim[0]["id"] == 1
assert len(uk) == 1 and uk[0]["unauthenticated"] is True, uk
' "$tmp/monj" $NEAR $LIMIT

for ns in 1 2 3; do $IP netns del "$NS_PREFIX-ue$ns"; done
check "rmmod slsec" rmmod slsec
check "no leaks (kmemleak)" kmemleak_clean
rm -rf "$tmp"
finish
