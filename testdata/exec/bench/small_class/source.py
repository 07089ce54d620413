class Acc:
    def __init__(self, n):
        self.n = n
        self.total = 0
    def add(self, v):
        self.total += v * self.n
        return self

def func(x):
    a = Acc(x)
    for i in range(10):
        a.add(i)
    return a.total
