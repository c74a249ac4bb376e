"""The built wheel, installed away from the checkout, finds its schema and validates source/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(REPO)],
        check=True, capture_output=True,
    )
    (built,) = out.glob("monograph-*.whl")
    return built


def test_the_wheel_ships_the_schemas_and_the_type_marker(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "monograph/schema/monograph.schema.json" in names
    assert "monograph/py.typed" in names
    assert "monograph/formats/html/page.css" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[monograph.exporters]" in text and "monograph = monograph.cli:run" in text


def test_the_installed_wheel_validates_source_from_elsewhere(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
        check=True, capture_output=True,
    )
    # -S keeps this environment's .pth files (and so the editable install of the checkout) out of the way;
    # the dependencies are found as a plain path entry after the installed wheel.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), sysconfig.get_paths()["purelib"]]))
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    probe = subprocess.run(
        [sys.executable, "-S", "-c", "import monograph.schema as v; print(v.__file__); print(v.source_schema()['$id'])"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )
    module_file, schema_id = probe.stdout.splitlines()
    assert Path(module_file).is_relative_to(site)
    assert schema_id.startswith("https://")
    done = subprocess.run(
        [sys.executable, "-S", "-m", "monograph.cli", "validate", str(REPO / "source")],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.endswith("files valid\n")
    # The page embeds its stylesheet, package data read through importlib.resources: the installed
    # wheel must write the same page as the checkout, with the same settings (the [page] frame).
    shutil.copy(REPO / "monograph.toml", elsewhere / "monograph.toml")
    page = subprocess.run(
        [sys.executable, "-S", "-m", "monograph.cli", "export", str(REPO / "source" / "baclofen.yaml"), "--to", "html"],
        cwd=elsewhere, env=env, capture_output=True, check=False,
    )
    assert page.returncode == 0, page.stderr.decode()
    assert page.stdout == (REPO / "tests" / "golden" / "baclofen.html.html").read_bytes()
