"""The package's own processes start without the optional module jsonschema compiles on import."""

from __future__ import annotations

import subprocess
import sys
import types

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
