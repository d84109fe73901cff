"""Patterns whose matching time can explode on a short input (ReDoS).

The widget tests a field's value with `new RegExp("^(?:" + pattern + ")$", "u")`
on the reader's main thread, in a backtracking engine. A pattern such as `(a+)+b`
can match one text in exponentially many ways: 28 a's and a "c" kept a page busy
for 3.4 s. Such a pattern is refused at build, with the part that causes it.

How: the pattern becomes a Glushkov automaton (one state per character class in it,
counted repetitions unrolled a few times), and the automaton is checked for
exponential ambiguity, which is exactly what makes a backtracking engine explode on
a failing input: a state with two different loops back to itself on the same text
(Weber and Seidl's criterion, found as a strongly connected component of the
automaton's square that holds both a pair `(p, p)` and a pair `(q, r)`, q != r).
Character classes are compared on a sample of characters (ASCII, every character and
range end the pattern names, and a few others), so an overlap is never missed for a
character the pattern mentions.

The well-kept analysers (recheck, redos-detector) run on a JavaScript or Java
engine; regexploit reads Python's syntax through the deprecated `sre_parse` and is
unmaintained since 2021. This module reads the pattern's structure only: whether
JavaScript accepts the pattern at all is checked beside it, in model.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Optional, Union

UNROLL = 3
"""Copies a counted repetition (`{8,12}`) is unrolled to, at most, on each side:
enough to show a chain of `MAX_DEGREE` loops."""
MAX_STATES = 400
"""Beyond this many states the square is too large to check at build speed."""
MAX_LOOPS = 60
"""Beyond this many states on loops the polynomial check is skipped."""
MAX_DEGREE = 3
"""Polynomial ambiguity of this degree or more (n³: 0.3 s on 1,000 characters under a
4x slower CPU) is refused; n² (2 ms there) is not."""

_BRACES = re.compile(r"\{(\d+)(?:(,)(\d*))?\}")
_JS_SPACES = frozenset(
    (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)
) | frozenset((0xFEFF, *range(0x2000, 0x200B)))
_LINE_ENDS = frozenset([0x0A, 0x0D, 0x2028, 0x2029])
_OTHERS = (0xE9, 0x3A9, 0x4E2D, 0x1F600, 0x10FFFF)


def _word(c: int) -> bool:
    return c == 0x5F or 0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A


_CLASSES: dict[str, Callable[[int], bool]] = {
    "d": lambda c: 0x30 <= c <= 0x39,
    "w": _word,
    "s": lambda c: c in _JS_SPACES,
}

Pred = Callable[[int], bool]
Part = tuple[bool, set[int], set[int]]
"""What a part of the automaton is: (nullable, first states, last states)."""


def _between(low: int, high: int) -> Pred:
    return lambda x: low <= x <= high


@dataclass(frozen=True)
class _Set:
    test: Pred


@dataclass(frozen=True)
class _Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class _Alt:
    options: tuple[Node, ...]


@dataclass(frozen=True)
class _Rep:
    body: Node
    low: int
    high: Optional[int]  # None: no upper bound


@dataclass(frozen=True)
class _Empty:
    """An assertion (^, $, \\b), a back reference: no character of its own."""


Node = Union[_Set, _Seq, _Alt, _Rep, _Empty]


class _Parser:
    """A lenient reader of the structure of a pattern JavaScript accepts."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.at = 0
        self.points: set[int] = set()  # every character the pattern names
        self.lookarounds: list[Node] = []  # checked on their own

    def peek(self, n: int = 1) -> str:
        return self.source[self.at : self.at + n]

    def take(self, n: int = 1) -> str:
        text = self.source[self.at : self.at + n]
        self.at += n
        return text

    def disjunction(self) -> Node:
        options = [self.alternative()]
        while self.peek() == "|":
            self.take()
            options.append(self.alternative())
        return options[0] if len(options) == 1 else _Alt(tuple(options))

    def alternative(self) -> Node:
        items: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.quantified(self.atom()))
        return _Seq(tuple(items))

    def quantified(self, atom: Node) -> Node:
        c = self.peek()
        high: Optional[int]
        braces = _BRACES.match(self.source, self.at) if c == "{" else None
        if c in ("*", "+", "?") and c:
            self.take()
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        elif braces:
            self.at = braces.end()
            low = int(braces.group(1))
            high = low
            if braces.group(2):
                high = int(braces.group(3)) if braces.group(3) else None
        else:
            return atom
        if self.peek() == "?":  # lazy: the same choices, tried in another order
            self.take()
        return _Rep(atom, low, high)

    def atom(self) -> Node:
        c = self.take()
        if c == "(":
            return self.group()
        if c in ("^", "$"):
            return _Empty()
        if c == ".":
            return _Set(lambda x: x not in _LINE_ENDS)
        if c == "[":
            return _Set(self.char_class())
        if c == "\\":
            return self.escape()
        return self.literal(ord(c))

    def literal(self, point: int) -> _Set:
        self.points.add(point)
        return _Set(_between(point, point))

    def group(self) -> Node:
        look = False
        if self.peek(2) == "?:":
            self.take(2)
        elif self.peek(2) in ("?=", "?!"):
            self.take(2)
            look = True
        elif self.peek(3) in ("?<=", "?<!"):
            self.take(3)
            look = True
        elif self.peek(2) == "?<":
            self.at = self.source.find(">", self.at) + 1
        inner = self.disjunction()
        self.take()  # )
        if look:
            self.lookarounds.append(inner)
            return _Empty()
        return inner

    def escape(self) -> Node:
        c = self.take()
        if c.lower() in _CLASSES:
            test = _CLASSES[c.lower()]
            return _Set(test if c.islower() else lambda x: not test(x))
        if c in ("b", "B"):
            return _Empty()
        if c.isdigit() and c != "0":
            while self.peek().isdigit():
                self.take()
            return _Empty()  # a back reference: the text of a group again
        if c == "k" and self.peek() == "<":
            self.at = self.source.find(">", self.at) + 1
            return _Empty()
        if c in ("p", "P") and self.peek() == "{":
            self.at = self.source.find("}", self.at) + 1
            return _Set(lambda x: True)  # a Unicode property: compared as any character
        return self.literal(self.escaped_point(c))

    def escaped_point(self, c: str) -> int:
        simple = {"n": 10, "r": 13, "t": 9, "v": 11, "f": 12, "0": 0}
        if c in simple:
            return simple[c]
        if c == "c" and self.peek().isalpha():
            return ord(self.take()) % 32
        if c == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", self.peek(2)):
            return int(self.take(2), 16)
        if c == "u" and self.peek() == "{":
            end = self.source.find("}", self.at)
            point = int(self.source[self.at + 1 : end], 16)
            self.at = end + 1
            return point
        if c == "u" and re.fullmatch(r"[0-9A-Fa-f]{4}", self.peek(4)):
            return int(self.take(4), 16)
        return ord(c) if c else 0

    def char_class(self) -> Pred:
        negated = self.peek() == "^"
        if negated:
            self.take()
        tests: list[Pred] = []
        while self.peek() not in ("", "]"):
            low = self.class_atom()
            if isinstance(low, int) and self.peek() == "-" and self.peek(2)[1:] not in ("", "]"):
                self.take()
                high = self.class_atom()
                if isinstance(high, int):
                    self.points.update((low, high))
                    tests.append(_between(low, high))
                    continue
                tests.extend([high, _between(0x2D, 0x2D)])  # `[a-\d]`: a, -, digits
            if isinstance(low, int):
                self.points.add(low)
                tests.append(_between(low, low))
            else:
                tests.append(low)
        self.take()  # ]
        return lambda x: any(t(x) for t in tests) != negated

    def class_atom(self) -> Union[int, Pred]:
        c = self.take()
        if c != "\\":
            return ord(c)
        e = self.take()
        if e.lower() in _CLASSES:
            test = _CLASSES[e.lower()]
            return test if e.islower() else (lambda x: not test(x))
        if e in ("p", "P") and self.peek() == "{":
            self.at = self.source.find("}", self.at) + 1
            return lambda x: True
        if e == "b":
            return 8
        return self.escaped_point(e)


