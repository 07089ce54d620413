package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// StepKind says how one step of a [Finding]'s path reaches the next object.
type StepKind string

// The kinds of path steps.
const (
	StepTask       StepKind = "task-function"   // the root function (Name: its qualname; Index: command element or -1)
	StepRoot       StepKind = "root"            // the root object (Class)
	StepElement    StepKind = "element"         // item of a tuple, list, set or frozenset (Class: container type; Index)
	StepDictKey    StepKind = "dict-key"        // key of a dict entry (Index)
	StepDictValue  StepKind = "dict-value"      // value of a dict entry (Name: key repr)
	StepField      StepKind = "field"           // instance attribute from BUILD state (Class, Name)
	StepBuildState StepKind = "build-state"     // non-dict BUILD state (Class)
	StepUpdate     StepKind = "update-item"     // item added by APPENDS/SETITEMS/ADDITEMS on a non-container (Name or Index)
	StepCell       StepKind = "closure-cell"    // closure cell (Name: free variable; Function)
	StepGlobal     StepKind = "global"          // entry of a function's __globals__ (Name; Function)
	StepDefault    StepKind = "default"         // default argument (Name or Index; Function)
	StepKwDefault  StepKind = "kwdefault"       // keyword-only default (Name; Function)
	StepFuncAttr   StepKind = "function-attr"   // other function attribute or __dict__ entry (Name; Function)
	StepCode       StepKind = "code"            // the function's code object (Function)
	StepCodeConst  StepKind = "code-const"      // item of co_consts (Function: code name; Index)
	StepCodeArg    StepKind = "code-arg"        // other CodeType argument (Name; Function)
	StepMethodSelf StepKind = "method-self"     // bound method __self__ (Function: method)
	StepMethodFunc StepKind = "method-func"     // bound method __func__ (Function: method)
	StepClassAttr  StepKind = "class-attr"      // class attribute (Class, Name)
	StepBase       StepKind = "base"            // base class (Class, Index)
	StepEnumMember StepKind = "enum-member"     // enum member value (Class, Name)
	StepModuleVar  StepKind = "module-global"   // global of a module pickled by value (Class: module, Name)
	StepArg        StepKind = "reduce-arg"      // positional argument of a call (Name: callable; Index)
	StepKwarg      StepKind = "kwarg"           // keyword argument of NEWOBJ_EX (Name: key; Class: callable)
	StepCallable   StepKind = "callable"        // the callable of a call (Name: opcode)
	StepPersistent StepKind = "persistent-id"   // id of a persistent reference
	StepPopped     StepKind = "popped"          // value discarded by POP (Index)
	StepLeftover   StepKind = "leftover"        // value left on the stack at STOP (Index)
	StepTrailing   StepKind = "trailing-pickle" // a pickle after the first STOP (Index: its position; Offset)
	StepNested     StepKind = "nested-pickle"   // a pickle loaded by a call (Name: the loader)
	StepElided     StepKind = "elided"          // Index steps left out of a long path
	StepCulprit    StepKind = "culprit"         // the object at fault (Class, Value; Name: what)
)

// Step is one step of the path from the payload's root to a culprit.
// Which fields are set depends on Kind (see the StepKind constants).
type Step struct {
	Kind StepKind
	// Name is a field, cell, global, key or callable name.
	Name string
	// Class is the class of the object the step leaves (or, for the
	// culprit, of the culprit).
	Class string
	// Function is the qualified name of the function the step belongs to.
	Function string
	// Index is an item or argument position, or -1.
	Index int
	// Value renders the culprit, bounded in length.
	Value string
	// Offset is the byte offset of the object the step reaches.
	Offset int64
}

