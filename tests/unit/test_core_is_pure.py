"""core/ must stay embeddable: it imports only the standard library and itself."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_modules_import_only_the_standard_library_and_core() -> None:
    allowed = set(sys.stdlib_module_names) | {"core", "__future__"}
    offenders = {
        str(path.relative_to(CORE.parent)): sorted(imported_roots(path) - allowed)
        for path in CORE.rglob("*.py")
    }

    assert {path: bad for path, bad in offenders.items() if bad} == {}


def test_the_scan_notices_a_framework_import(tmp_path: Path) -> None:
    module = tmp_path / "leaky.py"
    module.write_text("import aiohttp\nfrom asyncpg import Pool\n")

    assert imported_roots(module) == {"aiohttp", "asyncpg"}
