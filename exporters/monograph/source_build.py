"""What a build does for one source: read it, check it, render it, and write its outputs aside.

It runs in a worker process (workers.py), or in the main process for one
job. Each output is left under the run's temporary name; the result says
what was written, for the main process to publish or discard.
"""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

import orjson

from .atomic import write_temporary
from .changes import compare
from .corpuspaths import CORPUS_FILES
from .feed import feed_entry
from .model import Monograph
from .pipeline import check_bytes, claims_of
from .problems import Location
from .registry import get_exporter
from .rendering import Rendering
from .rules import exporter_failed, reserved_id
from .sources import file_key, read_source, relative_name
from .state import EarlierVersions
from .tasks import Result, Task, WorkContext, discard_outputs
from .validation import prepare


class _Setting:
    """What this process keeps between the sources it builds: set up once per context."""

    def __init__(self, context: WorkContext) -> None:
        self.context = context
        self.earlier = EarlierVersions(context.state_file) if context.state_file else None
        self.relative = relative_name(context.source)
        prepare()  # compile the schema once per process, not once per file


_SETTING: _Setting | None = None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _setting(context: WorkContext) -> _Setting:
    global _SETTING
    if _SETTING is None or _SETTING.context is not context:
        _SETTING = _Setting(context)
    return _SETTING


def build_one(task: Task, context: WorkContext) -> Result:
    """Read, check and render one source; the outputs are left under temporary names for the main process."""
    setting = _setting(context)
    key = file_key(task.path)
    result = Result(key, setting.relative(task.path))
    raw, status, problem = read_source(Path(task.path))
    if raw is None or status is None:
        assert problem is not None
        result.problems.append(problem)
        return result
    result.size, result.mtime_ns, result.digest = status.st_size, status.st_mtime_ns, sha256(raw)
    if result.digest == task.previous_digest:
        result.unchanged = True
        return result
    verdict = check_bytes(task.path, raw, context.project)
    result.problems = list(verdict.problems)  # errors, or warnings beside a valid model
    model, document = verdict.monograph, verdict.document
    if model is None or document is None:
        return result
    rendered = _render(model, task.path, context, result)
    if rendered is None or not _write_temporaries(rendered, context, result):
        return result
    links = {name: str(relative) for name, relative, _ in rendered}
    outputs = [{"format": name, "path": str(relative), "sha256": sha256(data), "bytes": len(data)}
               for name, relative, data in rendered]
    result.claims = claims_of(verdict, key)
    content = sha256("".join(f"{o['format']}\0{o['sha256']}\n" for o in outputs).encode())
    data = orjson.dumps(document.data)
    result.document = zlib.compress(data, 1)  # a tenth of the default level's time, and 10% larger
    changes = _changes_since(setting.earlier, task, key, data, context.formats)
    result.feed = feed_entry(model, context.project.feed, links, content, changes).to_dict()
    result.manifest = {
        "key": model.key,
        "source": result.relative,
        "sha256": result.digest,
        "fields": {name: list(lines) for name, lines in document.source_map.field_lines().items()},
        "outputs": outputs,
    }
    return result


def _changes_since(earlier: EarlierVersions | None, task: Task, key: str, data: bytes,
                   formats: tuple[str, ...]) -> list[dict[str, Any]]:
    """What changed since the document the last build recorded, in the words of `monograph diff`, with the formats
    that carry each change. A document that has not changed keeps what its entry said; one whose earlier version is
    unknown or unreadable (a state from elsewhere) has no changes to tell."""
    if not task.recorded or earlier is None:
        return []
    document, said = earlier.of(key)
    if document is None:
        return []
    try:
        before = orjson.loads(zlib.decompress(document))
    except (zlib.error, orjson.JSONDecodeError):
        return []
    after = orjson.loads(data)  # the JSON types, as the earlier version was read back
    if not isinstance(before, dict) or before == after:
        return said
    return [{"field": change.path, "words": change.words,
             "formats": [name for name in formats if get_exporter(name).carries(change.path)]}
            for change in compare(before, after)]


def _render(model: Monograph, shown: str, context: WorkContext, result: Result) -> list[tuple[str, PurePosixPath, bytes]] | None:
    """(format, output path relative to OUT, bytes) for every format, or None when the source cannot be published."""
    versions = context.versions.get(model.id, {})
    urls = {language: context.version_urls[key] for language, key in versions.items() if key in context.version_urls}
    rendering = Rendering(model, context.export_options, context.project.page, versions, urls)
    rendered = []
    for name in context.formats:
        exporter = get_exporter(name)
        relative = PurePosixPath(exporter.folder, model.key + exporter.extension)
        if relative.as_posix() in CORPUS_FILES:  # a plug-in's layout can meet a corpus file the rule does not know
            result.problems.append(reserved_id.RULE.at(Location(shown), reserved_id.collision_message(name, relative)))
            return None
        try:
            data = rendering.output(name, exporter)
        except Exception as error:  # a plugin's bug must not take the whole build down
            result.problems.append(exporter_failed.RULE.at(
                Location(shown), f"the {name} exporter failed: {type(error).__name__}: {error}",
            ))
            return None
        rendered.append((name, relative, data))
    return rendered


def _write_temporaries(rendered: list[tuple[str, PurePosixPath, bytes]], context: WorkContext, result: Result) -> bool:
    out = Path(context.out)
    try:
        for _, relative, data in rendered:
            final = out / relative
            write_temporary(final, data, context.token)
            result.finals.append(str(final))
    except OSError as error:
        discard_outputs(result, context.token)
        result.write_error = (str(error.filename or context.out), error.strerror or str(error))
        return False
    return True
