"""``json.dumps(obj, ensure_ascii=False, indent=N)``, the same text in about a third of the time.

With an indent, the json module falls back from its C encoder to a pure-Python one built
of nested generators; an annotated article is mostly small dicts and lists (one per token),
where those layers cost more than the text itself. This writer handles the JSON types the
exports produce (dict with str keys, list, tuple, str, int, float, bool, None), with the
json module's own C string escaper, and hands anything else (NaN, non-str keys, other
types) to ``json.dumps`` unchanged.
tests/test_export_jsontext.py checks it against ``json.dumps`` on both scripts' articles.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from json.encoder import encode_basestring  # the C escaper json.dumps uses (ensure_ascii=False)
from typing import Any

_INF = float("inf")


def dumps_indented(obj: Any, indent: int = 1) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=indent)``, byte for byte."""
    parts: list[str] = []
    try:
        _write(obj, parts, "\n", " " * indent)
    except (_Unsupported, RecursionError):  # json.dumps renders it, or says what is wrong
        return json.dumps(obj, ensure_ascii=False, indent=indent)
    return "".join(parts)


_NO_KEYS = itertools.repeat(None)  # a list's items have no keys


class _Unsupported(Exception):
    """A value this writer does not render exactly as json.dumps does."""


def _write(obj: Any, out: list[str], newline: str, step: str) -> None:
    """Append ``obj``'s text; ``newline`` is the line break plus the current indent.
    The type tests run in json's own order (str, None, True, False, int, float, list, dict)."""
    if isinstance(obj, str):
        out.append(encode_basestring(obj))
    elif obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif isinstance(obj, int):
        out.append(int.__repr__(obj))
    elif isinstance(obj, float):
        if obj != obj or obj in (_INF, -_INF):
            raise _Unsupported  # NaN, Infinity
        out.append(float.__repr__(obj))
    elif isinstance(obj, (list, tuple, dict)):
        is_dict = isinstance(obj, dict)
        if not obj:
            out.append("{}" if is_dict else "[]")
            return
        inner = newline + step
        sep = "," + inner
        out.append(("{" if is_dict else "[") + inner)
        first = True
        pairs: Iterable[tuple[Any, Any]] = (
            obj.items() if isinstance(obj, dict) else zip(_NO_KEYS, obj, strict=False)
        )
        for key, value in pairs:
            if not first:
                out.append(sep)
            first = False
            if is_dict:
                if type(key) is not str:
                    raise _Unsupported  # json converts other keys its own way
                out.append(encode_basestring(key) + ": ")
            # the commonest leaves written here, not by a call each (same text as _write)
            kind = type(value)
            if kind is str:
                out.append(encode_basestring(value))
            elif value is None:
                out.append("null")
            elif kind is int:
                out.append(int.__repr__(value))
            else:
                _write(value, out, inner, step)
        out.append(newline + ("}" if is_dict else "]"))
    else:
        raise _Unsupported
