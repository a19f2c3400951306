#!/usr/bin/env bash
# 100,000 simulated wristbands, each its own MQTT connection, from one machine whose processes may each open only
# about 20,000 files (a container's hard `ulimit -n`): the bands run in several simulator processes
# (`shouhu-sim load --processes`), spread over several edge Mosquitto brokers (each under the limit), and every edge
# bridges the uplinks (`shouhu/v1/+/up/+`, QoS 1) to one front broker, where the platform subscribes, and the
# downlinks back. The script writes the broker configurations to a temporary directory (where the brokers also keep
# their persistence files), starts the brokers and a subscriber counting what reaches the front broker, runs the
# fleet, samples the resident memory, open files and CPU time of every process while it runs, prints the figures and
# stops everything it started.
#
# Usage: firmware-sim/scripts/fleet-100k.sh [options] [-- more shouhu-sim load options]
#   -n N               bands (default 100000)
#   --brokers B        edge brokers (default 6)
#   --processes P      simulator processes (default 6)
#   --addresses K      loopback source addresses 127.0.0.2 .. 127.0.0.(K+1) (default 16: the kernel hands out
#                      about 14,000 ports per address cheaply, see docs/simulator.md, "Source ports")
#   --connect-rate R   new connections per second, all processes together (default 1000)
#   --hold D           how long the fleet runs once connected, real time (default 3m)
#   --event-loops E    event loops per simulator process (default 1)
#   --front-port PORT  the front broker's port; the edges listen on the next B ports (default 18830)
#   --external-front   a front broker already listens on 127.0.0.1:PORT (e.g. the one a running server subscribes
#                      to): bridge to it instead of starting one
#   --jar FILE         the simulator jar (default: the newest firmware-sim/target*/firmware-sim-*-cli.jar)
#   --keep DIR         keep the configurations, logs and samples in DIR (default: a temporary directory, removed)
#
# On a shared machine take the benchmark lock: flock /tmp/shouhu-bench.lock firmware-sim/scripts/fleet-100k.sh
set -euo pipefail

bands=100000 brokers=6 processes=6 addresses=16 rate=1000 hold=3m loops=1 front_port=18830 external_front="" jar="" keep=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) bands=$2; shift 2 ;;
        --brokers) brokers=$2; shift 2 ;;
        --processes) processes=$2; shift 2 ;;
        --addresses) addresses=$2; shift 2 ;;
        --connect-rate) rate=$2; shift 2 ;;
        --hold) hold=$2; shift 2 ;;
        --event-loops) loops=$2; shift 2 ;;
        --front-port) front_port=$2; shift 2 ;;
        --external-front) external_front=yes; shift ;;
        --jar) jar=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        --) shift; break ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "fleet-100k: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

here=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z "$jar" ]]; then
    jar=$(ls -t "$here"/target*/firmware-sim-*-cli.jar 2>/dev/null | head -1 || true)
fi
[[ -f "$jar" ]] || { echo "fleet-100k: no simulator jar; build it (mvn -pl firmware-sim -am package) or give --jar" >&2; exit 2; }
command -v mosquitto >/dev/null && command -v mosquitto_sub >/dev/null \
    || { echo "fleet-100k: needs mosquitto and mosquitto_sub (apt-get install mosquitto mosquitto-clients)" >&2; exit 2; }

if [[ -n "$keep" ]]; then work=$keep; mkdir -p "$work"; else work=$(mktemp -d /tmp/shouhu-fleet-100k.XXXXXX); fi
# Every process started here gets the hard limit of open files as its soft limit.
ulimit -n "$(ulimit -Hn)"
limit=$(ulimit -n)

pids=()
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    # The bridges' sessions on an external front would outlive the run: connecting with their client ids and a
    # clean session removes them.
    if [[ -n "$external_front" ]]; then
        for ((b = 1; b <= brokers; b++)); do
            mosquitto_sub -h 127.0.0.1 -p "$front_port" -i "shouhu-edge$b" -t shouhu-fleet-100k-end -E 2>/dev/null || true
        done
    fi
    [[ -n "$keep" ]] || rm -rf "$work"
}
trap stop_all EXIT

# Every broker keeps its sessions and queued messages in a directory of its own under the work directory, saved at
# an orderly stop (SIGTERM) and every autosave interval, and each bridge keeps its session (cleansession false): an
# edge restarted with its configuration still forwards what it acknowledged to bands and had not yet forwarded to the
# front. The brokers run as this user (`user`), so that they can write there.
broker_conf() { # name port [bridge]
    mkdir -p "$work/$1.db"
    cat <<EOF
listener $2 127.0.0.1
allow_anonymous true
user $(id -un)
persistence true
persistence_location $work/$1.db/
autosave_interval 30
max_connections -1
max_queued_messages 100000
connection_messages false
log_dest stderr
log_type error
log_type warning
EOF
    if [[ -n "${3:-}" ]]; then
        cat <<EOF
connection $1-to-front
address 127.0.0.1:$front_port
clientid shouhu-$1
cleansession false
bridge_protocol_version mqttv311
try_private true
topic shouhu/v1/+/up/+ out 1
topic shouhu/v1/+/down/+ in 1
EOF
    fi
}

