#!/usr/bin/env bash
# A/B of single-hub ingest between two commits in one measuring session (issue #11: single-hub throughput after the
# several-hubs work must not fall more than 10 % against the commit before it). Builds each commit in a clone of its
# own, then alternates `bin/platform bench ingest` runs between them (A B, B A, A B, ...) so both meet the same
# machine, and prints each run, the medians and the ratios B/A. docs/benchmarks-ingest.md, "A/B against the commit
# before the several-hubs work".
#
# usage: launcher/scripts/ab-ingest.sh [--base COMMIT] [--new COMMIT] [--pairs N] [--work DIR] [-- bench options]
#   --base   A: default 04aad77, the parent of 4541396 (the first several-hubs commit, "several hubs, $share: ...")
#   --new    B: default HEAD of this repository
#   --pairs  A/B pairs (default 3)
#   --work   where the two clones are built (default /tmp/telerisk-ab-ingest); kept, so a second call reuses them
#   bench options after --: default --scenarios single --seconds 30 (the base's bench has single, batched, idle;
#   fleet-1k came later)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BASE=04aad77 NEW=HEAD PAIRS=3 WORK=/tmp/telerisk-ab-ingest
BENCH=(--scenarios single --seconds 30)
while [ $# -gt 0 ]; do
  case "$1" in
    --base) BASE="$2"; shift 2 ;;
    --new) NEW="$2"; shift 2 ;;
    --pairs) PAIRS="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --) shift; BENCH=("$@"); break ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "ab-ingest: unknown option $1" >&2; exit 2 ;;
  esac
done
scenario=single
for ((i = 0; i < ${#BENCH[@]}; i++)); do
  if [ "${BENCH[$i]}" = --scenarios ]; then scenario="${BENCH[$((i + 1))]}"; fi
done
case "$scenario" in *,*) echo "ab-ingest: one scenario at a time (got $scenario)" >&2; exit 2 ;; esac

# builds COMMIT into $WORK/NAME once (a clone of this repository at that commit, launcher packaged, no tests)
build() {
  local name="$1" commit dir="$WORK/$1"
  commit="$(git -C "$ROOT" rev-parse --verify "$2^{commit}")"
  if [ ! -d "$dir/.git" ]; then git clone -q --no-checkout "$ROOT" "$dir"; fi
  if [ "$(git -C "$dir" rev-parse HEAD 2>/dev/null || true)" != "$commit" ] || [ ! -f "$dir/launcher/target/.built" ]; then
    git -C "$dir" -c advice.detachedHead=false checkout -q --force "$commit"
    echo "ab-ingest: building $name ($(git -C "$dir" log -1 --format='%h %s' | cut -c1-80))..." >&2
    (cd "$dir" && { ./mvnw -B -o -q -Dmaven.test.skip=true package -pl launcher -am >&2 \
      || ./mvnw -B -q -Dmaven.test.skip=true package -pl launcher -am >&2; } && touch launcher/target/.built)
  fi
  echo "$commit"
}
mkdir -p "$WORK/logs"
A="$(build a "$BASE")"
B="$(build b "$NEW")"
echo "ab-ingest: A = ${A:0:9}, B = ${B:0:9}; bench ingest ${BENCH[*]}; $PAIRS pairs; logs in $WORK/logs" >&2

# one run: prints "stored_msg_per_s hub_cpu_us_per_msg load_at_start"
run() {
  local side="$1" n="$2" log="$WORK/logs/$1-$2.log" load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  (cd "$WORK/$side" && bin/platform bench ingest "${BENCH[@]}") > "$log" 2>&1 || { echo "ab-ingest: run $side-$n failed, see $log" >&2; exit 1; }
  # the hub run's median, and the bench JVM's CPU in the hub run (the CPU line after "[scenario] hub: N devices")
  local rate cpu
  rate="$(grep -E "^\[$scenario\] hub: median" "$log" | sed -E 's/.*median ([0-9]+) msg\/s.*/\1/' | tail -1)"
  cpu="$(awk -v h="[$scenario] hub: " 'index($0, h) == 1 && /devices ->/ {on = 1} on && /^  CPU:/ {print; exit}' "$log" \
    | sed -E 's/.*bench JVM \([^)]*\) ([0-9.]+) µs.*/\1/')"
  echo "${rate:-NA} ${cpu:-NA} $load"
}

declare -a RA CA RB CB
printf '| pair | order | A stored msg/s | A hub µs CPU/msg | B stored msg/s | B hub µs CPU/msg | load at start (A, B) |\n| --- | --- | ---: | ---: | ---: | ---: | --- |\n'
for ((p = 1; p <= PAIRS; p++)); do
  if ((p % 2 == 1)); then read -r ra ca la < <(run a "$p"); read -r rb cb lb < <(run b "$p"); order=AB
  else read -r rb cb lb < <(run b "$p"); read -r ra ca la < <(run a "$p"); order=BA; fi
  RA+=("$ra"); CA+=("$ca"); RB+=("$rb"); CB+=("$cb")
  printf '| %d | %s | %s | %s | %s | %s | %s, %s |\n' "$p" "$order" "$ra" "$ca" "$rb" "$cb" "$la" "$lb"
done
median() { printf '%s\n' "$@" | grep -v NA | sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "NA"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
mra="$(median "${RA[@]}")" mrb="$(median "${RB[@]}")" mca="$(median "${CA[@]}")" mcb="$(median "${CB[@]}")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "NA" || b == "NA" || a == 0) print "NA"; else printf "%.2f", b / a}'; }
printf '| median | | %s | %s | %s | %s | |\n\n' "$mra" "$mca" "$mrb" "$mcb"
echo "B/A stored msg/s: $(ratio "$mra" "$mrb") (issue #11: must not fall below 0.90); B/A hub CPU per message: $(ratio "$mca" "$mcb") (lower is better)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
