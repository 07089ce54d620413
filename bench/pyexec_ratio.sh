#!/usr/bin/env bash
# Compare pybridge's evaluator with CPython on the RDD-map closures of
# testdata/bench/ (testdata/gen/gen_bench.py). Both apply each closure to
# every record in one process (CPython: bench/pyexec_cpython.py; pybridge:
# BenchmarkPayload in package bridge, through bridge.Prepare and
# Loaded.Apply), best of several passes. Ratios are CPython time / pybridge
# time: above 1 means pybridge is faster. "wall" compares elapsed time,
# "cpu" process CPU time (Go's GC workers included), which is steadier on a
# shared machine.
#   PYTHON=python3.11 COUNT=5 bench/pyexec_ratio.sh
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3.11}
count=${COUNT:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PYTHONHASHSEED=0 "$py" bench/pyexec_cpython.py testdata/bench 15 >"$tmp/cpython.txt"
go test -run '^$' -bench '^BenchmarkPayload$' -benchtime 10x -count "$count" -benchmem ./bridge/ >"$tmp/go.txt"
echo "machine: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "python:  $("$py" -c 'import sys; print(sys.version.split()[0])'), go: $(go env GOVERSION)"
printf '%-10s %7s | %9s %9s | %9s %9s %9s %9s | %6s %6s\n' closure records "cp wall" "cp cpu" "pb wall" "pb cpu" "ns/rec" "allocs/op" wall cpu
while read -r name ns cpu recs; do
  ns=${ns#ns=}; cpu=${cpu#cpu=}; recs=${recs#records=}
  # min over the -count runs of ns/op, cpu-ns/op, and allocs/op
  read -r gons gocpu allocs < <(awk -v n="BenchmarkPayload/$name-" 'index($1, n) == 1 {
      for (i = 2; i < NF; i++) {
        if ($(i+1) == "ns/op") t = $i; if ($(i+1) == "cpu-ns/op") c = $i; if ($(i+1) == "allocs/op") a = $i }
      if (bt == "" || t + 0 < bt + 0) bt = t
      if (bc == "" || c + 0 < bc + 0) bc = c
      al = a }
    END { print bt, bc, al }' "$tmp/go.txt")
  awk -v n="$name" -v r="$recs" -v c="$ns" -v cc="$cpu" -v g="$gons" -v gc="$gocpu" -v a="$allocs" 'BEGIN {
    printf "%-10s %7d | %7.1fms %7.1fms | %7.1fms %7.1fms %9.0f %9d | %5.2fx %5.2fx\n",
      n, r, c / 1e6, cc / 1e6, g / 1e6, gc / 1e6, g / r, a, c / g, cc / gc }'
done <"$tmp/cpython.txt"
