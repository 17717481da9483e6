"""LarkRulesParser: rule text to the core's syntax tree, with positioned, readable errors.

The tree is built while parsing (lark's inline transformer), so no recursion depends on
the rule's nesting; the core bounds depth and size afterwards.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from adapters.outbound.rules.grammar import GRAMMAR
from core.domain.rules.limits import MAX_RULE_CHARS
from core.domain.rules.nodes import Binary, Boolean, Call, Name, Node, Number, RuleError, Unary

_HINTS = {
    "'": "strings are not part of the rules language",
    '"': "strings are not part of the rules language",
    "[": "subscripts are not part of the rules language; use shift(x, n) for past values",
    "]": "subscripts are not part of the rules language; use shift(x, n) for past values",
    ".": "attribute access is not part of the rules language",
    "=": "unexpected '='; compare with '=='",
    "&": "unexpected '&'; use 'and'",
    "|": "unexpected '|'; use 'or'",
    "!": "unexpected '!'; use 'not' (or '!=' to compare)",
}
_STRUCTURE = {"RPAR": "')'", "COMMA": "','"}
_TOKENS = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\S")
_KEYWORDS = {"and", "or", "not", "true", "false"}
_OPERATORS = {"OR", "AND", "COMPARE", "PLUS", "MINUS", "TIMES", "DIVIDE"}


class _Builder(Transformer[Token, Node]):
    """Lark callbacks that build core nodes; positions are the operator's or the name's."""

    def binary(self, children: list[Any]) -> Binary:
        left, op, right = children
        return Binary(str(op), left, right, *_at(op))

    def unary(self, children: list[Any]) -> Unary:
        op, operand = children
        return Unary(str(op), operand, *_at(op))

    def number(self, children: list[Token]) -> Number:
        (token,) = children
        return Number(float(token), str(token).isdigit(), *_at(token))

    def boolean(self, children: list[Token]) -> Boolean:
        (token,) = children
        return Boolean(str(token) == "true", *_at(token))

    def name(self, children: list[Token]) -> Name:
        (token,) = children
        return Name(str(token), *_at(token))

    def call(self, children: list[Any]) -> Call:
        token, arguments = children
        return Call(str(token), tuple(arguments or ()), *_at(token))

    def arguments(self, children: list[Node]) -> tuple[Node, ...]:
        return tuple(children)


def _at(token: Token) -> tuple[int, int]:
    return token.line or 1, token.column or 1


class LarkRulesParser:
    """Implements core.ports.rules_parser.RulesParser; safe to share between threads.

    The trees of the last `remembered` texts read are kept: a run parses its strategy when
    it is queued and again when it starts, and a kind's rule texts are the same for every
    backtest using its parameters. Trees are immutable, so sharing one is safe; a text that
    fails is parsed again each time (its error is the answer).
    """

    def __init__(self, remembered: int = 512) -> None:
        self._lark = Lark(GRAMMAR, parser="lalr", transformer=_Builder())
        self._remembered = lru_cache(maxsize=remembered)(self._parse)

    def parse(self, text: str) -> Node:
        return self._remembered(text)

    def _parse(self, text: str) -> Node:
        if len(text) > MAX_RULE_CHARS:
            raise RuleError(1, 1, f"a rule is at most {MAX_RULE_CHARS} characters")
        if not text.strip():
            raise RuleError(1, 1, "the rule is empty")
        try:
            tree: Any = self._lark.parse(text)
        except UnexpectedInput as error:
            raise _positioned(error, text) from None
        return tree  # the transformer made it a core node


def _positioned(error: UnexpectedInput, text: str) -> RuleError:
    if isinstance(error, UnexpectedCharacters):
        hint = _HINTS.get(error.char, f"unexpected character {error.char!r}")
        return RuleError(error.line, error.column, hint)
    if isinstance(error, UnexpectedToken):
        token = error.token
        if token.type == "COMPARE" and "NAME" not in error.expected:
            return RuleError(token.line, token.column, "comparisons cannot be chained; use 'and'")
        if token.type == "$END":
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
            expected = _expected(error.expected, _brackets(text))
            return RuleError(line, column, f"expected {expected}, found the end")
        expected = _expected(error.expected, _brackets(text[: token.start_pos]))
        return RuleError(token.line, token.column, f"expected {expected}, found '{token}'")
    return RuleError(error.line, error.column, "the rule cannot be read here")


def _brackets(before: str) -> list[bool]:
    """The parentheses open before the error, innermost last: True for a call's."""
    stack: list[bool] = []
    previous = ""
    for match in _TOKENS.finditer(before):
        token = match.group()
        if token == "(":
            stack.append(previous[:1].isalpha() or previous[:1] == "_")
        elif token == ")" and stack:
            stack.pop()
        previous = "" if token in _KEYWORDS else token
    return stack


def _expected(terminals: set[str], brackets: list[bool]) -> str:
    """What may come next, in words; LALR's lookaheads are narrowed to the open brackets."""
    if "NUMBER" in terminals or "NAME" in terminals:
        return "a value (a number, a series, a function call or '(')"
    allowed = {"RPAR": bool(brackets), "COMMA": bool(brackets) and brackets[-1]}
    words = [_STRUCTURE[t] for t in ("RPAR", "COMMA") if t in terminals and allowed[t]]
    if terminals & _OPERATORS:
        words.append("an operator")
    if "$END" in terminals and not brackets:
        words.append("the end of the rule")
    if not words:
        return "something else"
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
