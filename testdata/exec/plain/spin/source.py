def func(x):
    while True:
        x += 1
