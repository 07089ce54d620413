package stdlib

import (
	_ "github.com/pybridge/pybridge/pyexec/stdlib/dataclassesmod" // dataclasses
	_ "github.com/pybridge/pybridge/pyexec/stdlib/enummod"        // enum
	_ "github.com/pybridge/pybridge/pyexec/stdlib/threadmod"      // _thread
	_ "github.com/pybridge/pybridge/pyexec/stdlib/typingmod"      // typing
)
