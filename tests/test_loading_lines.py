"""The line of each key: exact on generated files, linear on crafted ones, read once per file.

The generated files are written here key by key, so the line of every key is known by
construction (an independent expectation); tomli checks that each one is valid TOML.
"""

from __future__ import annotations

from pathlib import Path

import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from decisiontool.loading import key_lines, load_model
from decisiontool.problems import ModelError

# values that hide key-like text, headers, brackets and quotes where a key scanner must not look
TRICKY_VALUES = [
    "1",
    "-2.5e3",
    "true",
    '"a # not a comment"',
    '"quote \\" and ] and [x]"',
    "'literal \\ ] ['",
    '"""\nfake = 1\n[fake]\n\\"""\n[[fake]]\n"""',
    "'''\nfake = 2\n[not.a.table]\n'''",
    '"""two closing quotes in the content"""""',
    '[\n  "]",\n  "[[x]]",  # a ] in a comment\n  [1, 2],\n]',
    '{ inner = 1, "odd key" = "}" }',
    '[ { a = "]" }, { b = [1, [2]] } ]',
]

KEY_NAMES = st.sampled_from(["a", "b_c", "d-e", "7", '"quoted key"', "'lit key'", '"dot.in.key"'])


def _key_path(parts: list[str]) -> tuple[str, ...]:
    return tuple(part[1:-1] if part[0] in "\"'" else part for part in parts)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[tuple[str | int, ...], int]]:
    """A TOML document and the line of every key and table it defines."""
    lines: list[str] = []
    expected: dict[tuple[str | int, ...], int] = {}
    arrays: dict[tuple[str, ...], int] = {}

    def add_keys(prefix: tuple[str | int, ...], used: set[str]) -> None:
        for _ in range(draw(st.integers(0, 4))):
            name = draw(KEY_NAMES)
            path = _key_path([name])
            if path[0] in used:
                continue
            used.add(path[0])
            value = draw(st.sampled_from(TRICKY_VALUES))
            comment = draw(st.sampled_from(["", "  # note", "# [x] = 1"]))
            if draw(st.booleans()):
                lines.append("")
            expected[(*prefix, *path)] = len(lines) + 1
            # a multi-line value takes more than one line
            lines.extend(f"{name} = {value}{comment}".split("\n"))

    add_keys((), set())
    for number in range(draw(st.integers(0, 3))):
        table = f"t{number}"
        if draw(st.booleans()):
            index = arrays.get((table,), 0)
            arrays[(table,)] = index + 1
            expected[(table, index)] = len(lines) + 1
            lines.append(f"[[{table}]]")
            add_keys((table, index), set())
            if draw(st.booleans()):
                index = arrays[(table,)]
                arrays[(table,)] = index + 1
                expected[(table, index)] = len(lines) + 1
                lines.append(f"[[ {table} ]]  # again")
                add_keys((table, index), set())
        else:
            expected[(table, "sub")] = len(lines) + 1
            lines.append(f'[{table} . "sub"]')
            add_keys((table, "sub"), set())
    return "\n".join(lines) + "\n", expected


@settings(max_examples=150, deadline=None)
@given(documents())
def test_every_key_is_on_the_line_it_was_written(
    document: tuple[str, dict[tuple[str | int, ...], int]],
) -> None:
    text, expected = document
    tomli.loads(text)  # the generator writes valid TOML
    assert key_lines(text) == expected


def test_a_crafted_multiline_string_is_read_in_one_pass() -> None:
    # an escaped quote before three quotes, then a 40 KB line that opens a header and never
    # closes it: the regular-expression scanner took minutes on a tenth of this
    text = 'x = """\n\\"""\n[' + " " * 40_000 + 'x\n"""\ny = 1\n[t]\nz = 2\n'
    tomli.loads(text)
    assert key_lines(text) == {("x",): 1, ("y",): 5, ("t",): 6, ("t", "z"): 7}


def test_a_header_that_never_closes_is_no_key(tmp_path: Path) -> None:
    text = "a = 1\n[" + "b." * 20_000 + "\nc = 2\n"  # not TOML: the scanner must still finish
    lines = key_lines(text)
    assert lines[("a",)] == 1 and lines[("c",)] == 3
    assert len(lines) == 2


def test_thousands_of_problems_in_one_file_each_get_their_line(model_dir: Path) -> None:
    # 4,000 unknown criteria in one option file: every problem needs the file's key lines,
    # which are read once per file (re-reading them per problem took two minutes)
    path = model_dir / "options" / "regional_office.toml"
    head, marker, tail = path.read_text(encoding="utf-8").partition("[scores]\n")
    assert marker
    extra = "".join(f"unknown_{k} = 1\n" for k in range(4000))
    path.write_text(head + marker + extra + tail, encoding="utf-8")
    start = (head + marker).count("\n") + 1
    try:
        load_model(model_dir)
    except ModelError as error:
        unknown = [p for p in error.problems if "unknown criterion 'unknown_" in p.message]
    else:
        raise AssertionError("the model should be refused")
    assert len(unknown) == 4000
    assert [p.line for p in unknown] == list(range(start, start + 4000))
    assert unknown[0].key == "scores.unknown_0"
