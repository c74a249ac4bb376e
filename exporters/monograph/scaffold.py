"""`monograph new`: a skeleton monograph, with comments that say what goes where.

The skeleton is valid in every respect but two, which are the author's to
settle: its placeholders (rule placeholder-text) and the review date, which the
tool leaves unwritten rather than invent. Until both are done, validate and
build refuse it, so no placeholder is ever published; the comments point at
docs/fields.md for the rest. A copy (``--from``) must be valid as it is.
"""

from __future__ import annotations

import os
import re
import string
from importlib import resources
from pathlib import Path

from .errors import UsageError
from .loader import load_bytes
from .pipeline import check_bytes
from .problems import Problem
from .project import Project
from .schema import schema_id
from .sources import read_source

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


class TargetExists(UsageError):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.path = path

    def __str__(self) -> str:
        return f"{self.path} already exists; monograph new never overwrites a file"


class BadId(UsageError):
    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value

    def __str__(self) -> str:
        return f"'{self.value}' is not a monograph id: use lower-case words joined by hyphens, such as insulin-glargine"


def schema_reference(folder: Path) -> str:
    """What the yaml-language-server line points at: the project's schema file if it has one, else the schema's $id."""
    local = Path("schema") / "monograph.schema.json"
    if local.is_file():
        return Path(os.path.relpath(local.resolve(), folder.resolve())).as_posix()
    return schema_id()


def skeleton(monograph_id: str, folder: Path) -> str:
    """The text of a new monograph: templates/new.yaml with the id and names filled in (and no date)."""
    template = resources.files("monograph").joinpath("templates", "new.yaml").read_text(encoding="utf-8")
    return string.Template(template).substitute(
        schema_reference=schema_reference(folder),
        path=(folder / (monograph_id + ".yaml")).as_posix(),
        id=monograph_id,
        title=monograph_id.replace("-", " ").capitalize(),
        generic_name=monograph_id.replace("-", " "),
    )


def _replace_top_level(text: str, field: str, value: str) -> str:
    pattern = re.compile(rf"^{field}:.*$", re.MULTILINE)
    if not pattern.search(text):
        return text
    return pattern.sub(lambda _: f"{field}: {value}", text, count=1)


def from_existing(source: Path, monograph_id: str, folder: Path) -> str:
    """A copy of an existing monograph under a new id, URL and title, keeping its structure and comments."""
    raw, _, problem = read_source(source)
    if raw is None:
        assert problem is not None
        raise UsageError(f"{source}: {problem.message}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(f"{source}: cannot read it: {error}") from error
    document, _ = load_bytes(str(source), raw)
    old_url = document.data.get("url") if document is not None else None
    text = re.sub(r"^# yaml-language-server: \$schema=.*$", f"# yaml-language-server: $schema={schema_reference(folder)}",
                  text, count=1, flags=re.MULTILINE)
    text = _replace_top_level(text, "id", monograph_id)
    text = _replace_top_level(text, "title", monograph_id.replace("-", " ").capitalize())
    if isinstance(old_url, str) and "/" in old_url:
        text = _replace_top_level(text, "url", old_url.rstrip("/").rsplit("/", 1)[0] + "/" + monograph_id)
    return text


def left_to_the_author(problem: Problem) -> bool:
    """What a fresh skeleton reports by design: its placeholders, and the review date it does not invent."""
    return problem.rule == "placeholder-text" or (
        problem.rule == "schema" and problem.location.pointer == "/review" and "last_reviewed" in problem.message)


def new_monograph(
    monograph_id: str, folder: Path, source: Path | None = None, project: Project | None = None,
) -> tuple[Path, list[Problem]]:
    """Write ``folder/ID.yaml``. Returns its path and, if the result would not validate, the problems (nothing written)."""
    if not _ID.match(monograph_id):
        raise BadId(monograph_id)
    target = folder / f"{monograph_id}.yaml"
    if target.exists():
        raise TargetExists(target)
    project = project or Project()
    text = from_existing(source, monograph_id, folder) if source else skeleton(monograph_id, folder)
    result = check_bytes(str(target), text.encode("utf-8"), project)
    errors = [p for p in result.problems if p.severity == "error" and not (source is None and left_to_the_author(p))]
    if errors:
        return target, errors
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as handle:  # 'x': never overwrite, even in a race
            handle.write(text)
    except FileExistsError:
        raise TargetExists(target) from None
    return target, []
