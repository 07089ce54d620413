package stdlib

import (
	_ "github.com/pybridge/pybridge/pyexec/stdlib/decimalmod" // decimal
)
