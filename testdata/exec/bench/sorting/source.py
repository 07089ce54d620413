def func(xs):
    return sorted(xs, key=lambda v: (v % 7, -v))[:3]
