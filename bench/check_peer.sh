#!/usr/bin/env bash
# Compare "pybridge check" with other pickle scanners on the same files:
# the benign cloudpickle corpus (testdata/corpus, every payload should pass)
# and the hostile/resource cases (testdata/check/*.pkl).
#
#   PICKLESCAN_SRC=/path/to/picklescan/src FICKLING_SRC=/path/to/fickling \
#     bench/check_peer.sh
#
# (PYBRIDGE=/path/to/pybridge uses a prebuilt binary instead of building
# ./cmd/pybridge.)
#
# Peers are never vendored: each is run from the source tree its variable
# names (the directory that holds the "picklescan" or "fickling" package),
# with $PYTHON (default python3), and skipped when the variable is unset or
# the package does not import. Every tool runs once per file set, in one
# process (pybridge: one "check --format json" over all files; peers: their
# CLI entry point called per file inside one interpreter, see
# bench/check_peer.py), so the times are for the whole set, start-up
# included. Verdicts are read only from what each tool prints and returns.
# Per-file verdicts are written to $OUT (default: a temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${OUT:-$tmp/out}
mkdir -p "$out"

find testdata/corpus -name '*.pkl' | LC_ALL=C sort >"$tmp/benign.list"
find testdata/check -maxdepth 1 -name '*.pkl' | LC_ALL=C sort >"$tmp/hostile.list"
nb=$(wc -l <"$tmp/benign.list")
nh=$(wc -l <"$tmp/hostile.list")

# $PYBRIDGE names a prebuilt binary; by default it is built from this tree.
pb=${PYBRIDGE:-$tmp/pybridge}
if [[ -z "${PYBRIDGE:-}" ]]; then
  go build -o "$pb" ./cmd/pybridge
fi

now() { date +%s.%N; }

# run_pybridge SET: verdict lines in $out/pybridge.SET, time in $out/pybridge.SET.time
run_pybridge() {
  local set=$1 t0 t1
  t0=$(now)
  # Exit status 1/2 just means findings; the JSON is what we read.
  xargs -a "$tmp/$set.list" "$pb" check --format json >"$tmp/pybridge.$set.json" || true
  t1=$(now)
  "$py" bench/check_peer.py pybridge-json "$tmp/pybridge.$set.json" >"$out/pybridge.$set"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >"$out/pybridge.$set.time"
}

# run_peer TOOL SRC SET
run_peer() {
  local tool=$1 src=$2 set=$3 t0 t1
  t0=$(now)
  PYTHONPATH="$src${PYTHONPATH:+:$PYTHONPATH}" "$py" bench/check_peer.py "$tool" "$tmp/$set.list" >"$tmp/$tool.$set.raw"
  t1=$(now)
  grep -v '^TIME' "$tmp/$tool.$set.raw" >"$out/$tool.$set" || true
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >"$out/$tool.$set.time"
}

tools=(pybridge)
declare -A notes
notes[pybridge]="path root -> culprit for every finding (Spark-style stack)"
for set in benign hostile; do run_pybridge "$set"; done

peer() { # peer TOOL VAR
  local tool=$1 var=$2 src=${!2:-}
  if [[ -z "$src" ]]; then
    echo "skip $tool: \$$var not set" >&2
    return
  fi
  if ! PYTHONPATH="$src" "$py" -c "import $tool" 2>"$tmp/$tool.import"; then
    echo "skip $tool: cannot import it from \$$var=$src: $(tail -1 "$tmp/$tool.import")" >&2
    return
  fi
  tools+=("$tool")
  for set in benign hostile; do run_peer "$tool" "$src" "$set"; done
}
peer picklescan PICKLESCAN_SRC
notes[picklescan]="no path: prints module.name of each flagged global"
peer fickling FICKLING_SRC
notes[fickling]="no path: prints statements of its decompiled program"

count() { grep -c "^$1	" "$2" || true; }
# specific TOOL: hostile files flagged dangerous for at least one reason
# (what the tool printed as the cause) that it never gave on a benign file.
specific() {
  awk -F'\t' '
    NR == FNR { if ($1 == "dangerous") { n = split($3, r, / \| /); for (i = 1; i <= n; i++) seen[r[i]] = 1 }; next }
    $1 == "dangerous" { n = split($3, r, / \| /); for (i = 1; i <= n; i++) if (!(r[i] in seen)) { c++; break } }
    END { print c + 0 }' "$out/$1.benign" "$out/$1.hostile"
}

echo "machine: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "python:  $("$py" -c 'import sys; print(sys.version.split()[0])')"
echo "sets:    benign = $nb cloudpickle payloads (testdata/corpus), hostile = $nh cases (testdata/check)"
echo "verdicts: D = dangerous (the tool's failing verdict), S = suspicious/warning only, E = could not scan;"
echo "          D* = hostile files flagged for a reason the tool never printed on a benign file"
echo "          (an upper bound: a new argument text in the same kind of message counts as a new reason)"
echo "          (picklescan and fickling also flag cloudpickle's own reconstructors, so some of their D"
echo "          on hostile files fire for the same reason as on benign ones)"
echo
printf '%-11s | %9s %4s %4s %4s | %9s %4s %4s %4s %4s | %s\n' tool "benign s" D S E "hostile s" D 'D*' S E "paths"
printf '%s\n' "------------+------------------------+-----------------------------+------"
for t in "${tools[@]}"; do
  printf '%-11s | %9s %4s %4s %4s | %9s %4s %4s %4s %4s | %s\n' "$t" \
    "$(cat "$out/$t.benign.time")" "$(count dangerous "$out/$t.benign")" "$(count suspicious "$out/$t.benign")" "$(count error "$out/$t.benign")" \
    "$(cat "$out/$t.hostile.time")" "$(count dangerous "$out/$t.hostile")" "$(specific "$t")" "$(count suspicious "$out/$t.hostile")" "$(count error "$out/$t.hostile")" \
    "${notes[$t]}"
done
echo
echo "hostile set, per file (D/S/E/-):"
printf '%-28s' case
for t in "${tools[@]}"; do printf ' %-10s' "$t"; done
echo
while read -r f; do
  printf '%-28s' "$(basename "$f" .pkl)"
  for t in "${tools[@]}"; do
    v=$(awk -F'\t' -v f="$f" '$2 == f || $2 ~ ("/" f "$") { print $1; exit }' "$out/$t.hostile")
    case $v in dangerous) v=D ;; suspicious) v=S ;; error) v=E ;; clean) v=- ;; *) v=? ;; esac
    printf ' %-10s' "$v"
  done
  echo
done <"$tmp/hostile.list"
if [[ -n "${OUT:-}" ]]; then echo; echo "per-file verdicts and details: $out"; fi
