"""Golden cases for heapq, bisect, copy, html and string.Template."""

HEAPQ = [
    "h = []\nfor x in [5, 1, 8, 3, 9, 2, 7]:\n    heapq.heappush(h, x)\nreturn h, [heapq.heappop(h) for _ in range(3)], h",
    "h = [9, 4, 7, 1, 8, 2, 3, 6, 5]\nheapq.heapify(h)\nr = heapq.heapreplace(h, 10)\ns = heapq.heappushpop(h, 0)\nu = heapq.heappushpop(h, 11)\nreturn h, r, s, u",
    "heapq.nlargest(3, [1, 8, 3, 9, 2]), heapq.nsmallest(2, [5, 1, 4]), heapq.nlargest(2, ['bb', 'a', 'ccc'], key=len), heapq.nsmallest(10, [3, 1]), heapq.nlargest(0, [1]), heapq.nsmallest(1, [(1, 'b'), (1, 'a')])",
    "list(heapq.merge([1, 4, 7], [2, 5], [3, 6, 9])), list(heapq.merge([3, 1], [4, 2], reverse=True)), list(heapq.merge(['a', 'ccc'], ['bb'], key=len))",
    "h = [(2, 'b'), (1, 'a'), (3, 'c')]\nheapq.heapify(h)\nreturn heapq.heappop(h), h",
    "heapq.heappop([])",
    "heapq.heappush((1,), 2)",
    "heapq.heapreplace([], 1)",
    "heapq.heappush([1, 'a'], 2)",
]

BISECT = [
    "a = [1, 2, 2, 2, 3, 5]\nreturn bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 4), bisect.bisect_left(a, 0), bisect.bisect_right(a, 9), bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 2)",
    "a = [1, 3]\nbisect.insort(a, 2)\nbisect.insort_left(a, 3)\nbisect.insort_right(a, 0)\nreturn a",
    "a = [('a', 1), ('c', 3)]\nbisect.insort(a, ('b', 2), key=lambda p: p[1])\nreturn a, bisect.bisect_left(a, 3, key=lambda p: p[1])",
    "bisect.bisect_left([1], 1, -1)",
    "bisect.bisect([1, 'a'], 2)",
]

COPY = [
    "a = [1, [2, 3], {'k': [4]}]\nb = copy.copy(a)\nc = copy.deepcopy(a)\na[1].append(9)\na[2]['k'].append(8)\nreturn b, c, b[1] is a[1], c[1] is a[1]",
    "t = (1, [2])\nd = copy.deepcopy(t)\nreturn d, d is t, copy.copy(t) is t, copy.deepcopy((1, 2)) == (1, 2), copy.copy({1, 2}), copy.deepcopy({'a': {1}}), copy.copy('s'), copy.deepcopy(None)",
    "shared = [1]\nx = [shared, shared]\ny = copy.deepcopy(x)\nreturn y, y[0] is y[1], y[0] is shared",
    "x = []\nx.append(x)\ny = copy.deepcopy(x)\nreturn len(y), y[0] is y, y is x",
    "class P:\n    def __init__(self, v):\n        self.v = v\np = P([1])\nq = copy.copy(p)\nr = copy.deepcopy(p)\np.v.append(2)\nreturn q.v, r.v, type(r).__name__, q is p",
    "class C:\n    def __copy__(self):\n        return 'copied'\n    def __deepcopy__(self, memo):\n        return 'deep'\nreturn copy.copy(C()), copy.deepcopy(C()), copy.deepcopy([C()])",
    "class L(list):\n    pass\nl = L([1, [2]])\nl.tag = 'x'\nm = copy.deepcopy(l)\nreturn m, type(m).__name__, m.tag, m[1] is l[1]",
    "f = len\nreturn copy.copy(f) is f, copy.deepcopy(copy) is copy, copy.Error.__name__",
    "a = []\nfor i in range(200):\n    a = [a, {'k': (i,)}]\nb = copy.deepcopy(a)\nreturn a == b, a is b, b[1] is a[1]",
    "a = []\nfor _ in range(20000):\n    a = [a]\nreturn copy.deepcopy(a)",
    "a = {}\nfor _ in range(20000):\n    a = {'k': a}\nreturn copy.deepcopy(a)",
]

HTML = [
    "html.escape('<a href=\"x\">&\\'</a>'), html.escape('<\"\\'>', quote=False), html.escape('')",
    "html.unescape('&lt;p&gt; &amp;amp; &quot;hi&quot; &#39; &#x27; &#X41; &#65;'), html.unescape('no entities'), html.unescape('&copy; &euro; &nbsp;|&hellip;')",
    "html.unescape('&amp &lt &copy2019 &notit; &notin; &unknown; &#0; &#128; &#x110000; &#xD800; &#1; &#65 &#x41x'), html.unescape('&;&#;&#x;&'), html.unescape('&AMP;&LT;&Aacute;&aacute;&NotNestedGreaterGreater;&fjlig;')",
    "html.escape(5)",
    "html.unescape(None)",
]

TEMPLATE = [
    "t = string.Template('$who likes ${what}, $$5')\nreturn t.substitute(who='tim', what='kung pao'), t.substitute({'who': 'a', 'what': 1}), t.substitute({'who': 'a'}, what='b'), t.template",
    "string.Template('$who likes $what').safe_substitute(who='tim'), string.Template('${x} $ ${y').safe_substitute(), string.Template('$x$y').substitute(x=1, y=2), string.Template('$_a1b').substitute(_a1b=0)",
    "string.Template('$who likes $what').substitute(who='tim')",
    "string.Template('cost: $ 5').substitute()",
    "string.Template('a\\nb ${x').substitute(x=1)",
    "string.Template('$1').substitute()",
    "string.Template('$a $b $a ${c}').get_identifiers(), string.Template('$a $').is_valid(), string.Template('$$').is_valid()",
]

CASES = [("heapq", HEAPQ), ("bisect", BISECT), ("copy", COPY), ("html", HTML), ("string", TEMPLATE)]
