package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pybridge/pybridge/internal/pyrepr"
	"github.com/pybridge/pybridge/pickle"
)

// maxFindings bounds the findings of one report; the rest are counted in
// a last finding.
const maxFindings = 10000

// add records a finding whose culprit is node v.
func (c *checker) add(f Finding, v pickle.Value, culprit Step) {
	if len(c.findings) >= maxFindings {
		if len(c.findings) == maxFindings {
			c.findings = append(c.findings, Finding{Rule: RuleMalformed, Severity: Warning,
				Message: fmt.Sprintf("more than %d findings; the rest are not reported", maxFindings),
				Path:    []Step{}, Offset: c.off(v)})
		}
		return
	}
	if culprit.Offset == 0 {
		culprit.Offset = c.off(v)
	}
	f.Path = append(c.pathTo(v), culprit)
	f.Offset = c.off(v)
	if f.Opcode == "" {
		f.Opcode = c.opcodeOf(v)
	}
	c.findings = append(c.findings, f)
}

// sym resolves a node that names an importable object to its dotted
// name: a global, subimport('m'), getattr(x, 'a') chains, and
// _builtin_type('X').
func (c *checker) sym(v pickle.Value) (string, bool) {
	var attrs []string
	join := func(s string) (string, bool) {
		for i := len(attrs) - 1; i >= 0; i-- {
			s += "." + attrs[i]
		}
		return s, true
	}
	for i := 0; i < 64; i++ {
		switch n := v.(type) {
		case *pickle.Global:
			return join(n.Module + "." + n.Name)
		case *pickle.Build:
			v = n.Object
			continue
		case *pickle.Call:
			g, ok := n.Callable.(*pickle.Global)
			if !ok {
				return "", false
			}
			args := tupleItems(n.Args)
			var a0 string
			if len(args) >= 1 {
				a0, _ = strOf(args[0])
			}
			switch cpName(g.Module, g.Name) {
			case "subimport":
				if a0 != "" {
					return join(a0)
				}
				return "", false
			case "_builtin_type":
				if a0 == "ClassType" {
					return join("builtins.type")
				}
				if a0 != "" {
					return join("types." + a0)
				}
				return "", false
			}
			name := py2Map(g.Module, g.Name)
			switch name {
			case "builtins.getattr":
				if len(args) >= 2 {
					if a, ok := strOf(args[1]); ok {
						attrs = append(attrs, a)
						v = args[0]
						continue
					}
				}
			case "importlib.import_module", "builtins.__import__":
				if a0 != "" {
					return join(a0)
				}
			}
			return "", false
		default:
			return "", false
		}
	}
	return "", false
}

// judge applies the rules to one visited node.
func (c *checker) judge(v pickle.Value) {
	switch n := v.(type) {
	case *pickle.Global:
		c.judgeGlobal(n)
	case *pickle.Call:
		c.judgeCall(n)
	case *pickle.Build:
		if s, ok := c.sym(n.Object); ok && !c.isInstance(n.Object) {
			c.add(Finding{Rule: RuleDangerousCall, Severity: Error, Global: s,
				Message: fmt.Sprintf("BUILD sets attributes of the module-level object %s when the payload is loaded "+
					"(attribute smuggling: later globals read the planted values)", s),
				Fix: fmt.Sprintf(fixDanger, "BUILD on "+s, s)},
				n, Step{Kind: StepCulprit, Name: "BUILD on a global", Value: s, Index: -1})
		}
	case *pickle.Update:
		if s, ok := c.sym(n.Object); ok && !c.isInstance(n.Object) {
			c.add(Finding{Rule: RuleDangerousCall, Severity: Error, Global: s,
				Message: fmt.Sprintf("%s mutates the module-level object %s when the payload is loaded", n.Kind, s),
				Fix:     fmt.Sprintf(fixDanger, n.Kind.String()+" on "+s, s)},
				n, Step{Kind: StepCulprit, Name: n.Kind.String() + " on a global", Value: s, Index: -1})
		}
	case *pickle.PersistentID:
		c.add(Finding{Rule: RuleUnknownGlobal, Severity: c.unknownSeverity(),
			Message: "persistent reference " + valueRepr(n.ID) + ": what it loads depends on the unpickler's persistent_load",
			Fix:     "do not use persistent ids in payloads shipped to workers."},
			n, Step{Kind: StepCulprit, Name: "persistent id", Value: valueRepr(n.ID), Index: -1})
	}
}

