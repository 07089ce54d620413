"""Golden cases for textwrap."""

S = "'The quick brown fox jumps over the lazy dog. A well-known sentence-building exercise, used by typists everywhere.'"

TEXTWRAP = [
    "textwrap.wrap(" + S + ", 20), textwrap.wrap(" + S + ")",
    "textwrap.fill(" + S + ", width=30, initial_indent='* ', subsequent_indent='  ')",
    "textwrap.wrap('supercalifragilisticexpialidocious is long', 10), textwrap.wrap('supercalifragilisticexpialidocious', 10, break_long_words=False), textwrap.wrap('a-very-long-hyphenated-word-here', 8), textwrap.wrap('a-very-long-hyphenated-word-here', 8, break_on_hyphens=False)",
    "textwrap.wrap('  leading and   trailing  ', 8), textwrap.wrap('  leading and   trailing  ', 8, drop_whitespace=False), textwrap.wrap(''), textwrap.wrap('   '), textwrap.wrap('a\\tb\\nc', 4), textwrap.wrap('a\\tb', 20, expand_tabs=False, replace_whitespace=False)",
    "textwrap.wrap(" + S + ", 25, max_lines=2), textwrap.wrap(" + S + ", 25, max_lines=2, placeholder='~'), textwrap.fill('one two three', 7, max_lines=1)",
    "textwrap.shorten('Hello  world!', width=12), textwrap.shorten('Hello world!', width=11), textwrap.shorten('Hello world', width=10, placeholder='...'), textwrap.shorten(" + S + ", 40)",
    "textwrap.wrap('x', 0)",
    "textwrap.shorten('hello world', 3)",
    "textwrap.wrap('em--dash and well-formed--words', 6), textwrap.wrap('Hello there. How are you? Fine.', 12, fix_sentence_endings=True)",
    "textwrap.dedent('    a\\n      b\\n    c\\n'), textwrap.dedent('  x\\n\\t y'), textwrap.dedent('a\\n  b'), textwrap.dedent('    \\n    a\\n  \\n    b'), textwrap.dedent('')",
    "textwrap.indent('a\\nb\\n\\nc', '> '), textwrap.indent('a\\n  \\nb', '+', lambda line: True), textwrap.indent('x\\r\\ny', '-')",
    "textwrap.wrap('héllo wörld ñandú', 6), textwrap.fill('résumé café', 7)",
]

CASES = [("textwrap", TEXTWRAP)]
