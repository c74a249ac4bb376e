"""Time per monograph for each exporter: the median over the bundled corpus.

    python benchmarks/bench_exporters.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from monograph.api import export, load
from monograph.project import Project
from monograph.registry import exporters

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    models = [load(path, project=Project()) for path in sorted((REPO / "source").glob("*.yaml"))]
    variants = [(name, name, {}) for name in exporters()]
    variants += [("fhir (r4)", "fhir", {"fhir_release": "r4"})]
    print(f"median ms per monograph over {len(models)} monographs, each rendered {args.repeat} times")
    for name, fmt, options in sorted(variants, key=lambda v: v[0]):
        per_model = []
        for model in models:
            export(model, fmt, **options)  # warm caches, as a build does after its first file
            started = time.perf_counter()
            for _ in range(args.repeat):
                export(model, fmt, **options)
            per_model.append((time.perf_counter() - started) / args.repeat * 1000)
        print(f"  {name:10} {statistics.median(per_model):7.3f} ms   (min {min(per_model):.3f}, max {max(per_model):.3f})")


if __name__ == "__main__":
    main()