@dataclass
class _Automaton:
    """Glushkov's automaton: a state per character class occurrence."""

    universe: tuple[int, ...]
    sets: list[int] = field(default_factory=list)
    """Each state's characters, as a bit mask over `universe`."""
    follow: list[set[int]] = field(default_factory=list)

    def state(self, test: Pred) -> int:
        self.sets.append(sum(1 << i for i, x in enumerate(self.universe) if test(x)))
        self.follow.append(set())
        if len(self.sets) > MAX_STATES:
            raise _TooLarge
        return len(self.sets) - 1

    def build(self, node: Node) -> Part:
        """(nullable, first states, last states), adding the follow edges."""
        if isinstance(node, _Set):
            s = self.state(node.test)
            return False, {s}, {s}
        if isinstance(node, _Empty):
            return True, set(), set()
        if isinstance(node, _Alt):
            parts = [self.build(o) for o in node.options]
            first: set[int] = set().union(*(p[1] for p in parts))
            last: set[int] = set().union(*(p[2] for p in parts))
            return any(p[0] for p in parts), first, last
        if isinstance(node, _Seq):
            return self.sequence([partial(self.build, item) for item in node.items])
        return self.repeat(node)

    def sequence(self, parts: list[Callable[[], Part]]) -> Part:
        nullable = True
        first: set[int] = set()
        last: set[int] = set()
        for make in parts:
            n, f, l_ = make()
            for s in last:
                self.follow[s] |= f
            if nullable:
                first |= f
            last = last | l_ if n else l_
            nullable = nullable and n
        return nullable, first, last

    def optional(self, body: Node, count: int) -> Part:
        """`(x(x(x)?)?)?`: up to `count` more copies, without a choice of which copy."""
        if count == 0:
            return True, set(), set()
        _, f, l_ = self.sequence(
            [partial(self.build, body), partial(self.optional, body, count - 1)]
        )
        return True, f, l_

    def repeat(self, node: _Rep) -> Part:
        low = min(node.low, UNROLL)
        parts: list[Callable[[], Part]] = [partial(self.build, node.body) for _ in range(low)]
        if node.high is None:
            parts.append(partial(self.star, node.body))
        else:
            more = min(node.high - node.low, UNROLL)
            parts.append(partial(self.optional, node.body, more))
        return self.sequence(parts)

    def star(self, body: Node) -> Part:
        """`body*` as two copies that take turns: each new round of the loop enters
        the other copy, so that a loop inside `body` and the loop around it stay two
        different paths (Glushkov's construction would merge them into one edge)."""
        n1, f1, l1 = self.build(body)
        n2, f2, l2 = self.build(body)
        for s in l1:
            self.follow[s] |= f2 | (f1 if n2 else set())
        for s in l2:
            self.follow[s] |= f1 | (f2 if n1 else set())
        return True, f1 | (f2 if n1 else set()), l1 | l2


