"""Golden cases for unicodedata (the implemented part)."""

UNICODEDATA = [
    "[unicodedata.category(c) for c in 'aA1 _-.\\n\\u00e9\\u0301\\u4e2d\\u2028\\u00a0$\\u00bd\\u2167\\U0001f600\\ud7ff\\ue000']",
    "unicodedata.numeric('5'), unicodedata.numeric('\\u00bd'), unicodedata.numeric('\\u2167'), unicodedata.numeric('\\u4e07'), unicodedata.numeric('x', -1), unicodedata.digit('\\u00b2'), unicodedata.decimal('\\u0663'), unicodedata.decimal('\\u00b2', None), unicodedata.digit('7')",
    "unicodedata.numeric('x')",
    "unicodedata.digit('\\u00bd')",
    "unicodedata.decimal('a')",
    "unicodedata.category('ab')",
    "unicodedata.category(5)",
    "unicodedata.unidata_version",
]

CASES = [("unicodedata", UNICODEDATA)]
