package pyexec

import "github.com/pybridge/pybridge/pyexec/bytecode"

// supportedVersions are the CPython versions whose bytecode the evaluator
// runs and whose behaviour the golden cases (testdata/*_py3.X.json) check.
var supportedVersions = []bytecode.Version{
	bytecode.Py38, bytecode.Py39, bytecode.Py310, bytecode.Py311, bytecode.Py312, bytecode.Py313,
}

// SupportedVersions returns the CPython versions the evaluator runs and is
// tested against, oldest first. The slice is a fresh copy.
func SupportedVersions() []bytecode.Version {
	return append([]bytecode.Version(nil), supportedVersions...)
}
