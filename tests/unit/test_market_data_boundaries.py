"""The DuckDB reader and the Parquet writer share the storage, not each other's modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

OUTBOUND = Path(__file__).resolve().parents[2] / "adapters" / "outbound"
# Package -> the outbound adapters it must not import.
FORBIDDEN = {
    "duckdb": {"parquet", "rollups"},
    "parquet": {"duckdb"},
    "market_data_storage": {"duckdb", "parquet", "rollups"},
}


def imported_adapters(path: Path) -> set[str]:
    """The outbound adapter packages a module imports (`adapters.outbound.<name>...`)."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return {
        module.split(".")[2]
        for module in modules
        if module.startswith("adapters.outbound.") and module.count(".") >= 2
    }


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_market_data_package_imports_none_of_the_others_it_sits_beside(package: str) -> None:
    offenders = {
        str(path.relative_to(OUTBOUND)): sorted(imported_adapters(path) & FORBIDDEN[package])
        for path in (OUTBOUND / package).rglob("*.py")
    }

    assert {path: bad for path, bad in offenders.items() if bad} == {}


def test_the_scan_notices_an_adapter_import(tmp_path: Path) -> None:
    module = tmp_path / "leaky.py"
    module.write_text(
        "import adapters.outbound.duckdb.engine\n"
        "from adapters.outbound.parquet.ingest import ingest\n"
        "from core.domain import candles\n"
    )

    assert imported_adapters(module) == {"duckdb", "parquet"}
