def func(x):
    if x < 0:
        raise ValueError('negative: %d' % x)
    return x * 2
