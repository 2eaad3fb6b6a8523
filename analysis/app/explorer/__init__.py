"""The scenario explorer: an ipywidgets / Voila app over :mod:`analysis.model.scenarios`.

==================  ======================================================================
module              job
==================  ======================================================================
:mod:`.state`       pure state: controls ↔ scenario, uploads, answers, downloads (no widgets)
:mod:`.widgets`     the thin widget shell (:class:`ScenarioExplorer`); the chart is drawn by
                    :func:`analysis.viz.scenarios.scenario_plot`, as in the report
:mod:`.chart`       the chart on its own figure: full redraw only when needed (blitting), PNG, SVG
:mod:`.markup`      what the shell shows as HTML (CSS, answer, chart, score table, errors);
                    :func:`questions_table`
:mod:`.data`        the monitoring data shown: ``explore --data`` files, an uploaded file (bytes)
:mod:`.launch`      the notebook's call :func:`from_env`: the app, or the data's problems on the page
:mod:`.serve`       ``python -m analysis explore``: Voila on 127.0.0.1, kernels culled and
                    capped, Host/Origin checked, a token on a LAN, a clean stop
==================  ======================================================================

Use it in a notebook::

    from analysis.app import explorer
    app = explorer.explorer()
    app            # displays the app
"""

from __future__ import annotations

from analysis.app.explorer import state
from analysis.app.explorer.serve import cli_explore, notebook_path, voila_command
from analysis.app.explorer.markup import questions_table
from analysis.app.explorer.widgets import ScenarioExplorer, explorer
from analysis.app.explorer.launch import DataProblems, from_env, from_params

__all__ = ["ScenarioExplorer", "explorer", "cli_explore", "notebook_path", "voila_command", "questions_table", "state",
           "DataProblems", "from_env", "from_params"]
