"""Schema 1.x source files -> schema 2, rewritten in place with the author's comments, key order and anchors kept.

The file is edited as a ruamel.yaml round-trip tree, so only the fields that
change are touched: comments, key order, anchors, quoting and blank lines stay.
One thing ruamel.yaml cannot keep is the line breaks inside a quoted scalar
that runs over several lines; it writes the same text on one line, with \\n. A migrated file is checked with the whole pipeline before
it is written; one that would not validate is not written, and its problems
are reported where they are in the file as it stands.

What changes from 1.x to 2:

- ``schema_version: 2`` is added first;
- ``drug.prescription_status: X`` becomes ``drug.supply: [{status: X}]`` (1.x
  said nothing about the jurisdiction, so neither does the migrated file);
- ``boxed_warning.forms`` becomes ``boxed_warning.applies_to`` (brands' ``forms``
  stay: they say what a brand is sold as, not what a statement applies to);
- a precaution's ``concept`` becomes a list of one, ``concepts``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from .loader import LoadedDocument, load_bytes
from .pipeline import check_bytes
from .problems import Location, Problem
from .project import Project
from .rules.schema_version import CURRENT
from .sources import read_source


@dataclass
class Migration:
    """The outcome for one file."""

    path: Path
    changes: list[str] = field(default_factory=list)
    """What was changed, in words, each with the line it was on."""
    problems: list[Problem] = field(default_factory=list)
    """Why the file was not migrated: it cannot be read, or the migrated file would not be valid."""
    text: str | None = None
    """The migrated text, when there is one to write."""

    @property
    def needed(self) -> bool:
        return bool(self.changes)


class _DatesAsText(VersionedResolver):
    """Dates stay the text the author wrote, as the loader keeps them: an impossible 2023-02-30 is the
    validator's to report, not a crash, and a date written without quotes is written back without quotes."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)
        return Tag(suffix="tag:yaml.org,2002:str") if str(tag) == "tag:yaml.org,2002:timestamp" else tag


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _DatesAsText
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the author's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _line(node: Any, key: str) -> int:
    try:
        return int(node.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return 1


def _rename(node: CommentedMap, old: str, new: str, value: Any) -> None:
    """Replace key ``old`` by ``new`` with ``value`` at the same position, keeping the comment after it."""
    position = list(node).index(old)
    comment = node.ca.items.pop(old, None)
    del node[old]
    node.insert(position, new, value)
    if comment is not None:
        node.ca.items[new] = comment


def _changes(root: CommentedMap) -> Iterator[Callable[[], str]]:
    """Each change 1.x needs, as a step to run; a step applies the change and says what it did."""
    if "schema_version" not in root:
        def version() -> str:
            line = _line(root, next(iter(root))) if root else 1
            root.insert(0, "schema_version", CURRENT)
            return f"line {line}: added schema_version: {CURRENT}"
        yield version
    drug = root.get("drug")
    if isinstance(drug, CommentedMap) and "prescription_status" in drug:
        def supply() -> str:
            line = _line(drug, "prescription_status")
            entry = CommentedMap([("status", drug["prescription_status"])])
            entry.fa.set_flow_style()
            _rename(drug, "prescription_status", "supply", CommentedSeq([entry]))
            return f"line {line}: drug.prescription_status is now drug.supply (a status per jurisdiction and form)"
        yield supply
    boxed = root.get("boxed_warning")
    if isinstance(boxed, CommentedMap) and "forms" in boxed:
        def scope() -> str:
            line = _line(boxed, "forms")
            _rename(boxed, "forms", "applies_to", boxed["forms"])
            return f"line {line}: boxed_warning.forms is now boxed_warning.applies_to"
        yield scope
    precautions = root.get("precautions")
    items = precautions.get("items") if isinstance(precautions, CommentedMap) else None
    for item in items if isinstance(items, CommentedSeq) else ():
        if isinstance(item, CommentedMap) and "concept" in item:
            def concepts(item: CommentedMap = item) -> str:
                line = _line(item, "concept")
                _rename(item, "concept", "concepts", CommentedSeq([item["concept"]]))
                return f"line {line}: a precaution's concept is now a list, concepts"
            yield concepts


def migrate_text(path: Path, text: str, project: Project) -> Migration:
    """The migration of one file's text; writes nothing."""
    result = Migration(path)
    yaml = _yaml()
    try:
        root = yaml.load(text.replace("\r\n", "\n"))  # ruamel.yaml keeps blank lines only with plain newlines
    except (YAMLError, ValueError) as error:
        document, problems = load_bytes(str(path), text.encode("utf-8"))
        result.problems = problems or [Problem(Location(str(path)), f"cannot be read as YAML: {error}", "yaml-syntax")]
        return result
    if not isinstance(root, CommentedMap):
        result.problems = load_bytes(str(path), text.encode("utf-8"))[1]
        return result
    result.changes = [step() for step in _changes(root)]
    if not result.changes:
        return result
    out = io.StringIO()
    yaml.dump(root, out)
    migrated = out.getvalue()
    if "\r\n" in text:
        migrated = migrated.replace("\r\n", "\n").replace("\n", "\r\n")  # the author's line endings
    verdict = check_bytes(str(path), migrated.encode("utf-8"), project)
    errors = [p for p in verdict.problems if p.severity == "error"]
    if errors:
        original, _ = load_bytes(str(path), text.encode("utf-8"))
        result.problems = [_in_original(p, original) for p in errors]
        return result
    result.text = migrated
    return result


_RENAMED = (("/supply/0/status", "/prescription_status"), ("/boxed_warning/applies_to", "/boxed_warning/forms"),
            ("/concepts/0", "/concept"))


def _in_original(problem: Problem, original: LoadedDocument | None) -> Problem:
    """A problem of the migrated file, located in the file as the author has it."""
    if original is None:
        return problem
    pointer = problem.location.pointer
    for new, old in _RENAMED:
        pointer = pointer.replace(new, old)
    line, column = original.source_map.locate(pointer)
    return Problem(Location(problem.location.file, line, column, problem.location.pointer), problem.message,
                   problem.rule, problem.severity)


def migrate_file(path: Path, project: Project) -> Migration:
    raw, _, problem = read_source(path)
    if raw is None:
        assert problem is not None
        return Migration(path, problems=[problem])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Migration(path, problems=load_bytes(str(path), raw)[1])
    result = migrate_text(path, text, project)
    if result.text is not None and raw.startswith(b"\xef\xbb\xbf"):
        result.text = "\ufeff" + result.text  # the author's byte order mark
    return result
