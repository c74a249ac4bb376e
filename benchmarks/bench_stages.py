"""Per-monograph time of each stage of the build's hot path, in one process: best of --repeat passes.

    python benchmarks/bench_stages.py [-n 300] [--repeat 3]

The corpus is N files from benchmarks/corpus.py. Stages, as a build runs them
for one file: loading (YAML events and source map), the schema's quick check,
the content rules, the whole of validate_document (schema, rules, suppressions
and the model), and each format's rendering. The page is timed with its
embedded JSON-LD already rendered, as a build that publishes both renders it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from monograph.loader import load_bytes
from monograph.project import Project
from monograph.rendering import Rendering
from monograph.rules import CONTENT_RULES, CheckContext
from monograph.schema import source_schema
from monograph.sources import file_key
from monograph.validation import prepare, validate_document

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402


def best_ms(items: list[Any], stage: Callable[[Any], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for item in items:
            stage(item)
        best = min(best, time.perf_counter() - started)
    return best / len(items) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-stages-", dir=HERE))
    try:
        generate(work / "source", args.n)
        sources = [(str(path), path.read_bytes()) for path in sorted((work / "source").glob("*.yaml"))]
    finally:
        shutil.rmtree(work)
    import jsonschema_rs

    prepare()
    quick = jsonschema_rs.validator_for(source_schema())
    project = Project()
    documents = [load_bytes(shown, raw)[0] for shown, raw in sources]
    models = [validate_document(document, project).monograph for document in documents]

    def rules(document: Any) -> None:
        context = CheckContext(file_key(document.path), project.today)
        for rule in CONTENT_RULES:
            list(rule.check(document.data, context))

    figures = {
        "load": best_ms(sources, lambda source: load_bytes(*source), args.repeat),
        "schema (quick check)": best_ms(documents, lambda document: quick.is_valid(document.data), args.repeat),
        "content rules": best_ms(documents, rules, args.repeat),
        "validate_document (all)": best_ms(documents, lambda document: validate_document(document, project), args.repeat),
    }
    for name in ("fhir", "jsonld", "xml"):
        figures[name] = best_ms(models, lambda model, name=name: Rendering(model, {}).output(name), args.repeat)
    figures["html (JSON-LD done)"] = min(
        best_ms([_with_jsonld(model) for model in models], lambda rendering: rendering.output("html"), 1)
        for _ in range(args.repeat))
    print(f"ms per monograph, {len(sources)} files, best of {args.repeat} passes")
    for name, figure in figures.items():
        print(f"  {name:26} {figure:7.3f}")


def _with_jsonld(model: Any) -> Rendering:
    rendering = Rendering(model, {})
    rendering.output("jsonld")
    return rendering


if __name__ == "__main__":
    main()
