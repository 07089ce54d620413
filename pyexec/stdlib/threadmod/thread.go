// Package threadmod implements the part of CPython's _thread module that
// single-threaded payloads use: get_ident, allocate_lock / LockType, RLock
// and the constants. pyexec runs one Python thread per Thread, so a lock is
// never contended by another thread: a blocking acquire of a lock that is
// already held (which would deadlock in CPython) raises RuntimeError
// instead of hanging, and start_new_thread is refused.
package threadmod

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// LockType is _thread.lock (_thread.LockType).
var LockType = pyexec.NewNativeType("_thread", "lock", nil)

// RLockType is _thread.RLock.
var RLockType = pyexec.NewNativeType("_thread", "RLock", nil)

// Ident is the value get_ident() and get_native_id() return: pyexec's one
// Python thread per Thread has a fixed, deterministic identity.
const Ident = 140000000000001

// Lock is a _thread.lock.
type Lock struct {
	held bool
}

// Type returns _thread.lock.
func (l *Lock) Type() *py.Type { return LockType }

// Repr returns <locked _thread.lock object at 0x...> or its unlocked form.
func (l *Lock) Repr(*pyexec.Thread) (string, error) {
	state := "unlocked"
	if l.held {
		state = "locked"
	}
	return "<" + state + " _thread.lock object at " + pyexec.FormatAddr(pyexec.FakeAddr(l)) + ">", nil
}

// RLock is a _thread.RLock.
type RLock struct {
	count int64
}

// Type returns _thread.RLock.
func (l *RLock) Type() *py.Type { return RLockType }

// Repr returns CPython's RLock repr.
func (l *RLock) Repr(*pyexec.Thread) (string, error) {
	state, owner := "unlocked", int64(0)
	if l.count > 0 {
		state, owner = "locked", Ident
	}
	return "<" + state + " _thread.RLock object owner=" + itoa(owner) + " count=" + itoa(l.count) + " at " + pyexec.FormatAddr(pyexec.FakeAddr(l)) + ">", nil
}

func itoa(v int64) string {
	s, _ := pyexec.Repr(nil, pyexec.MakeInt(v))
	return s
}

// acquireArgs parses acquire(blocking=True, timeout=-1): wait reports
// whether the call would block forever on a held lock.
func acquireArgs(t *pyexec.Thread, fname string, args []py.Object, kw py.Tuple) (wait bool, err error) {
	a, err := pyexec.BindArgs(fname, args, kw, []string{"blocking", "timeout"}, 0)
	if err != nil {
		return false, err
	}
	blocking := true
	if a[0] != nil {
		if blocking, err = pyexec.Truth(t, a[0]); err != nil {
			return false, err
		}
	}
	timeout := -1.0
	if a[1] != nil {
		switch v := a[1].(type) {
		case py.Float:
			timeout = float64(v)
		default:
			if !pyexec.IsInt(v) {
				return false, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(v))
			}
			f, err := pyexec.IntToFloat(v)
			if err != nil {
				return false, err
			}
			timeout = f
		}
	}
	if !blocking && timeout != -1 {
		return false, pyexec.Errorf(pyexec.ValueErrorType, "can't specify a timeout for a non-blocking call")
	}
	if timeout < 0 && timeout != -1 {
		return false, pyexec.Errorf(pyexec.ValueErrorType, "timeout value must be a non-negative number")
	}
	return blocking && timeout == -1, nil
}

func deadlock() error {
	return pyexec.Errorf(pyexec.RuntimeErrorType, "pybridge: deadlock: blocking acquire of a lock this thread already holds")
}

func lockAcquire(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	l := self.(*Lock)
	wait, err := acquireArgs(t, "acquire", args, kw)
	if err != nil {
		return nil, err
	}
	if l.held {
		if wait {
			return nil, deadlock()
		}
		return py.False, nil
	}
	l.held = true
	return py.True, nil
}

func lockRelease(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("release", args, kw, 0, 0); err != nil {
		return nil, err
	}
	l := self.(*Lock)
	if !l.held {
		return nil, pyexec.Errorf(pyexec.RuntimeErrorType, "release unlocked lock")
	}
	l.held = false
	return py.None, nil
}

func rlockAcquire(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if _, err := acquireArgs(t, "acquire", args, kw); err != nil {
		return nil, err
	}
	self.(*RLock).count++
	return py.True, nil
}

func rlockRelease(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("release", args, kw, 0, 0); err != nil {
		return nil, err
	}
	l := self.(*RLock)
	if l.count == 0 {
		return nil, pyexec.Errorf(pyexec.RuntimeErrorType, "cannot release un-acquired lock")
	}
	l.count--
	return py.None, nil
}

func exitMethod(release pyexec.MethodFunc) pyexec.MethodFunc {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return release(t, self, nil, nil)
	}
}

func init() {
	pyexec.RegisterModule("_thread", newModule)
	pyexec.SetTypeCtor(LockType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("lock", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return &Lock{}, nil
	})
	pyexec.SetTypeCtor(RLockType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		return &RLock{}, nil
	})
	locked := func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return py.NewBool(self.(*Lock).held), pyexec.CheckArgs("locked", args, kw, 0, 0)
	}
	enter := func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return lockAcquire(t, self, args, kw)
	}
	pyexec.AddMethods(LockType, map[string]pyexec.MethodFunc{
		"acquire": lockAcquire, "acquire_lock": lockAcquire, "release": lockRelease, "release_lock": lockRelease,
		"locked": locked, "locked_lock": locked, "__enter__": enter, "__exit__": exitMethod(lockRelease),
	})
	pyexec.AddMethods(RLockType, map[string]pyexec.MethodFunc{
		"acquire": rlockAcquire, "release": rlockRelease, "__enter__": rlockAcquire, "__exit__": exitMethod(rlockRelease),
		"_is_owned": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.NewBool(self.(*RLock).count > 0), nil
		},
		"_recursion_count": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.MakeInt(self.(*RLock).count), nil
		},
	})
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "_thread")
	ident := func(name string) pyexec.BuiltinFunc {
		return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.MakeInt(Ident), pyexec.CheckArgs(name, args, kw, 0, 0)
		}
	}
	alloc := func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		return &Lock{}, pyexec.CheckArgs("allocate_lock", args, kw, 0, 0)
	}
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"get_ident": ident("get_ident"), "get_native_id": ident("get_native_id"),
		"allocate_lock": alloc, "allocate": alloc,
		"_count": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.MakeInt(0), pyexec.CheckArgs("_count", args, kw, 0, 0)
		},
		"stack_size": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.MakeInt(0), pyexec.CheckArgs("stack_size", args, kw, 0, 1)
		},
		"start_new_thread": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			return nil, pyexec.Errorf(pyexec.RuntimeErrorType, "pybridge: can't start new thread (module needs host capability 'threads', not granted)")
		},
	})
	m.Set(t, "start_new", mustGet(m, t, "start_new_thread"))
	m.Set(t, "LockType", LockType)
	m.Set(t, "lock", LockType)
	m.Set(t, "RLock", RLockType)
	m.Set(t, "error", pyexec.RuntimeErrorType)
	m.Set(t, "TIMEOUT_MAX", py.Float(9223372036.0))
	return m, nil
}

func mustGet(m *pyexec.Module, t *pyexec.Thread, name string) py.Object {
	v, _ := m.Dict.GetStr(t, name)
	return v
}
