#!/usr/bin/env bash
# The one test command: installs what the tests need and runs every test (Rust and Python).
#
# Needs only the Rust toolchain and Python 3 with venv and pip. The Python part makes (or reuses)
# a virtualenv at .venv, installs python/requirements-test.txt into it, builds the extension
# into it with maturin and runs pytest on python/tests. Safe to run again (idempotent), and
# without a terminal (CI=true, no stdin).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
echo "== cargo test"
cargo test --workspace --release

echo "== python: virtualenv .venv"
PYTHON="${PYTHON:-python3}"
VENV="$PWD/.venv"
if ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)' 2>/dev/null; then
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
fi
export VIRTUAL_ENV="$VENV"
export PATH="$VENV/bin:$PATH"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
unset PYTHONHOME
# Reinstall the test requirements only when the file changed since the last install.
stamp="$VENV/.requirements-test.sha256"
want="$(sha256sum python/requirements-test.txt | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "== python: pip install -r python/requirements-test.txt"
    python -m pip install --quiet --upgrade pip </dev/null
    python -m pip install --quiet -r python/requirements-test.txt </dev/null
    echo "$want" >"$stamp"
fi

echo "== python: maturin develop --release"
maturin develop --release -m python/Cargo.toml </dev/null
# A Jupyter kernel that runs this venv's Python (for the notebook test and for users).
python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (civic .venv)" </dev/null >/dev/null

echo "== python: pytest"
python -m pytest python/tests </dev/null
