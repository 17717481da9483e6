"""The README's embedding example runs as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_embedding_example_runs_and_lists_what_it_created() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Embedding the core", 1)[1]
    example = re.search(r"```python\n(.*?)```", section, re.S)
    assert example is not None

    result = subprocess.run(
        [sys.executable, "-c", example.group(1)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['demo']"
