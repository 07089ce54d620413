#!/bin/sh
# Regenerates testdata/cases_py3.X.json with each pyenv CPython (hash seed 0).
set -e
cd "$(dirname "$0")/.."
for v in 3.11.7 3.12.1; do
	PYTHONHASHSEED=0 "$(pyenv root)/versions/$v/bin/python" gen/gen_cases.py testdata
done
