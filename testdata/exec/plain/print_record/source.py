def func(x):
    print('record', x)
    return x
