"""Where the tests' own data lives: everything they read is in the repository.

The seed (the Fuzhou 2024 work report as its page shows it, with the gambling-spam brand
names that were injected into it) and its hand-labelled gold sit in ``tests/data/seed/``;
the scorer is ``tests/quality/scoring.py``.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_NAME = "000_bf4afe242fd5e895.txt"
SEED_PATH = DATA_DIR / "seed" / SEED_NAME
SEED_GOLD_PATH = DATA_DIR / "seed" / "seed_gold.json"
