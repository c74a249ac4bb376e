"""A monograph lies outside the project's source folders.

`monograph validate` (with no path), `build` and the pre-commit corpus hook work on the folders named by `[source] paths` in monograph.toml (default: `source`). A monograph elsewhere is never built, and a check that looks only at the corpus would pass it by without a word, so the corpus hook (`monograph validate --corpus`) reports each file it is handed that is a monograph outside those folders. Move the file into a source folder, or add its folder to `[source] paths`.

Passes:

    # monograph.toml
    [source]
    paths = ["source", "partners/acme"]
    # and the file is partners/acme/baclofen.yaml

Fails:

    # monograph.toml has no [source] section (so: source/),
    # and the file is drafts/baclofen.yaml
"""

from __future__ import annotations

from .base import rule

RULE = rule(__doc__, id="outside-sources", stage="project")
