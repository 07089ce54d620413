"""Golden cases for typing (pyexec/stdlib/typingmod)."""

TYPING = [
    "typing.List[int], typing.Dict[str, int], typing.Tuple[int, ...], typing.Optional[int], typing.Union[int, str], typing.Any",
    "typing.Callable[[int, str], bool], typing.Set[str], typing.FrozenSet[int], typing.Type[int], typing.Iterable[int], typing.Iterator[str]",
    "T = typing.TypeVar('T')\nK = typing.TypeVar('K', int, str)\nB = typing.TypeVar('B', bound=int)\nreturn T, K, B, T.__name__, K.__constraints__, B.__bound__, typing.List[T]",
    "typing.Union[int, None], typing.Union[int], typing.Optional[typing.List[int]], typing.Union[int, str] == typing.Union[str, int]",
    "typing.List[int] == typing.List[int], typing.List[int].__origin__, typing.Dict[str, int].__args__, typing.get_origin(typing.List[int]), typing.get_args(typing.Dict[str, int])",
    "typing.cast(int, 'x'), typing.TYPE_CHECKING, typing.Mapping[str, int], typing.Sequence[int]",
    "def f(a: typing.List[int], b: typing.Optional[str] = None) -> typing.Dict[str, int]:\n    return {}\nreturn f.__annotations__",
    "class G(typing.Generic[typing.TypeVar('T')]):\n    pass\nreturn G.__name__, G[int]().__class__.__name__",


]

CASES = [("typing", TYPING)]