// isInstance reports whether v is the result of calling a class or
// function (an instance), rather than a module-level object.
func (c *checker) isInstance(v pickle.Value) bool {
	if b, ok := v.(*pickle.Build); ok {
		v = b.Object
	}
	cl, ok := v.(*pickle.Call)
	if !ok {
		return false
	}
	g, ok := cl.Callable.(*pickle.Global)
	if !ok {
		return true
	}
	name := py2Map(g.Module, g.Name)
	switch cpName(g.Module, g.Name) {
	case "subimport", "_builtin_type":
		return false
	}
	return name != "builtins.getattr" && name != "importlib.import_module" && name != "builtins.__import__"
}

func (c *checker) unknownSeverity() Severity {
	if c.opts.Strict {
		return Error
	}
	return Warning
}

// unknown reports an unknown global once per name.
func (c *checker) unknown(name string, v pickle.Value, what string) {
	if c.unknownSeen[name] {
		return
	}
	c.unknownSeen[name] = true
	c.add(Finding{Rule: RuleUnknownGlobal, Severity: c.unknownSeverity(), Global: name,
		Message: fmt.Sprintf("%s %s is not on the allowlist of benign globals nor known to be dangerous", what, name),
		Fix:     fixUnknown},
		v, Step{Kind: StepCulprit, Name: "unknown global", Value: name, Index: -1})
}

func (c *checker) judgeGlobal(g *pickle.Global) {
	name := g.Module + "." + g.Name
	if cp := cpName(g.Module, g.Name); cp != "" {
		switch {
		case cpReconstructors[cp]:
			return
		case cpLegacy[cp]:
			if !c.unknownSeen[name] {
				c.unknownSeen[name] = true
				c.add(Finding{Rule: RuleUnknownGlobal, Severity: Warning, Global: name,
					Message: fmt.Sprintf("legacy cloudpickle reconstructor %s: unsupported legacy cloudpickle format "+
						"(produced by cloudpickle < 1.5 or on CPython <= 3.7)", name),
					Fix: fixLegacy}, g, Step{Kind: StepCulprit, Name: "legacy reconstructor", Value: name, Index: -1})
			}
			return
		case cp == "loads" || cp == "load":
			c.referenceFinding(g, name, verdict{kind: kNested, what: "loads a nested pickle", key: name})
			return
		}
		c.unknown(name, g, "global")
		return
	}
	v := c.classify(name)
	if v.kind == kUnknown {
		c.unknown(name, g, "global")
		return
	}
	if !c.called(g) {
		c.referenceFinding(g, name, v)
	}
}

// referenceFinding judges a dangerous object that is referenced as a
// value (not called at load time): the worker's code may call it.
func (c *checker) referenceFinding(v pickle.Value, name string, vd verdict) {
	switch vd.kind {
	case kExec, kNested:
		sev := Error
		if _, ok := exact[vd.key]; !ok && vd.key != name {
			// A whole dangerous module's member, referenced: suspicious
			// but not necessarily used.
			sev = Warning
		}
		c.add(Finding{Rule: RuleDangerousCall, Severity: sev, Global: name,
			Message: fmt.Sprintf("reference to %s, which %s; the function can call it on the worker", name, vd.what),
			Fix:     fmt.Sprintf(fixDanger, name, name)},
			v, Step{Kind: StepCulprit, Name: "dangerous global", Value: name, Index: -1})
	case kResource:
		if vd.msg != "" { // an object, such as sys.stdin
			c.resourceFinding(v, name, vd, "")
		}
	case kDriver:
		f := Finding{Rule: RuleResource, Severity: Warning, Global: name, Exception: vd.exc,
			Message: fmt.Sprintf("reference to the driver-only %s; using it on a worker fails: %s", name, vd.msg),
			Fix:     vd.fix}
		c.add(f, v, Step{Kind: StepCulprit, Name: "driver-only global", Value: name, Index: -1})
	}
}

