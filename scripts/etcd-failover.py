#!/usr/bin/env python3
"""Leader fail-over of a real etcd cluster, measured as `raftlens bench --kill-leader-every` measures RaftLens's.

Starts N etcd members on 127.0.0.1 (Debian's etcd-server 3.4: `apt-get install etcd-server`), with the Raft
timing of a RaftLens launch (--heartbeat-interval = TickInterval, --election-timeout = ElectionTick x TickInterval,
pre-vote on, as Fabric configures etcd raft; etcd always runs CheckQuorum), then repeatedly SIGKILLs the leader and
times kill -> every surviving member reports the same new leader (etcd's /v3/maintenance/status, polled every
2 ms). The killed member restarts from its data dir and catches up before the next kill. Prints one JSON object.

    scripts/etcd-failover.py --members 5 --tick-ms 100 --election-ticks 10 --kills 20

Everything binds 127.0.0.1, runs in a temporary directory and stops by itself (also on Ctrl-C).
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def status(port):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/v3/maintenance/status", data=b"{}", method="POST")
    try:
        with urllib.request.urlopen(req, timeout=0.2) as r:
            s = json.loads(r.read())
            return int(s["header"]["member_id"]), int(s.get("leader", 0)), int(s.get("raftTerm", 0))
    except Exception:
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=5)
    ap.add_argument("--tick-ms", type=int, default=100)
    ap.add_argument("--election-ticks", type=int, default=10)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--base-port", type=int, default=23790)
    ap.add_argument("--etcd", default=shutil.which("etcd") or "/usr/bin/etcd")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="etcd-failover-")
    client = [args.base_port + 2 * i for i in range(args.members)]
    peer = [args.base_port + 2 * i + 1 for i in range(args.members)]
    cluster = ",".join(f"m{i}=http://127.0.0.1:{peer[i]}" for i in range(args.members))
    procs = [None] * args.members

    def start(i, state):
        cmd = [args.etcd, "--name", f"m{i}", "--data-dir", os.path.join(work, f"m{i}"),
               "--listen-client-urls", f"http://127.0.0.1:{client[i]}",
               "--advertise-client-urls", f"http://127.0.0.1:{client[i]}",
               "--listen-peer-urls", f"http://127.0.0.1:{peer[i]}",
               "--initial-advertise-peer-urls", f"http://127.0.0.1:{peer[i]}",
               "--initial-cluster", cluster, "--initial-cluster-state", state,
               "--heartbeat-interval", str(args.tick_ms),
               "--election-timeout", str(args.tick_ms * args.election_ticks),
               "--pre-vote=true", "--logger", "zap", "--log-outputs", os.path.join(work, f"m{i}.log")]
        procs[i] = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop_all(*_):
        for p in procs:
            if p and p.poll() is None:
                p.kill()
        for p in procs:
            if p:
                p.wait()
        shutil.rmtree(work, ignore_errors=True)

    signal.signal(signal.SIGTERM, lambda *a: (stop_all(), sys.exit(1)))
    try:
        for i in range(args.members):
            start(i, "new")
        ids = {}

        def agreed(members, deadline):
            """The leader every member in `members` reports, once they all report the same non-zero one."""
            while time.monotonic() < deadline:
                seen = [status(client[i]) for i in members]
                if all(seen):
                    for i, s in zip(members, seen):
                        ids[s[0]] = i
                    leaders = {s[1] for s in seen}
                    if len(leaders) == 1 and 0 not in leaders:
                        return leaders.pop(), max(s[2] for s in seen)
                time.sleep(0.002)
            raise SystemExit(f"no agreed leader among members {members} (logs in {work})")

        leader, term = agreed(range(args.members), time.monotonic() + 30)
        times, terms = [], []
        for _ in range(args.kills):
            victim = ids[leader]
            t0 = time.monotonic()
            procs[victim].kill()
            procs[victim].wait()
            survivors = [i for i in range(args.members) if i != victim]
            while True:
                new, new_term = agreed(survivors, t0 + 30)
                if new != leader:
                    break
                time.sleep(0.002)
            times.append((time.monotonic() - t0) * 1000)
            terms.append(new_term - term)
            start(victim, "existing")
            leader, term = agreed(range(args.members), time.monotonic() + 30)
            time.sleep(1.0)
        print(json.dumps({
            "etcd": subprocess.run([args.etcd, "--version"], capture_output=True, text=True).stdout.split("\n")[0],
            "members": args.members, "heartbeatMs": args.tick_ms, "electionTimeoutMs": args.tick_ms * args.election_ticks,
            "preVote": True,
            "failover": {"leaderKills": len(times), "medianMs": round(statistics.median(times), 1),
                         "minMs": round(min(times), 1), "maxMs": round(max(times), 1),
                         "termIncrements": terms, "allMs": [round(t, 1) for t in times]}}))
    finally:
        stop_all()


if __name__ == "__main__":
    main()
