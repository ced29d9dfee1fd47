"""How the page states numbers, and the safe arithmetic behind derived figures.

``stated_value`` reads the number a phrase such as "$56 billion", "third-largest",
"twelvefold" or "one-third" states, so the build can check that every published value
is the one its quote gives. ``evaluate`` computes a derived figure from an expression
over published figure ids, allowing only numbers, names, + - * / and parentheses.
"""

from __future__ import annotations

import ast
import re

UNITS = frozenset(
    {
        "$ billion",
        "$ million",
        "percent",
        "fraction",
        "rank",
        "count",
        "multiple",
        "million people",
        "decades",
        "hours",
    }
)
QUALIFIERS = frozenset(
    {"nearly", "over", "more than", "exceeding", "under", "roughly", "little over", "a maximum of"}
)

CARDINALS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
FRACTIONS = {"one-half": 1 / 2, "one-third": 1 / 3, "one-quarter": 1 / 4, "two-thirds": 2 / 3}
NUMERAL = re.compile(r"^\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\b")
MULTIPLE = re.compile(r"^([a-z]+)fold$")
ORDINAL = re.compile(r"^([a-z]+)(?:-largest| largest)?$")

# What a stated phrase must (or must not) contain for each unit.
UNIT_MARKERS = {
    "$ billion": ("$", "billion"),
    "$ million": ("$", "million"),
    "percent": ("%",),
    "million people": ("million",),
    "decades": ("decade",),
    "hours": ("hour",),
}


def stated_value(text: str) -> float | None:
    """The number a phrase from the page states, or ``None`` if it states none."""
    phrase = " ".join(text.lower().split())
    if phrase in FRACTIONS:
        return FRACTIONS[phrase]
    multiple = MULTIPLE.match(phrase)
    if multiple and multiple.group(1) in CARDINALS:
        return float(CARDINALS[multiple.group(1)])
    ordinal = ORDINAL.match(phrase)
    if ordinal and ordinal.group(1) in ORDINALS:
        return float(ORDINALS[ordinal.group(1)])
    numeral = NUMERAL.match(phrase)
    if numeral:
        return float(numeral.group(1).replace(",", "") + (numeral.group(2) or ""))
    first_word = phrase.split(" ", 1)[0]
    if first_word in CARDINALS:
        return float(CARDINALS[first_word])
    return None


def unit_mismatch(text: str, unit: str) -> str | None:
    """Why ``text`` cannot be a value in ``unit``, or ``None`` when it can."""
    for marker in UNIT_MARKERS.get(unit, ()):
        if marker not in text:
            return f"a value in {unit!r} should say {marker!r}, but {text!r} does not"
    if "$" in text and not unit.startswith("$"):
        return f"{text!r} is money but the unit is {unit!r}"
    if "%" in text and unit != "percent":
        return f"{text!r} is a percentage but the unit is {unit!r}"
    return None


class ExpressionError(ValueError):
    pass


OPERATORS = {
    ast.Add: (lambda a, b: a + b, "+"),
    ast.Sub: (lambda a, b: a - b, "−"),
    ast.Mult: (lambda a, b: a * b, "×"),
    ast.Div: (lambda a, b: a / b, "÷"),
}


def expression_names(expression: str) -> list[str]:
    """Figure ids an expression refers to, in order of first use."""
    tree = _parse(expression)
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in names:
            names.append(node.id)
    return names


def evaluate(expression: str, values: dict[str, float]) -> tuple[float, str]:
    """The value of ``expression`` and the same arithmetic written with the numbers."""
    return _evaluate(_parse(expression).body, values)


def _parse(expression: str) -> ast.Expression:
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as error:
        raise ExpressionError(f"cannot read expression {expression!r}: {error.msg}") from None
    for node in ast.walk(tree):
        allowed = (ast.Expression, ast.BinOp, ast.Name, ast.Constant, ast.Load, *OPERATORS)
        if not isinstance(node, allowed):
            raise ExpressionError(f"{type(node).__name__} is not allowed in {expression!r}")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise ExpressionError(f"only numbers are allowed in {expression!r}")
    return tree


def _number_text(value: float) -> str:
    return f"{value:g}"


PRECEDENCE = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}


def _evaluate(node: ast.AST, values: dict[str, float]) -> tuple[float, str]:
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, int | float)  # _parse allows no other constant
        return float(node.value), _number_text(node.value)
    if isinstance(node, ast.Name):
        if node.id not in values:
            raise ExpressionError(f"unknown figure {node.id!r}")
        return values[node.id], _number_text(values[node.id])
    assert isinstance(node, ast.BinOp)
    left, left_text = _evaluate(node.left, values)
    right, right_text = _evaluate(node.right, values)
    own = PRECEDENCE[type(node.op)]
    if isinstance(node.left, ast.BinOp) and PRECEDENCE[type(node.left.op)] < own:
        left_text = f"({left_text})"
    if isinstance(node.right, ast.BinOp):
        inner = PRECEDENCE[type(node.right.op)]
        if inner < own or (inner == own and isinstance(node.op, (ast.Sub, ast.Div))):
            right_text = f"({right_text})"
    function, symbol = OPERATORS[type(node.op)]
    try:
        result = function(left, right)
    except ZeroDivisionError:
        raise ExpressionError("division by zero") from None
    return result, f"{left_text} {symbol} {right_text}"
