"""The package's own processes start without the optional module jsonschema compiles on import."""

from __future__ import annotations

import os
import subprocess
import sys
import types

import pytest

from analysis import config
from analysis.app import startup


def test_skipped_module_cannot_be_imported_and_notebooks_still_validate():
    code = ("import sys\n"
            "from analysis.app.startup import skip_unused_slow_imports\n"
            "skip_unused_slow_imports()\n"
            "import nbformat\n"
            "nbformat.validate(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1 + 1')]))\n"
            "try:\n"
            "    import rfc3987_syntax\n"
            "except ImportError:\n"
            "    print('skipped')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "skipped"


def test_a_module_already_imported_is_left_alone(monkeypatch):
    real = types.ModuleType("rfc3987_syntax")
    monkeypatch.setitem(sys.modules, "rfc3987_syntax", real)
    startup.skip_unused_slow_imports()
    assert sys.modules["rfc3987_syntax"] is real


def test_the_command_line_starts_without_it():
    code = ("import sys\nfrom analysis.cli import main\nmain(['--help'])\n"
            "print('skipped' if sys.modules.get('rfc3987_syntax', 'x') is None else 'loaded')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "skipped"


def test_the_server_process_skips_it_before_importing_voila():
    import inspect

    from analysis.app.explorer import serve

    src = inspect.getsource(serve.main)
    assert src.index("skip_unused_slow_imports()") < src.index("from voila.app import Voila")


@pytest.mark.parametrize("chosen, expected", [(None, "1 1"), ("2", "2")])
def test_the_command_line_runs_blas_on_one_thread_unless_the_user_chose(chosen, expected):
    """``python -m analysis`` sets OPENBLAS_NUM_THREADS=1 before numpy loads (its kernels and
    server inherit it); a number the user set is kept."""
    code = ("import os\nimport analysis.__main__\nimport numpy, threadpoolctl\n"
            "n = max(i['num_threads'] for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas')\n"
            "print(os.environ['OPENBLAS_NUM_THREADS'], n if os.environ['OPENBLAS_NUM_THREADS'] == '1' else '')\n")
    env = {k: v for k, v in os.environ.items() if k not in config.BLAS_THREAD_VARS}
    if chosen is not None:
        env["OPENBLAS_NUM_THREADS"] = chosen
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expected


def test_one_blas_thread_keeps_the_users_choice():
    assert config.one_blas_thread({}) == {"OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    assert config.one_blas_thread({"MKL_NUM_THREADS": "4"})["MKL_NUM_THREADS"] == "4"


def test_the_explorer_server_and_the_notebook_kernels_get_one_blas_thread(monkeypatch, tmp_path):
    from analysis.app import notebooks
    from analysis.app.explorer import serve

    for var in config.BLAS_THREAD_VARS:
        monkeypatch.delenv(var, raising=False)
    assert serve.server_env()["OPENBLAS_NUM_THREADS"] == "1"
    seen = []

    def execute_notebook(path, **kwargs):  # what a kernel started here would inherit
        seen.append((os.environ.get("OPENBLAS_NUM_THREADS"), os.environ.get("MKL_NUM_THREADS")))
        return object()

    monkeypatch.setattr(notebooks, "execute_notebook", execute_notebook)
    notebooks.execute_notebooks([tmp_path / "a.ipynb"], workers=1)
    assert seen == [("1", "1")]
    assert "OPENBLAS_NUM_THREADS" not in os.environ  # the caller's environment is left as it was
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    assert serve.server_env()["OPENBLAS_NUM_THREADS"] == "3"
    notebooks.execute_notebooks([tmp_path / "a.ipynb"], workers=1)
    assert seen[-1] == ("3", "1")


def test_a_notebook_reads_its_parameters_without_loading_the_report():
    """``analysis.app.params`` (a notebook's first call) needs the configuration only: no pandas,
    matplotlib, python-docx or openpyxl, so a kernel that asks for its language starts light."""
    code = ("import sys\nfrom analysis.app.params import notebook_params\nprint(notebook_params()['lang'])\n"
            "print(sorted(m for m in ('pandas', 'matplotlib', 'docx', 'openpyxl', 'analysis.app.report') "
            "if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "ANALYSIS_LANG": "en"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["en", "[]"]