// resourceFinding reports a live resource created at load time.
func (c *checker) resourceFinding(v pickle.Value, name string, vd verdict, value string) {
	exc, msg := vd.exc, vd.msg
	if msg == "" {
		exc, msg = "TypeError", c.cannotPickle(vd.pyType)
	}
	c.add(Finding{Rule: RuleResource, Severity: Error, Exception: exc, Message: msg, Global: name, Fix: vd.fix},
		v, Step{Kind: StepCulprit, Name: "object not serializable", Class: vd.pyType, Value: value, Index: -1})
}

// cannotPickle is CPython's message for an object without a reducer.
func (c *checker) cannotPickle(pyType string) string {
	if c.python == "3.13" && strings.HasPrefix(pyType, "_io.") {
		return fmt.Sprintf("cannot pickle '%s' instances", strings.TrimPrefix(pyType, "_io."))
	}
	return fmt.Sprintf("cannot pickle '%s' object", pyType)
}

func (c *checker) judgeCall(n *pickle.Call) {
	args := tupleItems(n.Args)
	if fi := c.funcs[n]; fi != nil {
		if c.codes[fi.code] == nil && len(args) >= 1 {
			c.add(Finding{Rule: RuleDangerousCall, Severity: Error, Global: c.callableName(n),
				Message: "a function is built from a code object that is not a pickled CodeType (" +
					valueRepr(args[0]) + "), e.g. code smuggled through marshal",
				Fix: fmt.Sprintf(fixDanger, "a function built from smuggled code", "it")},
				n, Step{Kind: StepCulprit, Name: "function from foreign code", Index: -1})
		}
		c.analyzeFunction(fi)
		return
	}
	if ci := c.codes[n]; ci != nil {
		if !c.owned[n] {
			c.analyzeCode(ci, nil, ci.call)
		}
		return
	}
	if cp := cpCallee(n); cp != "" {
		switch cp {
		case "_file_reconstructor":
			c.snapshot(n, args)
		case "subimport":
			if len(args) == 1 {
				if m, ok := strOf(args[0]); ok && c.classify(m).kind == kUnknown && c.classify(m+".x").kind == kUnknown {
					c.unknown(m, n, "module")
				}
			}
		}
		return
	}
	s, ok := c.sym(n.Callable)
	if !ok {
		if inner, ok := n.Callable.(*pickle.Call); ok {
			if is, ok := c.sym(inner.Callable); ok {
				switch py2Map(splitName(is)) {
				case "operator.attrgetter", "_operator.attrgetter", "operator.methodcaller", "_operator.methodcaller":
					c.add(Finding{Rule: RuleDangerousCall, Severity: Error, Global: is,
						Message: fmt.Sprintf("calls the result of %s%s when the payload is loaded (attribute trampoline)",
							is, valueRepr(inner.Args)),
						Fix: fmt.Sprintf(fixDanger, is, is)},
						n, Step{Kind: StepCulprit, Name: "dangerous call", Value: is, Index: -1})
				}
			}
		}
		return
	}
	if _, isGlobal := n.Callable.(*pickle.Global); !isGlobal {
		// A getattr chain or similar: judge what it resolves to.
		if vd := c.classify(s); vd.kind == kUnknown {
			c.unknown(s, n, "global (through getattr)")
		}
	}
	c.judgeNamedCall(n, s, args)
}

func splitName(s string) (string, string) {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return "", s
	}
	return s[:i], s[i+1:]
}

