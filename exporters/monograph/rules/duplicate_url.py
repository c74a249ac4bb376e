"""Two monographs claim the same canonical URL.

Each published page has one address. Two files with the same `url` would tell search engines and partners that they are the same page.

Passes:

    url: https://example.org/drugs/baclofen      # in baclofen.yaml
    url: https://example.org/drugs/tizanidine    # in tizanidine.yaml

Fails:

    url: https://example.org/drugs/baclofen      # in baclofen.yaml
    url: https://example.org/drugs/baclofen      # in tizanidine.yaml
"""

from .base import rule


def another_file_message(other: str, url: str) -> str:
    return f"another file, {other}, already has the URL {url}; each page needs its own address"


RULE = rule(__doc__, id="duplicate-url", stage="corpus")
