"""Where the GUM evaluation set lives, shared by the benchmarks that read it in place."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def shared_dir(cli: str | None) -> Path:
    """``--shared`` beats ``$BRIEFBOT_SHARED`` beats ``<project>/../shared``."""
    base = cli or os.environ.get("BRIEFBOT_SHARED") or str(PROJECT_ROOT.parent / "shared")
    return Path(base) / "eval" / "gum_news"


def load_module(gum_dir: Path) -> ModuleType:
    """Import the set's own ``load.py`` without copying it into the project."""
    spec = importlib.util.spec_from_file_location("gum_news_load", gum_dir / "load.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {gum_dir / 'load.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
