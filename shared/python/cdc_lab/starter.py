"""How every Python starter runs: the reference program, with the learner's modules in its place."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path


def run_starter(starter_main: str) -> None:
    """Run ``../reference/main.py`` with the starter's folder first on the import path.

    Python puts the script's folder (the starter's) first on sys.path; the reference's folder goes
    right after it. So every module the learner has in the starter shadows its twin in the
    reference, and every other module is the reference's own, unchanged: the same arrangement
    as the TypeScript starter.
    """
    here = Path(starter_main).resolve().parent
    reference = here.parent / "reference"
    if not sys.path or Path(sys.path[0]).resolve() != here:
        sys.path.insert(0, str(here))
    sys.path.insert(1, str(reference))
    runpy.run_path(str(reference / "main.py"), run_name="__main__")
