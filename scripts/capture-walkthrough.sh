#!/usr/bin/env bash
# Regenerates the captured output in docs/walkthrough.md from a real run: launches
# samples/five-orderers with ./raftlens launch, reads the election log, kills the leader through the
# control API, restarts it, scrapes the operations endpoints (and, when the prometheus binary is
# installed, evaluates the article's queries through a real Prometheus), launches samples/two-channels
# with the command its comment documents, then rewrites every block
# between <!-- capture:NAME --> and <!-- /capture:NAME --> in the walkthrough.
#
# usage: scripts/capture-walkthrough.sh [--check]
#   --check   capture into a temporary copy and only report which blocks changed (nothing written)
# needs: bash, curl, grep, sed, awk; the ports of the walkthrough free: 7050, 8050, 9050, 10050,
# 11050 (consenters), 8443-8447 (operations), 7080 (control API), 9090 (Prometheus).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
doc="docs/walkthrough.md"
check=false
[ "${1:-}" = "--check" ] && check=true

TICK="100ms"          # the walkthrough's --tick: elections 5x faster than Fabric's 500ms default
CONTROL="http://127.0.0.1:7080"
PROM_PORT=9090
work="$(mktemp -d)"
cap="$work/capture"
mkdir -p "$cap"
log="$work/launch.log"
launch_pid=""
prom_pid=""