// judgeNamedCall judges a call of the object named s.
func (c *checker) judgeNamedCall(n *pickle.Call, s string, args []pickle.Value) {
	vd := c.classify(s)
	if vd.kind == kUnknown || vd.kind == kAllow {
		return // the common case: nothing to render
	}
	argText := valueRepr(n.Args)
	switch vd.kind {
	case kExec:
		c.add(Finding{Rule: RuleDangerousCall, Severity: Error, Global: s,
			Message: fmt.Sprintf("%s%s is called when the payload is loaded: it %s", s, argText, vd.what),
			Fix:     fmt.Sprintf(fixDanger, s, s)},
			n, Step{Kind: StepCulprit, Name: "dangerous call", Value: s + argText, Index: -1})
	case kNested:
		c.add(Finding{Rule: RuleDangerousCall, Severity: Error, Global: s,
			Message: fmt.Sprintf("%s(...) is called when the payload is loaded: it %s, which can run anything", s, vd.what),
			Fix:     fmt.Sprintf(fixDanger, s, s)},
			n, Step{Kind: StepCulprit, Name: "dangerous call", Value: s + argText, Index: -1})
		c.nested(n, s, args)
	case kFile:
		c.fileCall(n, s, args)
	case kResource:
		c.resourceFinding(n, s, vd, s+argText)
	case kDriver:
		c.resourceFinding(n, s, vd, s+argText)
	case kTrampoline:
		c.trampoline(n, s, args)
	}
}

// trampoline judges getattr calls: computed names and dunder escapes are
// dangerous; a chain that resolves to a dangerous object is judged as a
// reference unless it is itself called.
func (c *checker) trampoline(n *pickle.Call, s string, args []pickle.Value) {
	if py2Map(splitName(s)) != "builtins.getattr" || len(args) < 2 {
		return
	}
	attr, ok := strOf(args[1])
	if !ok {
		c.add(Finding{Rule: RuleDangerousCall, Severity: Error, Global: s,
			Message: "getattr with an attribute name computed at load time (" + valueRepr(args[1]) + ")",
			Fix:     fmt.Sprintf(fixDanger, "getattr", "getattr")},
			n, Step{Kind: StepCulprit, Name: "dangerous call", Value: "getattr(..., " + valueRepr(args[1]) + ")", Index: -1})
		return
	}
	if dunderEscapes[attr] {
		c.add(Finding{Rule: RuleDangerousCall, Severity: Error, Global: s,
			Message: fmt.Sprintf("getattr(..., %s) reaches interpreter internals when the payload is loaded", pyrepr.Str(attr)),
			Fix:     fmt.Sprintf(fixDanger, "getattr", attr)},
			n, Step{Kind: StepCulprit, Name: "dangerous call", Value: "getattr(..., " + pyrepr.Str(attr) + ")", Index: -1})
		return
	}
	if c.called(n) {
		return // judged where it is called
	}
	if full, ok := c.sym(n); ok {
		vd := c.classify(full)
		c.referenceFinding(n, full, vd)
	}
}

