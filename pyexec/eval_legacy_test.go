package pyexec

import (
	"github.com/go-python/gpython/py"
)

// testCM is the native twin of gen_cases.py's CM context manager (golden tag
// "cm"): __enter__ returns "entered", __exit__ logs ("exit", type name or
// None, str(value) or None) and returns suppress.
type testCM struct {
	suppress bool
	log      *py.List
}

func newTestCM(suppress bool) *testCM { return &testCM{suppress: suppress, log: &py.List{}} }

func (c *testCM) Type() *py.Type { return testCMType }

var testCMType = newType("CM", py.ObjectType)

func (c *testCM) GetAttr(t *Thread, name string) (py.Object, bool, error) {
	switch name {
	case "log":
		return c.log, true, nil
	case "__enter__":
		return &Builtin{Name: "__enter__", Fn: func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			c.log.Items = append(c.log.Items, py.String("enter"))
			return py.String("entered"), nil
		}}, true, nil
	case "__exit__":
		return &Builtin{Name: "__exit__", Fn: func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			entry := py.Tuple{py.String("exit"), py.None, py.None}
			if typ, ok := args[0].(*py.Type); ok {
				entry[1] = py.String(typ.Name)
			}
			if e, ok := args[1].(*Exception); ok {
				entry[2] = py.String(e.Message())
			}
			c.log.Items = append(c.log.Items, entry)
			return py.NewBool(c.suppress), nil
		}}, true, nil
	}
	return nil, false, nil
}
