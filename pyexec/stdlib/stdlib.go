// Package stdlib registers pybridge's implementations of CPython
// standard-library modules with pyexec. Import it for its side effects:
//
//	import _ "github.com/pybridge/pybridge/pyexec/stdlib"
//
// Each module lives in its own package (mathmod, operatormod, …) and
// registers itself with [pyexec.RegisterModule] from its init function.
package stdlib

import (
	_ "github.com/pybridge/pybridge/pyexec/stdlib/bisectmod"      // bisect
	_ "github.com/pybridge/pybridge/pyexec/stdlib/collectionsmod" // collections
	_ "github.com/pybridge/pybridge/pyexec/stdlib/copymod"        // copy
	_ "github.com/pybridge/pybridge/pyexec/stdlib/copyregmod"     // copyreg
	_ "github.com/pybridge/pybridge/pyexec/stdlib/functoolsmod"   // functools
	_ "github.com/pybridge/pybridge/pyexec/stdlib/heapqmod"       // heapq
	_ "github.com/pybridge/pybridge/pyexec/stdlib/htmlmod"        // html
	_ "github.com/pybridge/pybridge/pyexec/stdlib/itertoolsmod"   // itertools
	_ "github.com/pybridge/pybridge/pyexec/stdlib/jsonmod"        // json
	_ "github.com/pybridge/pybridge/pyexec/stdlib/mathmod"        // math
	_ "github.com/pybridge/pybridge/pyexec/stdlib/operatormod"    // operator
	_ "github.com/pybridge/pybridge/pyexec/stdlib/osmod"          // os, os.path, posixpath
	_ "github.com/pybridge/pybridge/pyexec/stdlib/remod"          // re
	_ "github.com/pybridge/pybridge/pyexec/stdlib/stringmod"      // string
	_ "github.com/pybridge/pybridge/pyexec/stdlib/textwrapmod"    // textwrap
	_ "github.com/pybridge/pybridge/pyexec/stdlib/typesmod"       // types
	_ "github.com/pybridge/pybridge/pyexec/stdlib/unicodedatamod" // unicodedata (partial)
	_ "github.com/pybridge/pybridge/pyexec/stdlib/urllibmod"      // urllib, urllib.parse
)