// fileCall reports a file opened at load time.
func (c *checker) fileCall(n *pickle.Call, s string, args []pickle.Value) {
	arg := func(i int) pickle.Value {
		if i < len(args) {
			return args[i]
		}
		return nil
	}
	kw := func(name string) pickle.Value {
		if d, ok := n.Kwargs.(*pickle.Dict); ok {
			return dictGet(d, name)
		}
		return nil
	}
	var nameV, modeV pickle.Value
	mode, pyType := "r", ""
	_, meth := splitName(s)
	switch {
	case strings.HasSuffix(s, ".write_text"):
		nameV, mode = arg(0), "w"
	case strings.HasSuffix(s, ".write_bytes"):
		nameV, mode = arg(0), "wb"
	case strings.HasSuffix(s, ".touch"):
		nameV, mode = arg(0), "a"
	case strings.HasPrefix(s, "tempfile."):
		mode = "w+b"
		if meth == "SpooledTemporaryFile" {
			modeV = arg(1)
		} else {
			modeV = arg(0)
		}
		if meth == "mkstemp" {
			modeV = nil
		}
	case meth == "FileIO":
		nameV, modeV, pyType = arg(0), arg(1), "_io.FileIO"
	case strings.HasPrefix(s, "gzip.") || strings.HasPrefix(s, "bz2.") || strings.HasPrefix(s, "lzma."):
		nameV, modeV, mode = arg(0), arg(1), "rb"
	default: // open, io.open, codecs.open, os.fdopen, Path.open
		nameV, modeV = arg(0), arg(1)
	}
	if modeV == nil {
		modeV = kw("mode")
	}
	if modeV != nil {
		if m, ok := strOf(modeV); ok {
			mode = m
		} else if _, isNone := modeV.(*pickle.None); !isNone {
			c.add(Finding{Rule: RuleResource, Severity: Error, Global: s,
				Message: fmt.Sprintf("%s opens a file with a mode computed at load time (%s)", s, valueRepr(modeV)),
				Fix:     fixFile},
				n, Step{Kind: StepCulprit, Name: "object not serializable", Class: "_io.TextIOWrapper",
					Value: s + valueRepr(n.Args), Index: -1})
			return
		}
	}
	fname := "?"
	if nameV != nil {
		fname = pathName(nameV)
	}
	binary := strings.Contains(mode, "b")
	if pyType == "" {
		switch {
		case !binary:
			pyType = "_io.TextIOWrapper"
		case strings.Contains(mode, "+"):
			pyType = "_io.BufferedRandom"
		case strings.ContainsAny(mode, "wax"):
			pyType = "_io.BufferedWriter"
		default:
			pyType = "_io.BufferedReader"
		}
	}
	var value string
	switch pyType {
	case "_io.TextIOWrapper":
		value = fmt.Sprintf("<_io.TextIOWrapper name=%s mode=%s>", fname, pyrepr.Str(mode))
	case "_io.FileIO":
		value = fmt.Sprintf("<_io.FileIO name=%s mode=%s closefd=True>", fname, pyrepr.Str(mode))
	default:
		value = fmt.Sprintf("<%s name=%s>", pyType, fname)
	}
	f := Finding{Rule: RuleResource, Severity: Error, Global: s, Fix: fixFile}
	switch {
	case pyType != "_io.TextIOWrapper":
		f.Exception, f.Message = "TypeError", c.cannotPickle(pyType)
	case !strings.ContainsAny(mode, "r+"):
		f.Exception = "PicklingError"
		f.Message = "Cannot pickle files that are not opened for reading: " + mode
	default:
		f.Message = fmt.Sprintf("the payload opens %s (mode %s) on the worker when it is loaded; "+
			"cloudpickle would have shipped a read-only snapshot of a file opened for reading, so this payload was not produced by it",
			fname, pyrepr.Str(mode))
	}
	c.add(f, n, Step{Kind: StepCulprit, Name: "object not serializable", Class: pyType, Value: value, Index: -1})
}

// pathName renders the file argument of an open call.
func pathName(v pickle.Value) string {
	switch n := v.(type) {
	case *pickle.Str:
		return pyrepr.Str(clip(n.Value, 120))
	case *pickle.Bytes:
		return pyrepr.Bytes(n.Value[:min(len(n.Value), 120)])
	case *pickle.Int:
		return formatInt(int(n.Value))
	case *pickle.Call: // Path('x')
		for _, a := range tupleItems(n.Args) {
			if s, ok := a.(*pickle.Str); ok {
				return pyrepr.Str(clip(s.Value, 120))
			}
		}
	case *pickle.Build:
		return pathName(n.Object)
	}
	return "<" + typeName(v) + ">"
}

// snapshot reports a file that cloudpickle shipped as a StringIO.
func (c *checker) snapshot(n *pickle.Call, args []pickle.Value) {
	name, size := "?", -1
	if len(args) == 1 {
		cands := c.attach[args[0]]
		if b, ok := args[0].(*pickle.Build); ok {
			cands = append(append([]pickle.Value{b}, cands...), c.attach[b.Object]...)
		}
		for _, a := range cands {
			b, ok := a.(*pickle.Build)
			if !ok {
				continue
			}
			st := tupleItems(b.State)
			if len(st) >= 1 {
				if s, ok := strOf(st[0]); ok {
					size = len([]rune(s))
				}
			}
			if len(st) >= 4 {
				if d, ok := st[3].(*pickle.Dict); ok {
					if s, ok := strOf(dictGet(d, "name")); ok {
						name = pyrepr.Str(clip(s, 120))
					}
				}
			}
		}
	}
	msg := fmt.Sprintf("file %s is shipped as a read-only snapshot of its text", name)
	if size >= 0 {
		msg += fmt.Sprintf(" (%d characters)", size)
	}
	msg += " taken on the driver; writes on the workers are lost"
	c.add(Finding{Rule: RuleResource, Severity: Warning, Message: msg, Global: c.callableName(n), Fix: fixSnapshot},
		n, Step{Kind: StepCulprit, Name: "file snapshot", Class: "_io.StringIO", Value: name, Index: -1})
}

