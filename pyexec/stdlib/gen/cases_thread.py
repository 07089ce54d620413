"""Golden cases for _thread (pyexec/stdlib/threadmod)."""

THREAD = [
    "isinstance(_thread.get_ident(), int), _thread.get_ident() == _thread.get_ident(), _thread.LockType.__name__, _thread.error is RuntimeError",
    "l = _thread.allocate_lock()\nr = [l.locked(), l.acquire(), l.locked(), l.acquire(False), l.acquire(blocking=False)]\nl.release()\nr.append(l.locked())\nwith l:\n    r.append(l.locked())\nr.append(l.locked())\nreturn r",
    "l = _thread.allocate_lock()\nl.release()",
    "l = _thread.RLock()\nr = [l.acquire(), l.acquire()]\nl.release()\nl.release()\nwith l:\n    with l:\n        r.append(1)\nreturn r",
    "l = _thread.RLock()\nl.release()",
    "l = _thread.allocate_lock()\ntry:\n    with l:\n        raise ValueError('x')\nexcept ValueError:\n    pass\nreturn l.locked(), type(l).__name__",
    "_thread.allocate_lock().acquire(False, 1)",
]

CASES = [("_thread", THREAD)]

# operator.length_hint through iterators' __length_hint__ (issue #4).
LENGTH_HINT = [
    "it = iter([1, 2, 3])\nnext(it)\nreturn operator.length_hint(it), operator.length_hint(iter((1, 2))), operator.length_hint(iter(range(10))), operator.length_hint(iter('abc')), operator.length_hint(iter([]), 5), operator.length_hint(5, 7)",
]

CASES += [("operator", LENGTH_HINT)]
