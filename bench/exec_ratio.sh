#!/usr/bin/env bash
# Throughput of pybridge's executor (1 and 2 worker goroutines) against
# CPython (one process, and a multiprocessing pool of 2) on the closures of
# testdata/exec/bench: string split/count, arithmetic, dict building,
# sorting, a small class. 10,000 records per case in 16 partitions.
#   PYTHON=python3.11 bench/exec_ratio.sh        (PY=3.12 for 3.12 payloads)
# Prints records/s and the ratios: w2/w1 (goal >= 1.8) and pybridge w2 /
# CPython pool of 2 (goal > 1).
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3.11}
ver=${PY:-3.11}
cases="split_count arith dict_build sorting small_class"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PYTHONHASHSEED=0 "$py" bench/exec_cpython.py testdata/exec/bench "$ver" $cases >"$tmp/cpython.txt"
PYBRIDGE_BENCH_PY="$ver" go test -run '^$' -bench '^BenchmarkExecutor$' -benchtime 5x -count 3 ./bridge/ >"$tmp/go.txt"
echo "machine:  $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "go:       GOGC=${GOGC:-100 (default)}"
echo "python:   $("$py" -c 'import sys; print(sys.version.split()[0])'), payloads py$ver"
printf '%-12s %12s %12s %12s %12s %8s %10s %10s\n' case cpy-1proc cpy-pool2 pyb-w1 pyb-w2 w2/w1 w2/pool2 w1/1proc
for c in $cases; do
  line=$(grep "^$c " "$tmp/cpython.txt")
  n=$(sed -E 's/.*records=([0-9]+).*/\1/' <<<"$line")
  one=$(sed -E 's/.*one_ns=([0-9]+).*/\1/' <<<"$line")
  two=$(sed -E 's/.*pool2_ns=([0-9]+).*/\1/' <<<"$line")
  # best of the -count runs
  w1=$(awk -v c="BenchmarkExecutor/$c/workers=1" 'index($1, c) == 1 {print $3}' "$tmp/go.txt" | sort -n | head -1)
  w2=$(awk -v c="BenchmarkExecutor/$c/workers=2" 'index($1, c) == 1 {print $3}' "$tmp/go.txt" | sort -n | head -1)
  awk -v c="$c" -v n="$n" -v one="$one" -v two="$two" -v w1="$w1" -v w2="$w2" 'BEGIN {
    printf "%-12s %12.0f %12.0f %12.0f %12.0f %7.2fx %9.2fx %9.2fx\n", c, n/one*1e9, n/two*1e9, n/w1*1e9, n/w2*1e9, w1/w2, two/w2, one/w1 }'
done
echo "(records/s; ratios are time ratios: w2/w1 = speed-up of 2 workers, w2/pool2 = pybridge 2 workers vs CPython pool of 2, w1/1proc = pybridge 1 worker vs one CPython process)"
