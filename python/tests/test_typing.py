"""The stubs (civic/_civic.pyi) match the extension (mypy.stubtest), and the package type-checks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO


def test_stubtest():
    pytest.importorskip("mypy")
    r = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "civic", "--mypy-config-file", str(REPO / "python" / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=str(REPO / "python" / "tests"),
        timeout=300,
    )
    assert r.returncode == 0, r.stdout[-5000:] + r.stderr[-2000:]


def test_py_typed():
    import civic

    from pathlib import Path

    pkg = Path(civic.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_civic.pyi").exists()
