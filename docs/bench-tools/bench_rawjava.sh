#!/usr/bin/env bash
# The simplest JVM pipeline on the Node-RED rig (shared/peers, README 1b), in place of the hub: RawInflux.java
# subscribes $share/raw/v1/# and writes the points to InfluxDB v1; measure.js publishes and counts as for the hub.
# Usage (from a copy of the rig's load/ directory): HUB_HOME=<built clone> path/to/bench_rawjava.sh [N=200000] [D=1000]
#   env: ACK=durable (acknowledge after the batch is written, as the hub) | receipt (on arrival, as Node-RED)
#        MQTT_PORT, INFLUX_PORT, PEER_TMP as for the rig's scripts; JAVA_OPTS (-Xmx1g)
# Prints measure.js's JSON and the JVM's CPU seconds (whole life, and during the measurement).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); T=${PEER_TMP:-/tmp/peers}; N=${1:-200000}; D=${2:-1000}
LIB=${HUB_HOME:?HUB_HOME: a clone after bin/platform build}/launcher/target/lib
../infra.sh start >/dev/null; ../infra.sh reset-db >/dev/null
java ${JAVA_OPTS:--Xmx1g} -Dack="${ACK:-durable}" -cp "$LIB/*" "$HERE/RawInflux.java" "tcp://127.0.0.1:${MQTT_PORT:-18830}" \
  "http://127.0.0.1:${INFLUX_PORT:-18186}" >"$T/raw.log" 2>&1 & HP=$!
trap 'kill $HP 2>/dev/null' EXIT
for _ in $(seq 300); do grep -q subscribed "$T/raw.log" && break; sleep 0.2; done
HZ=$(getconf CLK_TCK); cpu() { awk -v hz="$HZ" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$HP/stat"; }
c0=$(cpu)
env PUB_MODE=hubpub MEASUREMENT=vehicle FIELD=speedMps TAG=device node measure.js "$N" "$D"
c1=$(cpu)
echo "{\"raw_java_cpu_s\":$c1,\"raw_java_cpu_run_s\":$(awk -v a="$c0" -v b="$c1" 'BEGIN{printf "%.2f", b - a}')}"
