"""The README's console examples as data: each ``$ curl ...`` with the output it shows,
and a comparison of that output with what a server really answers.

    examples = readme_examples(Path("README.md"), "## What you see")
    for ex in examples:
        problems = ex.compare(body_of(ex.url))   # [] when the README tells the truth

An example's output is written for people, so it may leave things out:

- in JSON, ``...`` (or ``…``) in place of members means "and more members";
  ``...`` as the last element of an array means "and more elements"; without it the
  array has exactly the elements shown (counts are compared);
- in a string, ``…`` or ``...`` stands for any text (``"obs-f38d…"``);
- text output (CSV) is compared line by line, ``...`` and ``…`` standing for any text.

Everything else must be equal: keys, values, numbers, the order of array elements.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shlex
from pathlib import Path
from typing import Any

ELLIPSES = ("...", "…")
#: What an elision becomes inside the parsed template (no real key or value looks so).
MORE = "\x00more"


@dataclasses.dataclass(frozen=True)
class Example:
    command: str  # as written, after the "$ "
    path: str  # the request path and query, e.g. /v1/sources
    head: int | None  # `| head -N`: only the first N lines
    output: str  # as written

    def compare(self, body: str) -> list[str]:
        """What differs between the README's output and ``body`` (empty: nothing)."""
        if self.head is not None:
            body = "\n".join(body.splitlines()[: self.head])
        if self.output.lstrip().startswith(("{", "[")):
            try:
                actual = json.loads(body)
            except ValueError:
                return [f"{self.command}: the answer is not JSON: {body[:200]!r}"]
            return mismatches(parse_template(self.output), actual, "$")
        expected_lines = self.output.splitlines()
        actual_lines = [line.rstrip("\r") for line in body.splitlines()]
        if len(expected_lines) != len(actual_lines):
            return [f"{len(actual_lines)} lines, the README shows {len(expected_lines)}"]
        return [
            f"line {n}: {got!r} does not match {want!r}"
            for n, (want, got) in enumerate(zip(expected_lines, actual_lines, strict=True), 1)
            if not _glob(want).fullmatch(got)
        ]


def readme_examples(readme: Path, section: str) -> list[Example]:
    """The ``$ curl`` examples of the first ``console`` block under ``section``."""
    text = readme.read_text(encoding="utf-8")
    start = text.index(section + "\n")
    block = re.search(r"```console\n(.*?)```", text[start:], re.DOTALL)
    if block is None:
        raise ValueError(f"no console block under {section!r}")
    examples = []
    for chunk in re.split(r"^\$ ", block.group(1), flags=re.MULTILINE)[1:]:
        command, _, output = chunk.partition("\n")
        examples.append(_example(command.strip(), output.strip()))
    return examples


def _example(command: str, output: str) -> Example:
    curl, _, pipe = command.partition(" | ")
    words = shlex.split(curl)
    if words[:2] != ["curl", "-s"] or len(words) != 3:
        raise ValueError(f"not a `curl -s URL` example: {command!r}")
    url = words[2]
    path = "/" + url.split("/", 1)[1] if "/" in url else "/"
    head = None
    if pipe:
        found = re.fullmatch(r"head -(\d+)", pipe.strip())
        if found is None:
            raise ValueError(f"only `| head -N` may follow curl: {command!r}")
        head = int(found.group(1))
    return Example(command=command, path=path, head=head, output=output)


def parse_template(text: str) -> Any:
    """JSON with elisions (see the module docstring) as Python data, elisions as ``MORE``."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == '"':
            end = i + 1
            while text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[i : end + 1])
            i = end + 1
            continue
        elision = next((e for e in ELLIPSES if text.startswith(e, i)), None)
        if elision is not None:
            if not stack:
                raise ValueError("an elision outside any object or array")
            out.append(json.dumps(MORE) + (": null" if stack[-1] == "{" else ""))
            i += len(elision)
            continue
        if char in "{[":
            stack.append(char)
        elif char in "}]":
            stack.pop()
        out.append(char)
        i += 1
    return json.loads("".join(out))


def mismatches(expected: Any, actual: Any, where: str) -> list[str]:
    """Every place where ``actual`` does not fit the template ``expected``."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {actual!r:.80}"]
        open_ended = MORE in expected
        keys = [k for k in expected if k != MORE]
        problems = [f"{where}: no key {k!r}" for k in keys if k not in actual]
        if not open_ended:
            extra = sorted(set(actual) - set(keys))
            problems += [f"{where}: key {k!r} not shown (add it or `...`)" for k in extra]
        for k in keys:
            if k in actual:
                problems += mismatches(expected[k], actual[k], f"{where}.{k}")
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{where}: expected an array, got {actual!r:.80}"]
        open_ended = bool(expected) and expected[-1] == MORE
        items = expected[:-1] if open_ended else expected
        if len(actual) < len(items) or (not open_ended and len(actual) != len(items)):
            return [f"{where}: {len(actual)} elements, the README shows {len(items)}"]
        problems = []
        for n, item in enumerate(items):
            problems += mismatches(item, actual[n], f"{where}[{n}]")
        return problems
    if isinstance(expected, str) and any(e in expected for e in ELLIPSES):
        if isinstance(actual, str) and _glob(expected).fullmatch(actual):
            return []
        return [f"{where}: {actual!r:.120} does not match {expected!r}"]
    if type(expected) is not type(actual) and not (
        isinstance(expected, int | float)
        and isinstance(actual, int | float)
        and not isinstance(expected, bool)
        and not isinstance(actual, bool)
    ):
        return [f"{where}: {actual!r:.80} is not {expected!r}"]
    return [] if expected == actual else [f"{where}: {actual!r:.80} is not {expected!r}"]


def _glob(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"\.\.\.|…", pattern)
    return re.compile(".*".join(re.escape(p) for p in parts), re.DOTALL)