class _TooLarge(Exception):
    """The analysis outgrew its bound: the pattern is not refused, and the widget's input
    bound (1,000 characters) is what protects the reader."""


def _components(
    nodes: list[tuple[int, int]], edges: dict[tuple[int, int], list[tuple[int, int]]]
) -> list[list[tuple[int, int]]]:
    """Strongly connected components (Tarjan's, without recursion)."""
    index: dict[tuple[int, int], int] = {}
    low: dict[tuple[int, int], int] = {}
    stack: list[tuple[int, int]] = []
    on_stack: set[tuple[int, int]] = set()
    found: list[list[tuple[int, int]]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            out = edges.get(v, [])
            if i < len(out):
                work.append((v, i + 1))
                w = out[i]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                found.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return found


def _exponential(a: _Automaton, start: set[int]) -> bool:
    """Two different loops on one text through one state: exponential ambiguity."""
    first = [(p, q) for p in start for q in start if a.sets[p] & a.sets[q]]
    edges: dict[tuple[int, int], list[tuple[int, int]]] = {}
    seen = set(first)
    todo = list(first)
    while todo:
        p, q = todo.pop()
        out = [(p2, q2) for p2 in a.follow[p] for q2 in a.follow[q] if a.sets[p2] & a.sets[q2]]
        edges[(p, q)] = out
        for pair in out:
            if pair not in seen:
                seen.add(pair)
                todo.append(pair)
    for component in _components(list(seen), edges):
        if len(component) < 2:
            continue
        if any(p == q for p, q in component) and any(p != q for p, q in component):
            return True
    return False


def _looping(a: _Automaton) -> list[int]:
    """States on a loop of the automaton."""
    n = len(a.sets)
    nodes = [(s, 0) for s in range(n)]
    edges = {(s, 0): [(t, 0) for t in a.follow[s]] for s in range(n)}
    out: list[int] = []
    for component in _components(nodes, edges):
        if len(component) > 1 or component[0][0] in a.follow[component[0][0]]:
            out.extend(s for s, _ in component)
    return out


def _ida(a: _Automaton, p: int, q: int) -> bool:
    """A text that loops on p, leads from p to q, and loops on q: the choice of where
    to leave p's loop for q's gives polynomially many ways to match."""
    begin, goal = (p, p, q), (p, q, q)
    seen = {begin}
    todo = [begin]
    while todo:
        x, y, z = todo.pop()
        for x2 in a.follow[x]:
            for y2 in a.follow[y]:
                common = a.sets[x2] & a.sets[y2]
                if not common:
                    continue
                for z2 in a.follow[z]:
                    triple = (x2, y2, z2)
                    if triple in seen or not common & a.sets[z2]:
                        continue
                    if triple == goal:
                        return True
                    seen.add(triple)
                    todo.append(triple)
    return False


def _polynomial(a: _Automaton) -> bool:
    """Polynomial ambiguity of degree `MAX_DEGREE` or more: a chain of that many
    loops, each of which a text can leave for the next at any point."""
    loops = _looping(a)
    if len(loops) > MAX_LOOPS:
        raise _TooLarge
    known: dict[tuple[int, int], bool] = {}

    def ida(p: int, q: int) -> bool:
        if (p, q) not in known:
            known[(p, q)] = _ida(a, p, q)
        return known[(p, q)]

    def chain(p: int, length: int) -> bool:
        if length >= MAX_DEGREE:
            return True
        return any(q != p and ida(p, q) and chain(q, length + 1) for q in loops)

    return any(chain(p, 1) for p in loops)


def explodes(pattern: str) -> bool:
    """Whether matching `pattern` can take exponential time on a short failing input.
    `pattern` is one JavaScript accepts (checked beside this, in model.py)."""
    parser = _Parser(pattern)
    try:
        tree = parser.disjunction()
    except (ValueError, IndexError):
        return False  # not read here; JavaScript's own check speaks for it
    points = sorted(
        set(range(128))
        | set(_OTHERS)
        | _JS_SPACES
        | {x for p in parser.points for x in (p - 1, p, p + 1) if 0 <= x <= 0x10FFFF}
    )
    for node in [tree, *parser.lookarounds]:
        automaton = _Automaton(tuple(points))
        try:
            _, start, _ = automaton.build(node)
        except _TooLarge:
            return False  # the input bound in the widget is what protects here
        try:
            if _exponential(automaton, start) or _polynomial(automaton):
                return True
        except _TooLarge:
            return False
    return False


def check(pattern: str) -> Optional[str]:
    """Why the widget must not run `pattern`, or None when it may."""
    if not explodes(pattern):
        return None
    return (
        "its matching time can explode on a short input: it can match the same text in "
        "exponentially many ways (a repetition inside a repetition, like `(a+)+`, or "
        "alternatives that overlap inside one, like `(a|a)*`), and a reader's browser would "
        "freeze on a few dozen characters that do not match; write it so that each "
        "character can be matched in only one way, e.g. `a+` for `(a+)+`"
    )
