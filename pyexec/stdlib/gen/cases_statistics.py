"""Golden cases for statistics (pyexec/stdlib/statisticsmod)."""

S = "from fractions import Fraction as F\n"

STATISTICS = [S + s for s in [
    "return statistics.mean([1, 2, 3, 4]), statistics.mean([1, 2, 3]), statistics.mean([0.1, 0.2, 0.3]), statistics.mean([F(1, 2), F(1, 3)]), statistics.mean([1, F(1, 2)]), statistics.mean([F(1, 2), 0.5]), statistics.mean(iter([True, False]))",
    "return statistics.fmean([1, 2, 3, 4]), statistics.fmean([0.1] * 10), statistics.fmean([F(1, 3), 1]), statistics.fmean([1, 2, 3], weights=[3, 2, 1])",
    "return round(statistics.geometric_mean([54, 24, 36]), 10), statistics.harmonic_mean([40, 60]), statistics.harmonic_mean([2, 0, 4]), statistics.harmonic_mean([F(1, 2), F(1, 3)]), statistics.harmonic_mean([5])",
    "return statistics.median([3, 1, 2]), statistics.median([4, 1, 3, 2]), statistics.median([1.5, 2.5]), statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]), statistics.median(['b', 'a', 'c'])",
    "return statistics.median_grouped([52, 52, 53, 54]), statistics.median_grouped([1, 3, 3, 5, 7], interval=2), statistics.median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 4, 5])",
    "return statistics.mode([1, 1, 2, 3, 3, 3, 3, 4]), statistics.mode(['red', 'blue', 'blue', 'red']), statistics.multimode('aabbbbccddddeeffffgg'), statistics.multimode([]), statistics.mode([2.5])",
    "return statistics.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), statistics.quantiles([105, 129, 87, 86, 111, 111, 89, 81, 108, 92], n=10), statistics.quantiles([1, 2, 3, 4], n=3, method='inclusive'), statistics.quantiles([1.5, 2.5], n=2)",
    "return statistics.variance([2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]), statistics.variance([1, 2, 3, 4]), statistics.variance([1, 3, 5]), statistics.variance([F(1, 6), F(1, 2), F(5, 3)]), statistics.pvariance([0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25])",
    "return statistics.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), statistics.pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), statistics.stdev([1, 2, 3, 4]), statistics.pstdev([2, 2]), statistics.stdev([F(1, 2), F(3, 2)]), statistics.variance([1, 2, 3], 2), statistics.pvariance([1, 2, 3, 4], mu=2.5)",
    "return statistics.mean([1e308, 1e308]) if False else statistics.mean([1, float('inf')]), statistics.variance([0.1, 0.2, 0.7]), statistics.pvariance([10**20, 10**20 + 2])",
    "return statistics.mean([])",
    "return statistics.fmean([])",
    "return statistics.median([])",
    "return statistics.median_low([])",
    "return statistics.mode([])",
    "return statistics.variance([1])",
    "return statistics.stdev([1])",
    "return statistics.pvariance([])",
    "return statistics.pstdev([])",
    "return statistics.harmonic_mean([1, -1])",
    "return statistics.harmonic_mean([])",
    "return statistics.geometric_mean([1, -1])",
    "return statistics.quantiles([1, 2], n=0)",
    "return statistics.quantiles([1, 2], method='x')",
    "return statistics.mean(['a', 'b'])",
    "return statistics.mean([1, 'b'])",
    "return issubclass(statistics.StatisticsError, ValueError)",
]] + [
    ((3, 12), S + "return statistics.quantiles([5], n=3)"),
    ((3, 12), S + "return statistics.quantiles([], n=3)"),
]

CASES = [("statistics", STATISTICS)]
