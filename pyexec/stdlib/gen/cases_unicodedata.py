"""Golden cases for unicodedata (the implemented part; characters whose data
differ between Unicode 14.0 and 15.0 are avoided)."""

UNICODEDATA = [
    "[unicodedata.category(c) for c in 'aA1 _-.\\n\\u00e9\\u0301\\u4e2d\\u2028\\u00a0$\\u00bd\\u2167\\U0001f600\\ud7ff\\ue000']",
    "unicodedata.numeric('5'), unicodedata.numeric('\\u00bd'), unicodedata.numeric('\\u2167'), unicodedata.numeric('\\u4e07'), unicodedata.numeric('x', -1), unicodedata.digit('\\u00b2'), unicodedata.decimal('\\u0663'), unicodedata.decimal('\\u00b2', None), unicodedata.digit('7')",
    "unicodedata.numeric('x')",
    "unicodedata.digit('\\u00bd')",
    "unicodedata.decimal('a')",
    "unicodedata.category('ab')",
    "unicodedata.category(5)",
    "unicodedata.unidata_version",
    "[unicodedata.normalize(f, s) for f in ('NFC', 'NFD', 'NFKC', 'NFKD') for s in ('e\\u0301', '\\u00e9', '\\ufb01', '\\u2460', 'A\\u030a\\u0327', '\\uac00\\u11a8', '\\u1100\\u1161', '', 'plain')]",
    "[len(unicodedata.normalize(f, '\\u1e9b\\u0323\\ud55c\\u2126\\u212b x\\u00b2')) for f in ('NFC', 'NFD', 'NFKC', 'NFKD')]",
    "[unicodedata.is_normalized(f, s) for f in ('NFC', 'NFD', 'NFKC', 'NFKD') for s in ('e\\u0301', '\\u00e9', '\\ufb01', 'abc', '')]",
    "unicodedata.normalize('NFX', 'a')",
    "unicodedata.normalize('NFC', b'a')",
    "unicodedata.normalize(1, 'a')",
    "unicodedata.is_normalized('nfc', 'a')",
    "[unicodedata.name(c) for c in 'aZ0 \\u00e9\\u20ac\\u4e00\\u9fa5\\uac00\\ud7a3\\uac01\\U00020000\\uf900\\U0001f600\\ufe0f\\u0300']",
    "unicodedata.name('\\x00', None), unicodedata.name('\\ue000', 'pua'), unicodedata.name('\\U0010ffff', 0)",
    "unicodedata.name('\\n')",
    "unicodedata.name('ab')",
    "unicodedata.name(5)",
    "[unicodedata.lookup(n) for n in ('LATIN SMALL LETTER A', 'latin capital letter e with acute', 'EURO SIGN', 'CJK UNIFIED IDEOGRAPH-4E00', 'HANGUL SYLLABLE GAG', 'hangul syllable hih', 'GRINNING FACE', 'SPACE')]",
    "unicodedata.lookup('NO SUCH CHARACTER NAME')",
    "unicodedata.lookup('CJK UNIFIED IDEOGRAPH-0041')",
    "unicodedata.lookup('HANGUL SYLLABLE QQQ')",
    "unicodedata.lookup(3)",
    "unicodedata.lookup(b'DIGIT ONE'), unicodedata.lookup('Hangul Syllable GA'), unicodedata.lookup('cjk unified ideograph-4E01')",
    "unicodedata.lookup('CJK UNIFIED IDEOGRAPH-4e01')",
]

CASES = [("unicodedata", UNICODEDATA)]
