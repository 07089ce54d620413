// Package cloudpickle knows the shape of cloudpickle payloads: which
// globals are cloudpickle's reconstructors under every namespace it is
// vendored in, and how CodeType arguments are laid out per CPython version.
// It reads the inert graph of package pickle and never runs anything.
package cloudpickle

import (
	"strings"

	"github.com/pybridge/pybridge/pickle"
)

// namespaces are the package prefixes under which cloudpickle's modules
// are found: the PyPI package and its vendored copies.
var namespaces = []string{
	"cloudpickle",
	"pyspark.cloudpickle",
	"ray.cloudpickle",
	"joblib.externals.cloudpickle",
	"srsly.cloudpickle",
}

// Reconstructor returns the name of the cloudpickle function a global
// refers to (such as "_make_function" or "_function_setstate"), whichever
// vendoring of cloudpickle the payload came from, or "" if the global is
// not one of cloudpickle's.
func Reconstructor(g *pickle.Global) string {
	if strings.Contains(g.Name, ".") {
		return ""
	}
	for _, ns := range namespaces {
		rest, ok := strings.CutPrefix(g.Module, ns)
		if !ok {
			continue
		}
		switch rest {
		case "", ".cloudpickle", ".cloudpickle_fast":
			return g.Name
		}
	}
	return ""
}

// codeArgs16 are CodeType's positional parameters on CPython 3.8–3.10;
// slot 13 is lnotab on 3.8 and 3.9 and linetable on 3.10.
var codeArgs16 = []string{
	"argcount", "posonlyargcount", "kwonlyargcount", "nlocals", "stacksize", "flags",
	"codestring", "constants", "names", "varnames", "filename", "name",
	"firstlineno", "lnotab", "freevars", "cellvars",
}

// codeArgs18 are CodeType's positional parameters on CPython 3.11–3.13.
var codeArgs18 = []string{
	"argcount", "posonlyargcount", "kwonlyargcount", "nlocals", "stacksize", "flags",
	"codestring", "constants", "names", "varnames", "filename", "name", "qualname",
	"firstlineno", "linetable", "exceptiontable", "freevars", "cellvars",
}

// CodeArgNames returns the names of the CodeType parameters for an
// argument list of n items, or nil for an arity no supported CPython has.
func CodeArgNames(n int) []string {
	switch n {
	case 16:
		return codeArgs16
	case 18:
		return codeArgs18
	}
	return nil
}

// BuiltinType returns the types-module name passed to cloudpickle's
// _builtin_type when v is the call _builtin_type('NAME'), else "".
func BuiltinType(v pickle.Value) string {
	c, ok := v.(*pickle.Call)
	if !ok || c.Kind != pickle.Reduce {
		return ""
	}
	g, ok := c.Callable.(*pickle.Global)
	if !ok || Reconstructor(g) != "_builtin_type" {
		return ""
	}
	args, ok := c.Args.(*pickle.Tuple)
	if !ok || len(args.Items) != 1 {
		return ""
	}
	s, ok := args.Items[0].(*pickle.Str)
	if !ok {
		return ""
	}
	return s.Value
}

// IsCodeCall reports whether c builds a code object: a call of
// _builtin_type('CodeType') or of types.CodeType.
func IsCodeCall(c *pickle.Call) bool {
	if BuiltinType(c.Callable) == "CodeType" {
		return true
	}
	g, ok := c.Callable.(*pickle.Global)
	return ok && g.Module == "types" && g.Name == "CodeType"
}

// Annotate labels the calls of a cloudpickle payload for pickle.Tree and
// pickle.TreeJSON: code-object constructors get CodeType's parameter
// names, and cloudpickle's reconstructors their names.
func Annotate(c *pickle.Call) (string, []string) {
	if IsCodeCall(c) {
		n := 0
		if args, ok := c.Args.(*pickle.Tuple); ok {
			n = len(args.Items)
		}
		return "CodeType", CodeArgNames(n)
	}
	if t := BuiltinType(c.Callable); t != "" {
		return "types." + t, nil
	}
	if g, ok := c.Callable.(*pickle.Global); ok {
		switch Reconstructor(g) {
		case "_make_function":
			return "function", []string{"code", "globals", "name", "argdefs", "closure"}
		case "_function_setstate":
			return "function state", []string{"func", "state"}
		case "_class_setstate":
			return "class state", []string{"cls", "state"}
		case "_make_skeleton_class":
			return "class", []string{"metaclass", "name", "bases", "type_kwargs", "class_tracker_id", "extra"}
		case "_make_skeleton_enum":
			return "enum", []string{"bases", "name", "qualname", "members", "module", "class_tracker_id", "extra"}
		case "_make_cell":
			return "cell", []string{"value"}
		case "_make_empty_cell":
			return "empty cell", nil
		case "subimport", "dynamic_subimport":
			return "module", []string{"name"}
		}
	}
	return "", nil
}

// trackerArg is the position of the class-tracker id in the arguments of
// the skeleton constructors.
var trackerArg = map[string]int{"_make_skeleton_class": 4, "_make_skeleton_enum": 5, "_make_typevar": 5}

// RedactTrackerID replaces cloudpickle's class-tracker ids, which are
// random per driver process, with a fixed stand-in, so that a payload's
// dump is the same from run to run.
func RedactTrackerID(s *pickle.Str, parent *pickle.Call) (string, bool) {
	if parent == nil {
		return "", false
	}
	g, ok := parent.Callable.(*pickle.Global)
	if !ok {
		return "", false
	}
	i, ok := trackerArg[Reconstructor(g)]
	if !ok {
		return "", false
	}
	args, ok := parent.Args.(*pickle.Tuple)
	if !ok || i >= len(args.Items) || args.Items[i] != pickle.Value(s) {
		return "", false
	}
	return "<class-tracker-id>", true
}
