def func(line):
    ws = line.split()
    return (len(ws), sum(1 for w in ws if w.startswith('a')))
