"""Builders the tests share: one home, instead of a copy in each test file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from monograph.model import Monograph
from monograph.pipeline import check_bytes, check_file
from monograph.project import Project
from monograph.validation import ValidationResult


def validate_file(path: Path) -> ValidationResult:
    """One source file through the whole pipeline, in a project with no settings."""
    return check_file(path, Project())


REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2030, 1, 1)
"""The date tests check against, so that no monograph's review date is ever 'in the future'."""


def baclofen_data() -> dict[str, Any]:
    """The seed monograph as plain data, to change and load again."""
    loaded = yaml.safe_load((REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


class _QuotingDumper(yaml.SafeDumper):
    """PyYAML writes YAML 1.1, where '0E0' or '1_000' is text and needs no quotes; monographs are read as YAML 1.2,
    where they are numbers. Quoting every string keeps text text under both."""


_QuotingDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def dump_yaml(data: Any) -> str:
    """Plain data as YAML that reads back as the same data under YAML 1.2."""
    return yaml.dump(data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=4096)


def load_data(data: dict[str, Any], name: str | None = None) -> ValidationResult:
    """Plain data written out as YAML and put through the pipeline, as the file ``NAME.yaml``."""
    raw = dump_yaml(data).encode("utf-8")
    return check_bytes(f"{name or data['id']}.yaml", raw, Project(today=TODAY))


def make_monograph(data: dict[str, Any], name: str | None = None) -> Monograph:
    """The model of plain data that must be valid."""
    result = load_data(data, name)
    assert result.monograph is not None, [str(p) for p in result.problems]
    return result.monograph
