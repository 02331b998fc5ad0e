"""The examples run: the quickstart notebook headless, the Dask script on a local cluster."""

from __future__ import annotations

import glob
import json
import os
import sys

import pytest

import civic
from conftest import EXAMPLES, run_python


@pytest.fixture(scope="module")
def kernel_name(tmp_path_factory):
    """A kernel spec for this interpreter (where civic is installed), found first on JUPYTER_PATH."""
    kernelspec = pytest.importorskip("ipykernel.kernelspec")
    prefix = tmp_path_factory.mktemp("jupyter")
    name = "civic-test"
    kernelspec.install(kernel_name=name, prefix=str(prefix))
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in [str(prefix / "share" / "jupyter"), old] if p)
    yield name
    if old is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = old


def test_quickstart_notebook_runs(kernel_name):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("pandas")
    path = EXAMPLES / "quickstart.ipynb"
    nb = nbformat.read(path, as_version=4)
    # Committed without outputs.
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "commit the notebook without outputs"
    client = nbclient.NotebookClient(
        nb, timeout=240, kernel_name=kernel_name, resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    html = [
        o["data"]["text/html"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "data" in o and "text/html" in o["data"]
    ]
    assert any("civic-document" in h for h in html), "the document did not render as HTML"


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_example_jsonl(dask_cluster, gold_jsonl, gold, tmp_path, python_env):
    out = tmp_path / "out"
    r = run_python(
        [str(EXAMPLES / "dask_extract.py"), str(gold_jsonl), "-o", str(out),
         "--scheduler", dask_cluster.scheduler.address, "--blocksize", "8KB"],
        python_env,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    parts = sorted(glob.glob(str(out / "part-*.jsonl")))
    assert len(parts) > 2, "expected several partitions"
    got = [json.loads(line) for p in parts for line in open(p, encoding="utf-8") if line.strip()]
    want = civic.Extractor().extract_many([(d["id"], d["text"]) for d in gold])
    assert got == [d.to_dict() for d in want]
    # The work ran in both worker processes, where civic was imported.
    loaded = dask_cluster.run(lambda: "civic" in sys.modules)
    assert len(loaded) == 2 and all(loaded.values())


def test_dask_example_parquet(dask_cluster, gold_jsonl, gold, tmp_path, python_env):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    r = run_python(
        [str(EXAMPLES / "dask_extract.py"), str(gold_jsonl), "-o", str(out), "--format", "parquet",
         "--scheduler", dask_cluster.scheduler.address, "--blocksize", "8KB"],
        python_env,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    parts = sorted(glob.glob(str(out / "*.parquet")))
    got = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    want = civic.to_frame(civic.Extractor().extract_many([(d["id"], d["text"]) for d in gold]))
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want)
    for col in want.columns:
        assert got[col].astype(object).where(got[col].notna(), None).tolist() == \
            want[col].astype(object).where(want[col].notna(), None).tolist(), col


def test_dask_example_local_cluster_of_its_own(gold_jsonl, gold, tmp_path, python_env):
    """Without --scheduler the script starts its own cluster of worker processes."""
    pytest.importorskip("dask.distributed")
    out = tmp_path / "out"
    r = run_python(
        [str(EXAMPLES / "dask_extract.py"), str(gold_jsonl), "-o", str(out), "--workers", "2",
         "--lang", gold[0]["lang"] if gold[0]["lang"] in civic.supported_languages() else "en"],
        python_env,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    got = [json.loads(line) for p in sorted(glob.glob(str(out / "part-*.jsonl"))) for line in open(p, encoding="utf-8")]
    assert [g["id"] for g in got] == [d["id"] for d in gold]
