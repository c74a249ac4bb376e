"""A corpus of N distinct, valid monographs made from the bundled ones, for the benchmarks.

    python benchmarks/corpus.py OUT_FOLDER -n 10000 [--schema 1]

Each file is one of the bundled monographs (source/*.yaml, schema 2; or, with
``--schema 1``, the schema 1.x originals in tests/cases/migrate/, for
``monograph migrate``) given its own id, URL and title, and varied text: a
summary of its own, a review date of its own, and now and then an optional
section left out, so that no two files are alike and the cross-file checks
have N distinct claims to keep.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NAMES = ("baclofen", "dalfampridine", "tizanidine")
OPTIONAL_SECTIONS = ("advice", "storage", "overdose", "missed_dose", "monitoring")
"""Top-level sections the schema does not require; one is sometimes dropped to vary the corpus."""

_TOP_LEVEL_KEY = re.compile(r"^([a-z_]+):", re.MULTILINE)


def base_texts(schema: int) -> dict[str, str]:
    if schema == 2:
        return {name: (REPO / "source" / f"{name}.yaml").read_text(encoding="utf-8") for name in NAMES}
    return {name: (REPO / "tests" / "cases" / "migrate" / name / f"{name}.yaml").read_text(encoding="utf-8")
            for name in NAMES}


def _without_section(text: str, name: str) -> str:
    """The text without the top-level block ``name:`` (up to the next top-level key)."""
    starts = [(m.start(), m.group(1)) for m in _TOP_LEVEL_KEY.finditer(text)]
    for index, (start, key) in enumerate(starts):
        if key == name:
            end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
            return text[:start] + text[end:]
    return text


def variant(base: str, text: str, index: int, chance: random.Random) -> tuple[str, str]:
    """(file name, text) of the index-th monograph made from ``base``."""
    new_id = f"{base}-{index:06d}"
    text = text.replace(f"id: {base}\n", f"id: {new_id}\n", 1)
    text = text.replace(f"https://example.org/drugs/{base}\n", f"https://example.org/drugs/{new_id}\n", 1)
    text = text.replace(f"title: {base.capitalize()}\n", f"title: {base.capitalize()} ({index})\n", 1)
    text = text.replace("summary: >-\n", f"summary: >-\n  Edition {chance.randint(1, 10**9)} of this page.\n", 1)
    text = re.sub(r"last_reviewed: \d{4}-\d{2}", f"last_reviewed: {chance.randint(2015, 2024)}-{chance.randint(1, 12):02d}",
                  text, count=1)
    if chance.random() < 0.3:
        text = _without_section(text, chance.choice(OPTIONAL_SECTIONS))
    return f"{new_id}.yaml", text


def generate(target: Path, count: int, seed: int = 1, schema: int = 2) -> list[Path]:
    """Write ``count`` monographs into ``target`` (which must not hold others); their paths, sorted."""
    chance = random.Random(seed)
    texts = base_texts(schema)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        base = NAMES[index % len(NAMES)]
        name, text = variant(base, texts[base], index, chance)
        path = target / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return sorted(paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--schema", type=int, choices=(1, 2), default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.target, args.n, args.seed, args.schema)


if __name__ == "__main__":
    main()
