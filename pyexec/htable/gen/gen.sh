#!/bin/sh
# Regenerates pyexec/htable/testdata/sets_py3.X*.json.gz from every CPython
# 3.8–3.13 installed under pyenv. Run from this directory.
set -e
root=$(pyenv root)
for v in 3.8.18 3.9.18 3.10.13 3.11.7 3.12.1 3.13.0; do
	mm=${v%.*}
	PYTHONHASHSEED=0 "$root/versions/$v/bin/python" gen_sets.py /dev/stdout | gzip -9n > "../testdata/sets_py$mm.json.gz"
	PYTHONHASHSEED=12345 "$root/versions/$v/bin/python" gen_sets.py /dev/stdout | gzip -9n > "../testdata/sets_py${mm}_seed12345.json.gz"
done
