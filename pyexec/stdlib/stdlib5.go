package stdlib

import (
	_ "github.com/pybridge/pybridge/pyexec/stdlib/csvmod"        // csv
	_ "github.com/pybridge/pybridge/pyexec/stdlib/fractionsmod"  // fractions
	_ "github.com/pybridge/pybridge/pyexec/stdlib/iomod"         // io
	_ "github.com/pybridge/pybridge/pyexec/stdlib/randommod"     // random
	_ "github.com/pybridge/pybridge/pyexec/stdlib/statisticsmod" // statistics
	_ "github.com/pybridge/pybridge/pyexec/stdlib/timemod"       // time
	_ "github.com/pybridge/pybridge/pyexec/stdlib/uuidmod"       // uuid
)
