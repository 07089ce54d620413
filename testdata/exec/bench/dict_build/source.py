def func(x):
    d = {}
    for i in range(10):
        d['k%d' % i] = x + i
    return d