cleanup() {
  # The launcher stops gracefully on SIGTERM (its shutdown hook hands leadership over, then stops the nodes).
  if [ -n "$prom_pid" ]; then kill -TERM "$prom_pid" 2>/dev/null || true; wait "$prom_pid" 2>/dev/null || true; fi
  if [ -n "$launch_pid" ]; then kill -TERM "$launch_pid" 2>/dev/null || true; wait "$launch_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

die() { echo "capture-walkthrough: $*" >&2; [ -f "$log" ] && tail -n 40 "$log" >&2; exit 1; }

wait_for() { # wait_for SECONDS WHAT COMMAND...
  local secs="$1" what="$2"; shift 2
  local end=$((SECONDS + secs))
  until "$@"; do
    [ "$SECONDS" -lt "$end" ] || die "timed out after ${secs}s waiting for $what"
    sleep 0.2
  done
}

# State-changing requests carry the per-launch token the launcher writes to its data dir (GETs need none).
post() { # post PATH [curl args...]
  local path="$1"; shift
  curl -fsS -X POST -H "X-RaftLens-Token: $(cat "$data_dir/control-token")" "$@" "$CONTROL$path"
}

# One line per node of GET /v1/network, so grep can pick running nodes and roles.
nodes() { curl -fs "$CONTROL/v1/network" | sed 's/},{"id"/}\n{"id"/g'; }
# The id of the running node whose role on mychannel is leader, when every running node agrees on it.
leader() {
  local n; n="$(nodes)" || return 1
  local l; l="$(printf '%s\n' "$n" | grep '"running":true' | grep '"role":"leader"' | sed -E 's/^.*"id":([0-9]+),.*$/\1/')"
  [ -n "$l" ] && [ "$(printf '%s\n' "$l" | wc -l)" -eq 1 ] || return 1
  local others; others="$(printf '%s\n' "$n" | grep '"running":true' | grep -vc "\"leader\":$l,")" || true
  [ "$others" -eq 0 ] || return 1
  echo "$l"
}
has_leader() { leader >/dev/null; }
new_leader() { local l; l="$(leader)" && [ "$l" != "$1" ]; }
lines() { wc -l <"$log"; }
# Election-related log lines of mychannel after line $1 (transport chatter and config switches left out).
election_lines() {
  tail -n +"$(($1 + 1))" "$log" | grep 'channel=mychannel' \
    | grep -vE 'PeerLink|switchToConfig|newRaft ->|Starting Raft node|Starting raft node|Writing block|Created block' || true
}
# The round that elected leader $2 after log line $1: from the winner's last "is starting a new election"
# before it "became leader" to its "Start accepting requests" (earlier rounds that failed while nodes were
# still starting are left out; the full log has them).
winning_round() {
  election_lines "$1" | awk -v l="$2" '
    { line[NR] = $0 }
    $0 ~ ("(Step|hup) -> " l " is starting a new election ") && !won { from = NR }
    $0 ~ ("becomeLeader -> " l " became leader ") { won = 1 }
    won && /Start accepting requests as Raft leader/ && $0 ~ ("node=" l "$") { to = NR; exit }
    END { if (!from || !to) exit 1; for (i = from; i <= to; i++) print line[i] }'
}
metrics() {
  local i
  for i in 0 1 2 3 4; do
    echo "# curl -s 127.0.0.1:$((8443 + i))/metrics | grep -E '^consensus_etcdraft_(cluster_size|active_nodes|is_leader|leader_changes|committed_block_number)'  (orderer$((i + 1)))"
    curl -fsS "127.0.0.1:$((8443 + i))/metrics" \
      | grep -E '^consensus_etcdraft_(cluster_size|active_nodes|is_leader|leader_changes|committed_block_number)\{' || echo "(no answer)"
  done
}
table() { # table: the live table as `raftlens launch` draws it on a terminal, from GET /v1/network
  # (its stdout here is a file, where it prints one change line per channel instead)
  nodes | awk '
    function field(obj, key,   m) {
      if (match(obj, "\"" key "\":(\"[^\"]*\"|[0-9]+|true|false)")) {
        m = substr(obj, RSTART + length(key) + 3, RLENGTH - length(key) - 3); gsub(/"/, "", m); return m
      }
      return ""
    }
    NR == 1 { match($0, /"channels":\[[^]]*\]/); list = substr($0, RSTART + 12, RLENGTH - 13); gsub(/"/, "", list)
              nch = split(list, chs, ",") }
    { n++; id[n] = field($0, "id"); name[n] = field($0, "name"); run[n] = field($0, "running"); line[n] = $0
      if (length(name[n]) > width) width = length(name[n]) }
    END {
      if (width < 4) width = 4
      fmt = "  %-3s %-" width "s  %-13s %5s %6s %7s\n"
      for (c = 1; c <= nch; c++) {
        print "channel " chs[c]; printf fmt, "id", "node", "role", "term", "leader", "height"
        for (i = 1; i <= n; i++) {
          if (run[i] == "true" && match(line[i], "\"" chs[c] "\":\\{[^}]*\\}")) {
            o = substr(line[i], RSTART, RLENGTH); l = field(o, "leader")
            printf fmt, id[i], name[i], field(o, "role"), field(o, "term"), (l == "0" ? "-" : l), field(o, "height")
          } else {
            printf fmt, id[i], name[i], "stopped", "-", "-", "-"
          }
        }
      }
    }'
}
promql() { # promql QUERY: the instant result, one "series value" line per element
  { curl -fsS --get "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1"; echo; } \
    | sed -E 's/.*"result":\[(.*)\]\}\}$/\1/; s/\},\{"metric"/}\n{"metric"/g' \
    | sed -E 's/^\{"metric":\{(.*)\},"value":\[[0-9.]+,"([^"]*)"\]\}$/{\1} \2/; s/"([a-z_]+)":"/\1="/g; s/^\{__name__="([^"]*)",?/\1{/; s/",/", /g' \
    | grep -v '^$' || echo "(empty result)"
}
prom_block() {
  local q
  for q in 'count(consensus_etcdraft_is_leader{channel="mychannel"} > 0)' \
           'consensus_etcdraft_is_leader{channel="mychannel"} > 0' \
           'max(consensus_etcdraft_cluster_size{channel="mychannel"})' \
           'sum(consensus_etcdraft_leader_changes{channel="mychannel"})'; do
    echo "> $q"
    promql "$q"
  done
}

echo "capture-walkthrough: building/launching (data in $work)…" >&2
./raftlens --version >/dev/null
{ echo "\$ ./raftlens validate samples/five-orderers"; ./raftlens validate samples/five-orderers 2>&1 || true; } >"$cap/validate.txt"
{ echo "\$ ./raftlens validate samples/broken/timing.yaml"; ./raftlens validate samples/broken/timing.yaml 2>&1 || true; } \
  >"$cap/validate-broken.txt"
data_dir="$work/data"
./raftlens launch samples/five-orderers/configtx.yaml --tick "$TICK" --fresh --data-dir "$data_dir" >"$log" 2>&1 &
launch_pid=$!

# 1. Launch and the first election.
wait_for 120 "a leader of mychannel" has_leader
sleep 1
first="$(leader)"
{
  echo "\$ ./raftlens launch samples/five-orderers/configtx.yaml --tick $TICK"
  # the token changes every launch: show it as $TOKEN, the name the later curl commands use
  grep '^raftlens launch:' "$log" | sed -e "s#$work/data#~/.cache/raftlens/…#" -e "s#X-RaftLens-Token: [A-Za-z0-9_-]*#X-RaftLens-Token: \$TOKEN#"
  echo "…"
  table
} >"$cap/launch.txt"
winning_round 0 "$first" >"$cap/election.txt"
grep -E "node=$first\$" "$cap/election.txt" >"$cap/election-winner.txt" || true
metrics >"$cap/metrics-before.txt"

if command -v prometheus >/dev/null; then
  prometheus --config.file=samples/observability/prometheus.yml --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn >"$work/prometheus.log" 2>&1 &
  prom_pid=$!
  wait_for 60 "Prometheus ready" curl -fs -o /dev/null "http://127.0.0.1:$PROM_PORT/-/ready"
  wait_for 60 "Prometheus to scrape a leader" sh -c "curl -fs --get http://127.0.0.1:$PROM_PORT/api/v1/query --data-urlencode 'query=count(consensus_etcdraft_is_leader{channel=\"mychannel\"} > 0)' | grep -q '\"1\"'"
  wait_for 60 "Prometheus to scrape all five orderers" sh -c "curl -fs --get http://127.0.0.1:$PROM_PORT/api/v1/query --data-urlencode 'query=count(consensus_etcdraft_leader_changes{channel=\"mychannel\"})' | grep -q '\"5\"'"
  prom_block >"$cap/prometheus-before.txt"
else
  echo "(prometheus is not installed here: apt-get install prometheus, then run the script again)" >"$cap/prometheus-before.txt"
fi

# 2. Kill the leader (a crash: nothing flushed beyond what was fsynced) and watch the new election.
mark="$(lines)"
{
  echo "\$ curl -s -X POST -H \"X-RaftLens-Token: \$TOKEN\" $CONTROL/v1/nodes/$first/kill"
  post "/v1/nodes/$first/kill"; echo
} >"$cap/kill-command.txt"
wait_for 60 "a new leader after killing node $first" new_leader "$first"
sleep 1
second="$(leader)"
winning_round "$mark" "$second" >"$cap/failover.txt"
grep -E "node=$second\$" "$cap/failover.txt" >"$cap/failover-winner.txt" || true
table >"$cap/failover-table.txt"

# 3. Rejoin: the killed node restarts at its old term. When its election timeout fires before the new
#    leader's heartbeat reaches it, its pre-vote is rejected by nodes that have a leader and it follows
#    at the current term; otherwise it just follows. Retry (down again, up again) until the log shows
#    the rejected pre-vote, as the article does.
attempt=0
rejoin=""
while :; do
  attempt=$((attempt + 1))
  sleep 4   # long enough for the leader's reconnect backoff to reach its cap (2 s)
  mark="$(lines)"
  start_resp="$(post "/v1/nodes/$first/start")"
  wait_for 60 "node $first to follow leader $second" sh -c "curl -fs $CONTROL/v1/network | sed 's/},{\"id\"/}\n{\"id\"/g' | grep '\"id\":$first,' | grep -q '\"role\":\"follower\",\"term\":[0-9]*,\"leader\":$second,'"
  sleep 1
  rejoin="$(election_lines "$mark")"
  if printf '%s\n' "$rejoin" | grep -qE 'rejected MsgPreVote|ignored MsgPreVote'; then break; fi
  [ "$attempt" -lt 30 ] || { echo "capture-walkthrough: no rejected pre-vote in $attempt rejoins; keeping the last one" >&2; break; }
  post "/v1/nodes/$first/kill" >/dev/null
done
{
  echo "\$ curl -s -X POST -H \"X-RaftLens-Token: \$TOKEN\" $CONTROL/v1/nodes/$first/start"
  echo "$start_resp"
} >"$cap/rejoin-command.txt"
printf '%s\n' "$rejoin" >"$cap/rejoin.txt"
table >"$cap/rejoin-table.txt"
metrics >"$cap/metrics-after.txt"
if [ -n "$prom_pid" ]; then
  sleep 8   # a few scrapes after the rejoin
  prom_block >"$cap/prometheus-after.txt"
else
  cp "$cap/prometheus-before.txt" "$cap/prometheus-after.txt"
fi
echo "captured: first leader orderer$first, after the kill orderer$second, rejoin attempts $attempt" >&2

# 4. Two channels, each its own Raft group: the sample's documented command, Fabric's default tick.
kill -TERM "$launch_pid"; wait "$launch_pid" 2>/dev/null || true; launch_pid=""
if [ -n "$prom_pid" ]; then kill -TERM "$prom_pid"; wait "$prom_pid" 2>/dev/null || true; prom_pid=""; fi
two_args="$(grep -oE '\./raftlens launch samples/two-channels/[^`]+$' samples/two-channels/configtx.yaml | head -1 | sed 's#^\./raftlens launch ##')"
log="$work/two-channels.log"
# shellcheck disable=SC2086 # the documented arguments, word-split as the shell would
data_dir="$work/data2"
./raftlens launch $two_args --fresh --data-dir "$data_dir" >"$log" 2>&1 &
launch_pid=$!
both_led() {
  local n; n="$(nodes | grep '"running":true')" || return 1
  [ "$(printf '%s\n' "$n" | grep -c '"sys-channel":{"role":"leader"')" -eq 1 ] \
    && [ "$(printf '%s\n' "$n" | grep -c '"mychannel":{"role":"leader"')" -eq 1 ]
}
wait_for 120 "a leader on each channel" both_led
sleep 1
{
  echo "\$ ./raftlens launch $two_args"
  echo "…"
  table
  for i in 0 1 2 3 4; do
    curl -fsS "127.0.0.1:$((8443 + i))/metrics" | grep '^consensus_etcdraft_is_leader{' | grep ' 1$' \
      | sed "s/\$/   # orderer$((i + 1)), 127.0.0.1:$((8443 + i))/" || true
  done
} >"$cap/two-channels.txt"
# Move sys-channel's leader to a node that leads neither channel; mychannel must not notice.
chan_leader() { nodes | grep '"running":true' | grep "\"$1\":{\"role\":\"leader\"" | sed -E 's/^.*"id":([0-9]+),.*$/\1/'; }
sys_leader="$(chan_leader sys-channel)"
my_leader="$(chan_leader mychannel)"
to=1
while [ "$to" = "$sys_leader" ] || [ "$to" = "$my_leader" ]; do to=$((to + 1)); done
{
  echo "\$ curl -s -X POST -H \"X-RaftLens-Token: \$TOKEN\" $CONTROL/v1/channels/sys-channel/transfer-leader -d '{\"to\":$to}'"
  post "/v1/channels/sys-channel/transfer-leader" -d "{\"to\":$to}"; echo
} >"$cap/two-channels-transfer.txt"
wait_for 60 "sys-channel led by node $to" sh -c "[ \"\$(curl -fs $CONTROL/v1/network | sed 's/},{\"id\"/}\n{\"id\"/g' | grep '\"sys-channel\":{\"role\":\"leader\"' | sed -E 's/^.*\"id\":([0-9]+),.*\$/\\1/')\" = $to ]"
sleep 1
{
  table
  grep 'channel=sys-channel' "$log" | grep -E 'starts to transfer leadership|MsgTimeoutNow|became leader|Raft leader changed' \
    | awk '!seen[$0]++' | tail -n 12 || true
} >>"$cap/two-channels-transfer.txt"

# 5. Rewrite the blocks of the walkthrough.
out="$work/walkthrough.md"
awk -v dir="$cap" '
  /^<!-- capture:[a-z0-9-]+ -->$/ {
    name = $0; sub(/^<!-- capture:/, "", name); sub(/ -->$/, "", name)
    print; print "```text"
    file = dir "/" name ".txt"
    if ((getline line < file) < 0) { print "capture-walkthrough: no capture named " name > "/dev/stderr"; exit 3 }
    do { print line } while ((getline line < file) > 0)
    close(file); print "```"; skip = 1; next
  }
  /^<!-- \/capture:[a-z0-9-]+ -->$/ { skip = 0 }
  !skip { print }
' "$doc" >"$out"
if $check; then
  diff -q "$doc" "$out" >/dev/null && echo "walkthrough unchanged" || echo "walkthrough would change (run without --check)"
else
  cp "$out" "$doc"
  echo "capture-walkthrough: rewrote $(grep -c '^<!-- capture:' "$doc") blocks in $doc" >&2
fi
