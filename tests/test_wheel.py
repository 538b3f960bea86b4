"""The library works where it is installed: a wheel built from the repository, in a fresh virtualenv.

Builds the wheel with pip, installs it without dependencies into a new virtualenv whose only
other path is the test environment's site-packages (for the dependencies, not for presslens:
the editable install's .pth file there is not processed), and runs ``presslens analyze --json``
and ``presslens report --format html`` from a working directory outside the repository. Also
checks that the lexicons and notebooks the wheel carries are byte-identical to the
repository's own files.
"""

from __future__ import annotations

import json
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from presslens.paths import BUNDLED, PROJ_ROOT

pytestmark = pytest.mark.slow

ARTICLE = """Ministers meet in Vilnius over air defence

Defence ministers of NATO met in Vilnius on Tuesday to discuss air defence for Ukraine, officials said.

“We will deliver more systems before the winter,” the NATO Secretary General said after the talks.
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(PROJ_ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (found,) = out.glob("presslens-*.whl")
    return found


def test_the_wheel_carries_the_repositorys_lexicons_and_notebooks(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for source, name in BUNDLED:
            member = f"presslens/resources/{name}"
            assert member in names, member
            assert archive.read(member) == (PROJ_ROOT / source).read_bytes(), f"{member} differs from {source}"
        assert any(n.startswith("presslens/report/templates/") for n in names)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env)
    python = env / "bin" / "python"
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # the dependencies come from the test environment; presslens itself only from the wheel
    Path(purelib, "test-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0 and "no such option: --python" in done.stderr:
        done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", purelib, str(wheel)],
                              capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    where = subprocess.run([python, "-c", "import presslens, presslens.paths as p; print(presslens.__file__); print(p.IN_CHECKOUT)"],
                           capture_output=True, text=True, check=True, cwd=env).stdout.split()
    assert where[0].startswith(str(env)) and where[1] == "False", where
    return env


def test_installed_analyze_and_report_run_from_any_folder(installed: Path, tmp_path: Path):
    import os

    # The dependencies' data files (nbconvert's templates, the kernel spec) live under the test
    # environment's prefix, where a full install would have put them under the new one.
    env = {**os.environ, "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter"),
           "PATH": f"{installed / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("PYTHONPATH", None)
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "article.txt").write_text(ARTICLE, encoding="utf-8")
    presslens = installed / "bin" / "presslens"
    done = subprocess.run([presslens, "analyze", "article.txt", "--json"], cwd=work, capture_output=True, text=True, timeout=120,
                          env=env)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {s["id"] for s in result["stakeholders"]} >= {"nato", "ukraine"}
    done = subprocess.run([presslens, "report", "article.txt", "--format", "html"], cwd=work, capture_output=True, text=True,
                          timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    (folder,) = (work / "reports").iterdir()
    assert (folder / "report.html").stat().st_size > 100_000
    assert "Traceback" not in done.stderr
    assert "presslens/resources/notebooks/article_report.ipynb" not in str(folder)  # the report is the user's, beside them
