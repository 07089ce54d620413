#!/usr/bin/env bash
# Regenerate testdata/bridgetest/ (golden-test case folders for package
# bridge/bridgetest and `pybridge test`): payloads copied from the corpus,
# fixture inputs, and outputs recorded by the CPython that made each
# payload (3.11 and 3.12); then the stored check.json and dis.json
# fingerprints of the passing cases, written by pybridge itself.
#
#   testdata/gen/gen_bridgetest.sh      # from anywhere inside the repository
#
# Needs: CPython 3.11 with cloudpickle as python3, and pyenv's 3.12.1 (a copy
# of the cloudpickle package directory is put on its PYTHONPATH).
set -euo pipefail

cd "$(dirname "$0")/../.."
PY312="$(pyenv root)/versions/3.12.1/bin/python"
export PYTHONHASHSEED=0

CPDIR="$(mktemp -d)"
BIN="$(mktemp -d)"
trap 'rm -rf "$CPDIR" "$BIN"' EXIT
CPSRC="$(PYTHONPATH= python3 -c 'import cloudpickle, os; print(os.path.dirname(cloudpickle.__file__))')"
cp -r "$CPSRC" "$CPDIR/cloudpickle"
rm -rf "$CPDIR/cloudpickle/__pycache__"

rm -rf testdata/bridgetest/pass testdata/bridgetest/fail
PYTHONPATH="$CPDIR" python3 testdata/gen/gen_bridgetest.py testdata/bridgetest "$PY312"

go build -o "$BIN/pybridge" ./cmd/pybridge
"$BIN/pybridge" test --update --fingerprints testdata/bridgetest/pass
# fail/dis_drift stores the disassembly of another payload (the closure), as
# if the driver's function had changed since dis.json was written.
(cd testdata/bridgetest/fail/dis_drift &&
  cp ../../../corpus/cloudpickle-matrix/py3.11_cpv3.1.2/closure.pkl payload.pkl &&
  "$BIN/pybridge" dis --format json --no-offsets payload.pkl >dis.json &&
  cp ../../../corpus/cloudpickle-matrix/py3.11_cpv3.1.2/lambda.pkl payload.pkl)
