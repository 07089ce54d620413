"""Golden cases for time (pyexec/stdlib/timemod); the host zone is UTC."""

TIME = [
    "time.gmtime(0)",
    "time.gmtime(1700000000.9), time.localtime(86400 * 365), time.gmtime(-86400)",
    "t = time.gmtime(1234567890)\nreturn t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday, t.tm_isdst, t[0], t[-1], t[:3], len(t), list(t), tuple(t)",
    "t = time.gmtime(1234567890)\nreturn t == tuple(t), t.tm_zone, t.tm_gmtoff, time.localtime(0).tm_zone",
    "time.mktime(time.gmtime(1700000000)), time.mktime((2024, 2, 29, 12, 0, 0, 0, 0, 0)), time.mktime((1970, 1, 1, 0, 0, 0, 3, 1, -1))",
    "time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(1700000000)), time.strftime('%a %A %b %B %j %w %u %y %I %p %%', time.gmtime(1234567890))",
    "time.strftime('%U %W %V %G %x %X %c %F %T %D', time.gmtime(1700000000)), time.strftime('%d/%m', (2020, 1, 5, 0, 0, 0, 0, 0, 0))",
    "time.asctime(time.gmtime(0)), time.ctime(1700000000), time.asctime((2024, 3, 5, 1, 2, 3, 1, 65, 0))",
    "time.struct_time((2024, 1, 2, 3, 4, 5, 1, 2, 0))",
    "time.struct_time((1, 2))",
    "time.strftime('%Y', (2024, 13, 1, 0, 0, 0, 0, 1, 0))",
    "time.mktime((1, 2))",
    "time.gmtime('x')",
    "time.sleep(-1)",
    "time.sleep('x')",
    "time.sleep(0), time.sleep(0.001)",
    "time.timezone, time.altzone, time.daylight, time.tzname",
    "a = time.time()\nb = time.perf_counter()\nc = time.monotonic()\nd = time.perf_counter_ns()\nreturn type(a), type(b), type(c), type(d), a > 1.6e9, time.time_ns() > 1.6e18, time.perf_counter() >= b, time.monotonic() >= c",
    "isinstance(time.process_time(), float), isinstance(time.monotonic_ns(), int), type(time.gmtime()).__name__",
]

CASES = [("time", TIME)]
