"""Builders the tests share: one home, instead of a copy in each test file."""

from __future__ import annotations

from pathlib import Path

from monograph.pipeline import check_file
from monograph.project import Project
from monograph.validation import ValidationResult


def validate_file(path: Path) -> ValidationResult:
    """One source file through the whole pipeline, in a project with no settings."""
    return check_file(path, Project())
