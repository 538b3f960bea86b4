"""The library works where it is installed: a wheel built from the repository, in a fresh virtualenv.

Builds the wheel with pip from a copy of the files the build reads (never in the checkout, so
the test leaves no ``build/`` or ``*.egg-info`` behind and two runs cannot collide), with a
stale module planted in the copy's ``build/lib/`` the way an earlier build leaves one. Checks
that the wheel holds exactly the package's files and the bundled lexicons and notebooks, each
byte-identical to the repository's. Then installs it without dependencies into a new
virtualenv whose only other paths are the test environment's site-packages (for the
dependencies, not for presslens: the editable install's .pth file there is not processed,
and ``PYTHONPATH`` is dropped), and runs ``presslens analyze --json``, ``presslens ingest`` and
``presslens report --format html`` from a working directory outside the repository:
the report lands in ``./reports/<slug>/`` there, the structured article in ``./data/articles/``.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from presslens.paths import BUNDLED, PROJ_ROOT

ARTICLE = """Ministers meet in Vilnius over air defence

Defence ministers of NATO met in Vilnius on Tuesday to discuss air defence for Ukraine, officials said.

“We will deliver more systems before the winter,” the NATO Secretary General said after the talks.
"""
#: Project files the build reads besides ``src/`` and the bundled files.
BUILD_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
PACKAGE = PROJ_ROOT / "src" / "presslens"
#: Besides modules, the package data pyproject.toml declares.
#: The package-data folders pyproject.toml declares (``report/templates/**/*`` -> ``report/templates``).
PACKAGE_DATA = tuple(
    pattern.removesuffix("/**/*")
    for pattern in tomllib.loads((PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["presslens"]
)


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without what would put the checkout's presslens on the path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return {**env, **extra}


def run(command: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env or clean_environment(),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{' '.join(map(str, command))}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


def expected_wheel_files() -> dict[str, Path]:
    """Every file the wheel must hold under ``presslens/``, with the repository file it comes from."""
    expected = {}
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE).as_posix()
        if path.is_file() and "__pycache__" not in path.parts and (
            path.suffix == ".py" or any(relative.startswith(f"{folder}/") for folder in PACKAGE_DATA)
        ):
            expected[f"presslens/{relative}"] = path
    for source, name in BUNDLED:
        expected[f"presslens/resources/{name}"] = PROJ_ROOT / source
    return expected


def test_every_lexicon_is_bundled():
    bundled = {source for source, _ in BUNDLED}
    defaults = {p.relative_to(PROJ_ROOT).as_posix() for p in PROJ_ROOT.glob("data/lexicons/*.yaml")}
    assert bundled == defaults, "presslens.paths.BUNDLED must list every default lexicon"
    assert len({name for _, name in BUNDLED}) == len(BUNDLED)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_FILES:
        shutil.copyfile(PROJ_ROOT / name, source / name)
    shutil.copytree(PROJ_ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name, _ in BUNDLED:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PROJ_ROOT / name, source / name)
    stale = source / "build" / "lib" / "presslens" / "removed_long_ago.py"
    stale.parent.mkdir(parents=True)
    stale.write_text("raise ImportError('a module deleted from src/')\n")
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, source], cwd=source)
    (found,) = out.glob("presslens-*.whl")
    return found


@pytest.mark.slow
def test_the_wheel_holds_the_package_and_the_repositorys_lexicons_and_notebooks(wheel: Path):
    expected = expected_wheel_files()
    with zipfile.ZipFile(wheel) as archive:
        shipped = {n for n in archive.namelist() if n.startswith("presslens/")}
        assert sorted(shipped - set(expected)) == [], "the wheel holds files that are not in the repository"
        assert sorted(set(expected) - shipped) == [], "the wheel misses files of the repository"
        for member, origin in expected.items():
            assert archive.read(member) == origin.read_bytes(), f"{member} differs from {origin.relative_to(PROJ_ROOT)}"


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env)
    python = env / "bin" / "python"
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=env).stdout.strip()
    # the dependencies come from the test environment; presslens itself only from the wheel
    Path(purelib, "test-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet", wheel], cwd=env)
    where = run([python, "-c", "import presslens, presslens.paths as p; print(presslens.__file__); print(p.IN_CHECKOUT)"], cwd=env).stdout.split()
    assert where[0].startswith(str(env)) and where[1] == "False", where
    return env


@pytest.mark.slow
def test_installed_analyze_ingest_and_report_run_from_any_folder(installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    # The dependencies' data files (nbconvert's templates, the kernel spec) live under the test
    # environment's prefix, where a full install would have put them under the new one.
    env = clean_environment(JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"),
                            PATH=f"{installed / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "article.txt").write_text(ARTICLE, encoding="utf-8")
    presslens = installed / "bin" / "presslens"

    result = json.loads(run([presslens, "analyze", "article.txt", "--json"], cwd=work, env=env).stdout)
    assert {s["id"] for s in result["stakeholders"]} >= {"nato", "ukraine"}
    # the installed package and the checkout give the same analysis of the same file
    from presslens.cli import main

    monkeypatch.chdir(work)
    capsys.readouterr()
    assert main(["analyze", "article.txt", "--json"]) == 0
    assert result == json.loads(capsys.readouterr().out)

    run([presslens, "ingest", "article.txt"], cwd=work, env=env)
    assert [p.name for p in (work / "data" / "articles").iterdir()] == [f"{result['article']['slug']}.json"]

    done = run([presslens, "report", "article.txt", "--format", "html"], cwd=work, env=env)
    folder = work / "reports" / result["article"]["slug"]
    assert sorted(p.name for p in (work / "reports").iterdir()) == [folder.name]
    assert Path(done.stdout.strip()).resolve() == (folder / "report.html").resolve()
    assert (folder / "report.html").stat().st_size > 100_000
    assert (folder / "topic_emphasis.csv").is_file()
    assert "Traceback" not in done.stderr
