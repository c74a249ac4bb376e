"""pre-commit, used as the README says: the corpus hook blocks a commit that breaks another file, and sees
monographs outside the source folders. The hooks are installed by pre-commit itself from a git copy of this
repository tagged as a release would be."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from monograph import __version__

pytest.importorskip("pre_commit")


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # A hook's output reaches git's standard error; both streams are read as one.
    return subprocess.run(["git", *args], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          check=False, env=_ENV)


_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def _tool_repository(folder: Path) -> Path:
    """This checkout's files as they are now, committed and tagged v<version> in a repository of their own."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (REPO / name).is_file() and not name.startswith(("tests/", "benchmarks/")):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, folder / name)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-qm", "release"), ("tag", f"v{__version__}")):
        assert _git(folder, *args).returncode == 0
    return folder


def _readme_config(tool: Path) -> str:
    """The README's pre-commit snippet, with this repository's address replaced by the local copy's."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"```yaml\n(repos:\n.*?)```", readme, re.DOTALL)
    assert snippet is not None
    config = re.sub(r"repo: \S+", f"repo: {tool.as_posix()}", snippet.group(1), count=1)
    assert f"rev: v{__version__}" in config
    return config


@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("precommit")
    (root / "tool").mkdir()
    tool = _tool_repository(root / "tool")
    project = root / "project"
    (project / "source").mkdir(parents=True)
    shutil.copy2(REPO / "source" / "baclofen.yaml", project / "source" / "baclofen.yaml")
    (project / ".pre-commit-config.yaml").write_text(_readme_config(tool), encoding="utf-8")
    _ENV["PRE_COMMIT_HOME"] = str(root / "cache")
    assert _git(project, "init", "-q").returncode == 0
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project, env=_ENV,
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    _git(project, "add", "-A")
    first = _git(project, "commit", "-qm", "baclofen")
    assert first.returncode == 0, first.stdout + first.stderr
    return project


def _commit(project: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _git(project, "add", name)
    return _git(project, "commit", "-qm", f"add {name}")


def _commits(project: Path) -> int:
    return int(_git(project, "rev-list", "--count", "HEAD").stdout)


def test_a_new_file_that_takes_another_files_url_is_blocked(consumer: Path) -> None:
    baclofen = (REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8")
    copy = re.sub(r"^id: baclofen$", "id: baclofen-copy", baclofen, count=1, flags=re.MULTILINE)
    before = _commits(consumer)
    refused = _commit(consumer, "source/baclofen-copy.yaml", copy)
    assert refused.returncode != 0
    assert "[duplicate-url]" in refused.stdout and "source/baclofen.yaml" in refused.stdout, refused.stdout
    assert _commits(consumer) == before
    _git(consumer, "rm", "-q", "--cached", "source/baclofen-copy.yaml")
    (consumer / "source" / "baclofen-copy.yaml").unlink()


def test_a_monograph_outside_the_source_folder_is_not_skipped(consumer: Path) -> None:
    baclofen = (REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8")
    before = _commits(consumer)
    refused = _commit(consumer, "drafts/baclofen.yaml", baclofen)
    assert refused.returncode != 0
    assert "drafts/baclofen.yaml:1:1: error: this monograph is outside the source folders" in refused.stdout
    assert _commits(consumer) == before
    (consumer / "monograph.toml").write_text('[source]\npaths = ["source", "drafts"]\n', encoding="utf-8")
    _git(consumer, "add", "monograph.toml")
    refused = _git(consumer, "commit", "-qm", "drafts too")
    assert refused.returncode != 0 and "[duplicate-url]" in refused.stdout, refused.stdout  # now one corpus


def test_a_valid_change_commits(consumer: Path) -> None:
    _git(consumer, "reset", "-q", "--hard")
    shutil.rmtree(consumer / "drafts", ignore_errors=True)
    before = _commits(consumer)
    tizanidine = (REPO / "source" / "tizanidine.yaml").read_text(encoding="utf-8")
    done = _commit(consumer, "source/tizanidine.yaml", tizanidine)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _commits(consumer) == before + 1
