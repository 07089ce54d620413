def func(x):
    y = x * 3 + 7
    for i in range(20):
        y = (y * 31 + i) % 1000003
    return y - x // 2
