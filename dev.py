#!/usr/bin/env python3
"""Set-up-and-run for a fresh machine with only Python 3.11.

    python3 dev.py serve   # the API on embedded defaults, at http://localhost:8000/docs
    python3 dev.py test    # lint, type and dead-code checks, then every test

Both create ./.venv and install the project into it when needed (again when setup.cfg or
pyproject.toml change), so nothing else has to be installed first.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"


def _requirements_hash() -> str:
    digest = hashlib.sha256()
    for name in ("setup.cfg", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs before the venv exists
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    wanted = _requirements_hash()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        print("creating .venv ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("installing the project and its test tools into .venv ...", file=sys.stderr)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[test,embedded]"], check=True)
    STAMP.write_text(wanted)


def serve(args: list[str]) -> int:
    """Becomes the server (exec), so a signal to this command reaches the server itself."""
    command = [str(PYTHON), "-m", "bootstrap", "serve", *args]
    if os.name == "posix":
        os.chdir(ROOT)
        os.execv(command[0], command)
    # Windows has no exec that keeps the process: wait, and stop the child with us.
    child = subprocess.Popen(command, cwd=ROOT)
    try:
        return child.wait()
    finally:
        if child.poll() is None:
            child.terminate()
            child.wait()


def run(*args: str) -> int:
    return subprocess.run([str(PYTHON), *args], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    if command not in ("serve", "test"):
        print(__doc__)
        return 0 if command == "help" else 2
    ensure_environment()
    if command == "serve":
        return serve(argv[1:])
    for check in (("ruff", "check", "."), ("mypy",), ("vulture",)):
        failed = run("-m", *check)
        if failed:
            return failed
    return run("-m", "pytest", *argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
