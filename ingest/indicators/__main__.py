"""Command line: ``python -m ingest.indicators PATH [--area NAME] [--area-code CODE]
[--year YYYY] [--format csv|json|ndjson] [--withheld]`` (the same as ``gongkai extract``)."""

from __future__ import annotations

import argparse
import sys

from ingest.indicators.cli import run_extract_cli


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the extractor on one file."""
    ap = argparse.ArgumentParser(prog="python -m ingest.indicators", description=__doc__)
    ap.add_argument("path")
    ap.add_argument("--area", default="")
    ap.add_argument("--area-code", default="")
    ap.add_argument("--year", type=int, default=None)
    ap.add_argument("--format", dest="fmt", choices=("csv", "json", "ndjson"), default="csv")
    ap.add_argument("--withheld", action="store_true", help="the rows the precision gate withheld")
    args = ap.parse_args(argv)
    return run_extract_cli(
        args.path,
        area=args.area,
        area_code=args.area_code,
        year=args.year,
        fmt=args.fmt,
        out=sys.stdout,
        withheld=args.withheld,
    )


if __name__ == "__main__":
    sys.exit(main())
