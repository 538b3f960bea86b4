"""Build hook: copy the repository's lexicons into the package.

The metadata lives in pyproject.toml. A wheel must carry ``data/lexicons/*.yaml`` (the library
reads them through ``importlib.resources`` when installed; the report notebooks are package
data of ``presslens/report/notebooks/`` already),
but those files stay where the repository layout puts them: this step copies exactly the
files ``presslens.paths.BUNDLED`` lists into ``presslens/resources/`` of the build, so there
is no second copy to keep in step by hand. ``tests/test_wheel.py`` checks that what is
installed is byte-identical to the repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import runpy

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: The list lives in presslens.paths (read here without importing the package).
BUNDLED = runpy.run_path(str(ROOT / "src" / "presslens" / "paths.py"))["BUNDLED"]


class BuildWithResources(build_py):
    """build_py that also copies the bundled lexicons into presslens/resources/."""

    def run(self) -> None:
        if not self.editable_mode:
            # build/lib/ survives between builds in the checkout (pip builds in place), and
            # whatever is there goes into the wheel: a module deleted from src/ would ship on
            shutil.rmtree(Path(self.build_lib) / "presslens", ignore_errors=True)
        super().run()
        if self.editable_mode:
            return  # an editable install reads the repository's own files
        target = Path(self.build_lib) / "presslens" / "resources"
        for source, name in BUNDLED:
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / source, destination)


setup(cmdclass={"build_py": BuildWithResources})
