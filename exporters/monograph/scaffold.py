"""`monograph new`: a valid skeleton monograph, with comments that say what goes where.

The skeleton validates as written, so an author can export it at once and
fill it in field by field; the comments point at docs/fields.md for the rest.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from .errors import UsageError
from .loader import load_bytes
from .problems import Problem
from .validation import schema, validate_document

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
    return str(schema()["$id"])


def skeleton(monograph_id: str, folder: Path, today: dt.date) -> str:
    title = monograph_id.replace("-", " ").capitalize()
    generic = monograph_id.replace("-", " ")
    return f"""\
# yaml-language-server: $schema={schema_reference(folder)}
#
# A new monograph. Every field is described in docs/fields.md; the lines
# starting with '#' below show optional sections to fill in when they apply.
# Check with: monograph validate {(folder / (monograph_id + ".yaml")).as_posix()}

# The id is the file name without .yaml.
id: {monograph_id}
# The language of the text (BCP 47). A translation lives beside this file as {monograph_id}.LANG.yaml.
language: en
title: {title}
# The address where the published page lives.
url: https://example.org/drugs/{monograph_id}
# The opening paragraph: what the drug is and what it is for.
summary: >-
  {title} is a medicine. Say here what it is and what it is used for, in
  plain words.
review:
  reviewed_by:
    name: Name of the medical reviewer or review board
    type: organization
  # A year, a month (2023-04) or a day (2023-04-12).
  last_reviewed: {today.year:04d}-{today.month:02d}

drug:
  generic_name: {generic}
  prescription_status: prescription-only
  # Codes you have looked up; leave out any you cannot confirm.
  # codes:
  #   rxnorm: "1292"
  #   atc: M03BX01
  #   unii: H789N3FKE8
  #   snomed: "387342009"
  # classes:
  #   - name: Skeletal muscle relaxant

ingredients:
  items:
    - name: {generic}
  cites: [prescribing-information]

indications:
  items:
    - name: The condition the drug treats
  cites: [prescribing-information]

# mechanism:
#   text: How the drug works, in plain words.
#   fully_understood: false
#
# forms:
#   items:
#     - id: tablet
#       name: Tablet
#       route:
#         name: oral
#       strengths:
#         - {{amount: 10, unit: mg}}
#
# brands:
#   items:
#     - name: Brandname
#       forms: [tablet]
#
# side_effects:
#   intro: "The most common side effects are:"
#   items:
#     - name: Drowsiness
#       frequency: common
#
# boxed_warning:
#   text: What the boxed warning says.
#
# precautions:
#   items:
#     - kind: condition
#       text: Have impaired kidney function
#
# advice:
#   items:
#     - topic: driving
#       text: Do not drive until you know how the drug affects you.

citations:
  - id: prescribing-information
    kind: prescribing-information
    title: {title} prescribing information
    # The label's address, for example its DailyMed page.
    url: https://dailymed.nlm.nih.gov/dailymed/
"""


def _replace_top_level(text: str, field: str, value: str) -> str:
    pattern = re.compile(rf"^{field}:.*$", re.MULTILINE)
    if not pattern.search(text):
        return text
    return pattern.sub(lambda _: f"{field}: {value}", text, count=1)


def from_existing(source: Path, monograph_id: str, folder: Path) -> str:
    """A copy of an existing monograph under a new id, URL and title, keeping its structure and comments."""
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{source}: cannot read it: {error}") from error
    document, _ = load_bytes(str(source), text.encode("utf-8"))
    old_url = document.data.get("url") if document is not None else None
    text = re.sub(r"^# yaml-language-server: \$schema=.*$", f"# yaml-language-server: $schema={schema_reference(folder)}",
                  text, count=1, flags=re.MULTILINE)
    text = _replace_top_level(text, "id", monograph_id)
    text = _replace_top_level(text, "title", monograph_id.replace("-", " ").capitalize())
    if isinstance(old_url, str) and "/" in old_url:
        text = _replace_top_level(text, "url", old_url.rstrip("/").rsplit("/", 1)[0] + "/" + monograph_id)
    return text


def new_monograph(
    monograph_id: str, folder: Path, source: Path | None = None, today: dt.date | None = None,
) -> tuple[Path, list[Problem]]:
    """Write ``folder/ID.yaml``. Returns its path and, if the result would not validate, the problems (nothing written)."""
    if not _ID.match(monograph_id):
        raise BadId(monograph_id)
    target = folder / f"{monograph_id}.yaml"
    if target.exists():
        raise TargetExists(target)
    text = from_existing(source, monograph_id, folder) if source else skeleton(monograph_id, folder, today or dt.date.today())
    document, problems = load_bytes(str(target), text.encode("utf-8"))
    if document is None:
        return target, problems
    result = validate_document(document, today, problems)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors:
        return target, errors
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as handle:  # 'x': never overwrite, even in a race
            handle.write(text)
    except FileExistsError:
        raise TargetExists(target) from None
    return target, []
