"""Spreadsheet-safe text cells: a government page must not run formulas in a reader's Excel.

    neutralise_formula("=HYPERLINK(...)")   # "'=HYPERLINK(...)"
    neutralise_formula("增长6.3%")           # unchanged

Spreadsheet programs read a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in
some, after a leading tab or carriage return) as a formula, so text copied from a defaced
page could call out to the network or run commands when a journalist opens the CSV
(CWE-1236, "CSV injection"). Such *text* cells get a leading apostrophe, which every
spreadsheet shows as text and hides; number columns are written as numbers and never
touched (``-50`` is data). Exports that apply this carry :data:`EXPORT_FORMAT_REVISION` in
their ETag, so a client's cached copy from before the change is not taken for the same
bytes.
"""

from __future__ import annotations

#: Characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: Bumped when the bytes of an existing version's CSV/XLSX change for every client
#: (revision 2: formula-looking text cells are neutralised).
EXPORT_FORMAT_REVISION = "2"


def neutralise_formula(text: str) -> str:
    """``text`` as a spreadsheet will show it literally (a leading ``'`` where needed)."""
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