// MarshalJSON writes the step as an object with only the fields set, plus
// "text", the Spark-style rendering.
func (s Step) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"kind":`)
	writeJSONString(&b, string(s.Kind))
	field := func(k, v string) {
		if v != "" {
			b.WriteString(`,"` + k + `":`)
			writeJSONString(&b, v)
		}
	}
	field("name", s.Name)
	field("class", s.Class)
	field("function", s.Function)
	if s.Index >= 0 {
		b.WriteString(`,"index":` + strconv.Itoa(s.Index))
	}
	field("value", s.Value)
	b.WriteString(`,"offset":` + strconv.FormatInt(s.Offset, 10))
	field("text", s.String())
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc, _ := json.Marshal(s)
	b.Write(enc)
}

// String renders the step as a line of a Spark-style serialization stack.
func (s Step) String() string {
	fn := s.Function
	if fn == "" {
		fn = "?"
	}
	idx := func() string { return strconv.Itoa(s.Index) }
	switch s.Kind {
	case StepTask:
		if s.Index >= 0 {
			return fmt.Sprintf("task function (command element %d: %s)", s.Index, s.Name)
		}
		return fmt.Sprintf("task function (%s)", s.Name)
	case StepRoot:
		return fmt.Sprintf("root object (class: %s)", s.Class)
	case StepElement:
		if s.Index < 0 {
			return fmt.Sprintf("element of %s", s.Class)
		}
		return fmt.Sprintf("element of %s (index: %d)", s.Class, s.Index)
	case StepDictKey:
		return fmt.Sprintf("dict key (index: %d)", s.Index)
	case StepDictValue:
		return fmt.Sprintf("dict value (key: %s)", s.Name)
	case StepField:
		return fmt.Sprintf("field (class: %s, name: %s)", s.Class, s.Name)
	case StepBuildState:
		return fmt.Sprintf("BUILD state (class: %s)", s.Class)
	case StepUpdate:
		if s.Name != "" {
			return fmt.Sprintf("item set by SETITEMS (class: %s, key: %s)", s.Class, s.Name)
		}
		return fmt.Sprintf("item added by APPENDS/ADDITEMS (class: %s, index: %s)", s.Class, idx())
	case StepCell:
		return fmt.Sprintf("closure cell '%s' of function %s", s.Name, fn)
	case StepGlobal:
		return fmt.Sprintf("global '%s' of function %s", s.Name, fn)
	case StepDefault:
		if s.Name != "" {
			return fmt.Sprintf("default argument '%s' of function %s", s.Name, fn)
		}
		return fmt.Sprintf("default argument %s of function %s", idx(), fn)
	case StepKwDefault:
		return fmt.Sprintf("keyword default '%s' of function %s", s.Name, fn)
	case StepFuncAttr:
		return fmt.Sprintf("attribute '%s' of function %s", s.Name, fn)
	case StepCode:
		return fmt.Sprintf("code object of function %s", fn)
	case StepCodeConst:
		return fmt.Sprintf("co_consts[%d] of code %s", s.Index, fn)
	case StepCodeArg:
		return fmt.Sprintf("%s of code %s", s.Name, fn)
	case StepMethodSelf:
		return fmt.Sprintf("bound method __self__ (method: %s)", fn)
	case StepMethodFunc:
		return fmt.Sprintf("bound method __func__ (method: %s)", fn)
	case StepClassAttr:
		return fmt.Sprintf("class attribute (class: %s, name: %s)", s.Class, s.Name)
	case StepBase:
		return fmt.Sprintf("base class %d of class %s", s.Index, s.Class)
	case StepEnumMember:
		return fmt.Sprintf("enum member (class: %s, name: %s)", s.Class, s.Name)
	case StepModuleVar:
		return fmt.Sprintf("module global (module: %s, name: %s)", s.Class, s.Name)
	case StepArg:
		return fmt.Sprintf("reduce argument %d (callable: %s)", s.Index, s.Name)
	case StepKwarg:
		return fmt.Sprintf("keyword argument '%s' (callable: %s)", s.Name, s.Class)
	case StepCallable:
		return fmt.Sprintf("callable of %s", s.Name)
	case StepPersistent:
		return "persistent id"
	case StepPopped:
		return fmt.Sprintf("value discarded by POP (index: %d)", s.Index)
	case StepLeftover:
		return fmt.Sprintf("value left on the stack at STOP (index: %d)", s.Index)
	case StepTrailing:
		return fmt.Sprintf("pickle #%d after STOP (at offset %d)", s.Index+2, s.Offset)
	case StepNested:
		return fmt.Sprintf("nested pickle (loaded by %s, bytes at offset %d)", s.Name, s.Offset)
	case StepElided:
		return fmt.Sprintf("... %d steps left out ...", s.Index)
	case StepCulprit:
		out := s.Name
		if out == "" {
			out = "object"
		}
		switch {
		case s.Class != "" && s.Value != "":
			return fmt.Sprintf("%s (class: %s, value: %s)", out, s.Class, s.Value)
		case s.Class != "":
			return fmt.Sprintf("%s (class: %s)", out, s.Class)
		case s.Value != "":
			return fmt.Sprintf("%s (%s)", out, s.Value)
		}
		return out
	}
	return string(s.Kind)
}