// nested checks the pickle that a loader call would load.
func (c *checker) nested(n *pickle.Call, s string, args []pickle.Value) {
	if len(args) < 1 {
		return
	}
	var data []byte
	switch b := args[0].(type) {
	case *pickle.Bytes:
		data = b.Value
	case *pickle.ByteArray:
		data = b.Value
	default:
		return
	}
	if strings.HasPrefix(s, "marshal.") {
		return
	}
	maxDepth := c.opts.MaxNested
	if maxDepth <= 0 {
		maxDepth = 8
	}
	prefix := append(c.pathTo(n), Step{Kind: StepNested, Name: s, Index: -1, Offset: c.off(args[0])})
	if c.depth+1 > maxDepth {
		c.findings = append(c.findings, Finding{Rule: RuleMalformed, Severity: Warning,
			Message: fmt.Sprintf("nested pickle not checked: more than %d levels of nesting", maxDepth),
			Path:    prefix, Offset: c.off(args[0])})
		return
	}
	sub := newChecker(c.opts, c.depth+1)
	sub.unknownSeen = c.unknownSeen
	sub.prefix = prefix
	sub.bytes(data, 0, prefix)
	c.findings = append(c.findings, sub.findings...)
}

// analyzeFunction scans a function's code tree for dangerous names and
// attribute chains, using its globals to resolve module names.
func (c *checker) analyzeFunction(fi *funcInfo) {
	ci := c.codes[fi.code]
	if ci == nil {
		return
	}
	bindings := map[string]string{}
	addGlobals := func(d *pickle.Dict) {
		if d == nil {
			return
		}
		for _, e := range d.Entries {
			k, ok := strOf(e.Key)
			if !ok {
				continue
			}
			if s, ok := c.sym(e.Value); ok {
				bindings[k] = s
			}
		}
	}
	addGlobals(fi.globals)
	if fi.slots != nil {
		if d, ok := dictGet(fi.slots, "__globals__").(*pickle.Dict); ok {
			addGlobals(d)
		}
	}
	c.analyzeCode(ci, bindings, fi.call)
}

