#!/bin/sh
# Regenerates testdata/gaps_py3.X.json with each pyenv CPython (hash seed
# 0).
set -e
cd "$(dirname "$0")/.."
for v in 3.8.18 3.9.18 3.10.13 3.11.7 3.12.1 3.13.0; do
	PYTHONHASHSEED=0 "$(pyenv root)/versions/$v/bin/python" gen/gen_gaps.py testdata
done
