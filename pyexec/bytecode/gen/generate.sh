#!/bin/sh
# Regenerate the per-version opcode tables and the test corpus with every
# pyenv-installed CPython 3.8-3.13.  Run from anywhere; needs pyenv.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pkg=$(dirname "$here")
root=$(pyenv root)
for v in 3.8 3.9 3.10 3.11 3.12 3.13; do
	py=$(ls -d "$root"/versions/"$v".* | sort -V | tail -n 1)/bin/python
	"$py" "$here/gen_opcodes.py" "$pkg"
	"$py" "$here/gen_testcode.py" "$pkg/testdata"
done
gofmt -w "$pkg"/opcodes_py3*_gen.go