broker_pids=() broker_names=() urls=()
if [[ -z "$external_front" ]]; then
    broker_conf front "$front_port" > "$work/front.conf"
    mosquitto -c "$work/front.conf" 2> "$work/front.log" & pids+=($!); broker_pids+=($!); broker_names+=(front)
fi
for ((b = 1; b <= brokers; b++)); do
    port=$((front_port + b))
    broker_conf "edge$b" "$port" bridge > "$work/edge$b.conf"
    mosquitto -c "$work/edge$b.conf" 2> "$work/edge$b.log" & pids+=($!); broker_pids+=($!); broker_names+=("edge$b")
    urls+=("tcp://127.0.0.1:$port")
done
sleep 2
for pid in "${broker_pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "fleet-100k: a broker did not start; see $work/*.log" >&2; keep=$work; exit 1; }
done

# What reaches the front broker: one line (the topic) per uplink, as the platform would receive them.
mosquitto_sub -h 127.0.0.1 -p "$front_port" -q 1 -t 'shouhu/v1/+/up/+' -F '%t' > "$work/front.topics" &
pids+=($!)

sources=$(seq -f '127.0.0.%g' 2 $((addresses + 1)) | paste -sd, -)
(IFS=,; echo "fleet-100k: $bands bands, $processes processes, $brokers edge brokers (${urls[*]}) bridged to" \
    "127.0.0.1:$front_port, source addresses $sources, $rate connections/s, hold $hold, open-file limit $limit per process")
echo "fleet-100k: load average $(cat /proc/loadavg)"

java -Xmx64m -jar "$jar" load -n "$bands" --processes "$processes" --event-loops "$loops" \
    --broker "$(IFS=,; echo "${urls[*]}")" --source-addresses "$sources" --connect-rate "$rate" --duration "$hold" \
    "$@" > "$work/summary.txt" 2> >(tee "$work/simulator.log" >&2) &
sim=$!
pids+=($sim)

# Every 10 s: resident memory (VmRSS, KiB), open files and CPU time used so far (s) of every broker and simulator
# process, one line each: seconds-since-start name pid rss open-files cpu-seconds.
ticks=$(getconf CLK_TCK)
describe() { # pid
    echo "$(awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)" \
        "$(ls "/proc/$1/fd" 2>/dev/null | wc -l)" \
        "$(awk -v hz="$ticks" '{sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz}' "/proc/$1/stat" 2>/dev/null || echo 0)"
}
sample() {
    local t=$1 name pid
    for ((b = 0; b < ${#broker_pids[@]}; b++)); do
        echo "$t ${broker_names[$b]} ${broker_pids[$b]} $(describe "${broker_pids[$b]}")"
    done
    for pid in $sim $(pgrep -x -P "$sim" java || true); do
        echo "$t sim$([[ $pid == "$sim" ]] && echo -parent) $pid $(describe "$pid")"
    done
}
start=$(date +%s)
while kill -0 "$sim" 2>/dev/null; do
    sample $(($(date +%s) - start)) >> "$work/samples.txt"
    sleep 10
done
set +e
wait "$sim"; status=$?
set -e
sleep 2

echo
cat "$work/summary.txt"
echo "simulator exit status: $status"
echo "load average at the end: $(cat /proc/loadavg)"
# The sample with the most open files across all processes: the fleet fully connected.
peak=$(awk '{open[$1] += $5} END {best = -1; for (t in open) if (open[t] > best) {best = open[t]; at = t}; print at}' \
    "$work/samples.txt")
echo "at the peak sample (${peak}s after start): process, pid, RSS, open files, CPU time used so far"
awk -v t="$peak" '$1 == t {printf "  %-12s %7s  RSS %5d MiB  %6d open files  CPU %7.1f s\n", $2, $3, $4 / 1024, $5, $6
        if ($2 ~ /^sim/) s += $4; else b += $4}
    END {printf "  brokers together RSS %d MiB, simulator processes together RSS %d MiB\n", b / 1024, s / 1024}' \
    "$work/samples.txt"
awk '{if ($6 > cpu[$3]) cpu[$3] = $6; name[$3] = $2}
    END {for (p in cpu) if (name[p] ~ /^sim/) s += cpu[p]; else b += cpu[p]
         printf "CPU time used in the run (user + system): brokers %.1f s, simulator processes %.1f s\n", b, s}' \
    "$work/samples.txt"
for ((b = 0; b < ${#broker_pids[@]}; b++)); do
    echo "  peak RSS (VmHWM) of ${broker_names[$b]}:" \
        "$(awk '/VmHWM/ {printf "%d MiB", $2 / 1024}' "/proc/${broker_pids[$b]}/status")"
done
received=$(wc -l < "$work/front.topics")
devices=$(cut -d/ -f3 "$work/front.topics" | sort -u | wc -l)
echo "front broker received $received uplinks from $devices distinct bands"
[[ -n "$keep" ]] && echo "configurations, logs and samples kept in $work"
exit "$status"
