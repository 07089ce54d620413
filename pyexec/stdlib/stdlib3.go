package stdlib

import (
	_ "github.com/pybridge/pybridge/pyexec/stdlib/base64mod"   // base64
	_ "github.com/pybridge/pybridge/pyexec/stdlib/binasciimod" // binascii
	_ "github.com/pybridge/pybridge/pyexec/stdlib/datetimemod" // datetime
	_ "github.com/pybridge/pybridge/pyexec/stdlib/hashlibmod"  // hashlib
	_ "github.com/pybridge/pybridge/pyexec/stdlib/structmod"   // struct
	_ "github.com/pybridge/pybridge/pyexec/stdlib/zlibmod"     // zlib
)
