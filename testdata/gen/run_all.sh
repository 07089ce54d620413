#!/usr/bin/env bash
# Regenerate every generated folder under testdata/ with the CPythons that
# pyenv installed (3.8.18 3.9.18 3.10.13 3.11.7 3.12.1 3.13.0).
#
#   testdata/gen/run_all.sh            # from anywhere inside the repository
#
# Needs: pyenv's CPythons, and cloudpickle importable by CPython 3.11 (a copy
# of its package directory is put on PYTHONPATH for the other versions).
# Everything runs with PYTHONHASHSEED=0. testdata/corpus/ is copied by hand
# from the shared corpus; see testdata/README.md.
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT="$(pyenv root)"
VERSIONS=(3.8.18 3.9.18 3.10.13 3.11.7 3.12.1 3.13.0)
REF="$ROOT/versions/3.11.7/bin/python"
export PYTHONHASHSEED=0

PYS=()
for v in "${VERSIONS[@]}"; do
  py="$ROOT/versions/$v/bin/python"
  if [[ -x "$py" ]]; then PYS+=("$py"); else echo "run_all: CPython $v not installed, skipped" >&2; fi
done

# A private copy of the cloudpickle package only (not all of site-packages).
CPDIR="$(mktemp -d)"
trap 'rm -rf "$CPDIR"' EXIT
CPSRC="$(PYTHONPATH= "$REF" -c 'import cloudpickle, os; print(os.path.dirname(cloudpickle.__file__))')"
cp -r "$CPSRC" "$CPDIR/cloudpickle"
rm -rf "$CPDIR/cloudpickle/__pycache__"

echo "== codec (CPython 3.11.7 writes, the others verify)"
rm -f testdata/codec/*.pkl testdata/codec/expected.json
"$REF" testdata/gen/gen_codec.py write testdata/codec
for py in "${PYS[@]}"; do
  [[ "$py" == "$REF" ]] || "$py" testdata/gen/gen_codec.py verify testdata/codec | tail -n 1
done

echo "== conformance (CPython's own pickletester, every version)"
rm -f testdata/conformance/py3.*.json
for py in "${PYS[@]}"; do
  "$py" testdata/gen/gen_conformance.py testdata/conformance
done

echo "== cloudpickle cases"
rm -rf testdata/cloudpickle
PYTHONPATH="$CPDIR" "$REF" testdata/gen/gen_cloudpickle.py testdata/cloudpickle "${PYS[@]}"

echo "== run cases (pybridge run / load goldens)"
rm -rf testdata/run
PYTHONPATH="$CPDIR" "$REF" testdata/gen/gen_run.py testdata/run "${PYS[@]}"
