"""Golden cases for urllib.parse (and the urllib package)."""

P = "urllib.parse."

URLLIB_PARSE = [
    "urllib.parse.urlparse('https://user:pw@Example.COM:8080/a/b;p?q=1&r=2#frag'), urllib.parse.urlparse('//x/y'), urllib.parse.urlparse('x/y'), urllib.parse.urlparse('mailto:a@b.c'), urllib.parse.urlparse('')",
    "r = urllib.parse.urlparse('https://user:pw@Example.COM:8080/a/b;p?q=1#f')\nreturn r.scheme, r.netloc, r.path, r.params, r.query, r.fragment, r.hostname, r.port, r.username, r.password, r.geturl(), r[1], tuple(r), type(r).__name__, r._replace(scheme='http').geturl()",
    "urllib.parse.urlsplit('http://[::1]:80/p?x#y'), urllib.parse.urlsplit('http://[::1]:80/p').hostname, urllib.parse.urlsplit('http://h/p#f', allow_fragments=False), urllib.parse.urlsplit('path', scheme='ftp'), urllib.parse.urlsplit(' \\thttp://a\\n/b'), urllib.parse.urlsplit('HTTP://A/'), urllib.parse.urlsplit('1ab:x')",
    "urllib.parse.urlsplit('http://h').port, urllib.parse.urlsplit('http://h:').port, urllib.parse.urlsplit('http://h').hostname, urllib.parse.urlsplit('/p').hostname, urllib.parse.urlsplit('http://u@h').password",
    "urllib.parse.urlsplit('http://h:99999').port",
    "urllib.parse.urlsplit('http://h:ab').port",
    "urllib.parse.urlsplit('http://[::1/p')",
    "urllib.parse.urlunparse(('https', 'h', '/p', 'x', 'q=1', 'f')), urllib.parse.urlunparse(('', '', 'p', '', '', '')), urllib.parse.urlunsplit(('http', 'h', 'p', '', '')), urllib.parse.urlunsplit(('file', '', '/etc', '', '')), urllib.parse.urlunsplit(['mailto', '', 'a@b', '', ''])",
    "j = urllib.parse.urljoin\nb = 'http://a/b/c/d;p?q'\nreturn [j(b, u) for u in ['g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', ';x', 'g;x', '', '.', './', '..', '../', '../g', '../..', '../../', '../../g', '../../../g', '/./g', 'g.', '.g', 'g..', './../g', 'g/./h', 'g/../h', 'http:g', 'https://x/y']]",
    "urllib.parse.urljoin('', 'a'), urllib.parse.urljoin('http://a/b', ''), urllib.parse.urljoin('mailto:x', 'y'), urllib.parse.urljoin('http://a/b/', 'c/../../../d')",
    "urllib.parse.urldefrag('http://a/b#c'), urllib.parse.urldefrag('http://a/b')",
    "urllib.parse.quote('a b&c/d?é€'), urllib.parse.quote('/x y', safe=''), urllib.parse.quote(b'\\x00\\xff'), urllib.parse.quote('~_.-'), urllib.parse.quote_plus('a b+c/d'), urllib.parse.quote_plus('a/b', safe='/'), urllib.parse.quote('')",
    "urllib.parse.unquote('a%20b%2Fc%C3%A9%e2%82%ac'), urllib.parse.unquote('%zz%4'), urllib.parse.unquote('%ff%C3'), urllib.parse.unquote('é%20'), urllib.parse.unquote_plus('a+b%2Bc'), urllib.parse.unquote('no')",
    "urllib.parse.quote(5)",
    "urllib.parse.parse_qs('a=1&b=2&a=3&c=&d'), urllib.parse.parse_qs('a=1&c=', keep_blank_values=True), urllib.parse.parse_qsl('x=%20y+z&&k=v=w'), urllib.parse.parse_qsl('a=1;b=2'), urllib.parse.parse_qsl('a=1;b=2', separator=';'), urllib.parse.parse_qsl('d', keep_blank_values=True), urllib.parse.parse_qs('')",
    "urllib.parse.parse_qsl('a&b=1', strict_parsing=True)",
    "urllib.parse.urlencode({'a': 1, 'b': 'x y', 'c': 'é&'}), urllib.parse.urlencode([('k', 'v'), ('k', 'w')]), urllib.parse.urlencode({'l': [1, 2]}), urllib.parse.urlencode({'l': [1, 2]}, doseq=True), urllib.parse.urlencode({'s': '/x'}, safe='/'), urllib.parse.urlencode({'q': 'a b'}, quote_via=urllib.parse.quote), urllib.parse.urlencode({})",
    "urllib.parse.urlencode('abc')",
    "import urllib\nreturn urllib.parse.quote('x'), urllib.__name__",
]

CASES = [("urllib.parse", URLLIB_PARSE), ("urllib", ["urllib.__name__", "urllib.nope"])]
