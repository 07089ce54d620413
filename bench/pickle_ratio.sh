#!/usr/bin/env bash
# Compare pybridge's pickle decoder with CPython's C unpickler on the same
# ~10 MB record batch. Prints both times and the ratio (CPython / pybridge:
# above 1 means pybridge is faster).
#   PYTHON=python3.11 bench/pickle_ratio.sh
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
read -r cp < <("$py" bench/pickle_cpython.py "$tmp/batch.pkl")
loads_ns=$(sed -E 's/.*loads_ns=([0-9]+).*/\1/' <<<"$cp")
size=$(sed -E 's/.*bytes=([0-9]+).*/\1/' <<<"$cp")
go_ns=$(PYBRIDGE_BENCH_PICKLE="$tmp/batch.pkl" go test -run '^$' -bench '^BenchmarkDecodeFile$' -benchtime 10x -count 3 ./pickle/ \
  | awk '/BenchmarkDecodeFile/ {print $3}' | sort -n | head -1)
dumps_ns=$(sed -E 's/.*dumps_ns=([0-9]+).*/\1/' <<<"$cp")
enc_ns=$(PYBRIDGE_BENCH_PICKLE="$tmp/batch.pkl" go test -run '^$' -bench '^BenchmarkEncodeFile$' -benchtime 10x -count 3 ./pickle/ \
  | awk '/BenchmarkEncodeFile/ {print $3}' | sort -n | head -1)
echo "machine:   $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "python:    $("$py" -c 'import sys; print(sys.version.split()[0])')"
echo "input:     $size bytes (150000 records, protocol 5)"
echo "cpython:   pickle.loads  $((loads_ns / 1000000)) ms"
echo "pybridge:  pickle.Decode $((go_ns / 1000000)) ms"
awk -v c="$loads_ns" -v g="$go_ns" 'BEGIN { printf "decode ratio: %.2fx (CPython time / pybridge time)\n", c / g }'
echo "cpython:   pickle.dumps  $((dumps_ns / 1000000)) ms"
echo "pybridge:  pickle.Encode $((enc_ns / 1000000)) ms (of the decoded graph, same bytes out)"
awk -v c="$dumps_ns" -v g="$enc_ns" 'BEGIN { printf "encode ratio: %.2fx (CPython time / pybridge time)\n", c / g }'