// analyzeCode scans the code tree rooted at ci and reports at node at.
func (c *checker) analyzeCode(root *codeInfo, bindings map[string]string, at pickle.Value) {
	if bindings == nil {
		bindings = map[string]string{}
	}
	qual := root.qualname
	if fi := c.funcOf(at); fi != nil {
		qual = fi.qualname
	}
	if qual == "" {
		qual = root.name
	}
	type hit struct {
		name, where string
	}
	var errs, warns []hit
	seenName := map[string]bool{}
	names := map[string]bool{}
	var consts []string
	seen := map[*codeInfo]bool{}
	stack := []*codeInfo{root}
	for len(stack) > 0 {
		ci := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[ci] {
			continue
		}
		seen[ci] = true
		where := ""
		if ci != root {
			where = ci.qualname
			if where == "" {
				where = ci.name
			}
		}
		for _, nm := range ci.names {
			names[nm] = true
			if seenName[nm] {
				continue
			}
			if _, ok := codeDanger[nm]; ok {
				seenName[nm] = true
				errs = append(errs, hit{nm, where})
			} else if dunderEscapes[nm] || nm == "__builtins__" {
				seenName[nm] = true
				errs = append(errs, hit{nm, where})
			} else if _, ok := codeWarn[nm]; ok {
				seenName[nm] = true
				warns = append(warns, hit{nm, where})
			}
		}
		if ci.consts != nil {
			for _, it := range ci.consts.Items {
				switch k := it.(type) {
				case *pickle.Str:
					consts = append(consts, k.Value)
				case *pickle.Call:
					if nc := c.codes[k]; nc != nil && !seen[nc] {
						stack = append(stack, nc)
					}
				}
			}
		}
	}
	report := func(sev Severity, nm, where, what, global string) {
		msg := fmt.Sprintf("function %s %s (%s in co_names", qual, what, nm)
		if where != "" {
			msg += " of nested code " + where
		}
		msg += ")"
		f := Finding{Rule: RuleDangerousCode, Severity: sev, Message: msg, Global: global,
			Fix: fmt.Sprintf(fixCode, nm)}
		c.add(f, root.call, Step{Kind: StepCulprit, Name: "code object", Function: qual, Value: nm, Index: -1})
	}
	// Module bindings: globals that resolve to a module or object, plus
	// names that are module names themselves (import statements).
	for nm := range names {
		if _, ok := bindings[nm]; !ok && modules[nm] {
			bindings[nm] = nm
		}
	}
	if names["__import__"] {
		for _, s := range consts {
			if modules[s] {
				bindings["__import__('"+s+"')"] = s
			}
		}
	}
	attrs := make([]string, 0, len(names)+len(consts))
	for nm := range names {
		attrs = append(attrs, nm)
	}
	attrs = append(attrs, consts...)
	sort.Strings(attrs)
	var chains []string
	chainSeen := map[string]bool{}
	keys := make([]string, 0, len(bindings))
	for k := range bindings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !names[k] && !strings.HasPrefix(k, "__import__(") {
			continue
		}
		base := bindings[k]
		for _, a := range attrs {
			full := base + "." + a
			vd, ok := exact[full]
			if !ok || (vd.kind != kExec && vd.kind != kNested) || chainSeen[full] {
				continue
			}
			chainSeen[full] = true
			chains = append(chains, k+"."+a+"\x00"+full+"\x00"+vd.what)
		}
	}
	for _, h := range errs {
		what := codeDanger[h.name]
		if what == "" {
			what = "reaches interpreter internals through " + h.name
		} else {
			what = "calls " + h.name + ": it " + what
		}
		global := ""
		if _, ok := codeDanger[h.name]; ok {
			global = "builtins." + h.name
		}
		report(Error, h.name, h.where, what, global)
	}
	for _, ch := range chains {
		parts := strings.SplitN(ch, "\x00", 3)
		f := Finding{Rule: RuleDangerousCode, Severity: Error, Global: parts[1],
			Message: fmt.Sprintf("function %s calls %s (%s): it %s", qual, parts[0], parts[1], parts[2]),
			Fix:     fmt.Sprintf(fixCode, parts[1])}
		c.add(f, root.call, Step{Kind: StepCulprit, Name: "code object", Function: qual, Value: parts[0], Index: -1})
	}
	if names["open"] {
		for _, s := range consts {
			if isWriteMode(s) {
				f := Finding{Rule: RuleDangerousCode, Severity: Warning, Global: "builtins.open",
					Message: fmt.Sprintf("function %s opens a file for writing (open with mode %s in co_consts)", qual, pyrepr.Str(s)),
					Fix:     "make sure writing files on the workers is intended; output written there is not collected by Spark."}
				c.add(f, root.call, Step{Kind: StepCulprit, Name: "code object", Function: qual, Value: "open(..., " + pyrepr.Str(s) + ")", Index: -1})
				break
			}
		}
	}
	for _, h := range warns {
		report(Warning, h.name, h.where, codeWarn[h.name], "builtins."+h.name)
	}
}

// isWriteMode reports whether s looks like a file mode that writes.
func isWriteMode(s string) bool {
	if s == "" || len(s) > 4 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("rwaxbt+U", r) {
			return false
		}
	}
	return strings.ContainsAny(s, "wax+")
}
