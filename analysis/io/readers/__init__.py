"""Read monitoring data as statistics offices send it, and never change a number silently.

Layouts (found by content, see ``docs/data_contract.md``):

* **long**: one row per indicator, year and value (``指标代码, 年份, 数值`` ...);
* **wide**: one row per indicator, one column per year (``2019``, ``2019年``, a merged
  ``年份`` over the years), the statistics bureau's usual sheet;
* **transposed**: one row per year, one column per indicator.

The header is the first row (of the first 60) that fits one layout; title rows,
``填报单位 / 金额单位：万元`` rows above it and note rows (注：, 资料来源：, 填表人：)
below the data are skipped and reported; ``序号`` and blank spacer columns are
ignored; every other column that is not used is named in a warning; a header that
is a near miss of a known one (``units``, ``regin``) is an error. Indicators may be
given by id, exact ``name_zh`` or a catalogue alias.

Every problem is one line ``FILE[SHEET]:ROW:COLUMN: message`` (ROW as the user sees
it in the file, COLUMN the spreadsheet column letter), in Chinese by default or
English with ``lang="en"``. The summary of what was understood (:class:`Intake`) is
in ``df.attrs["intake"]`` (and on the :class:`InputError` as ``.intake``). Input
files are only ever read.

==========================  ====================================================================
module                      job
==========================  ====================================================================
:mod:`.read`                :func:`read_observations`, :func:`read_sector_panel`, their pure twins
                            ``validate_*``, the sheet chosen, :func:`options` (``--sheet``, ``--lang``)
:mod:`.layout`              the header found by content; long, wide or transposed (:class:`~.layout.Layout`)
:mod:`.records`             cells -> one record per value cell, with where each came from
:mod:`.checks`              names, years, numbers, units, ranges, regions, sectors, duplicates
:mod:`.summary`             what was understood (:class:`Intake`), the words of the messages
:mod:`.validate`            the ``validate`` command: :func:`check_file`, :func:`validate_files`
==========================  ====================================================================
"""

from __future__ import annotations

from analysis.io.contract import (COLUMN_ALIASES, OBS_COLUMNS, OBS_OPTIONAL, OBS_REQUIRED, PANEL_ALIASES,
                                  PANEL_COLUMNS, PANEL_OPTIONAL, PANEL_REQUIRED)
from analysis.io.numbers import (COUNT_UNITS, convert, normalize_unit, parse_number, parse_value, parse_year,
                                 unit_factor)
from analysis.io.readers.checks import IMPLAUSIBLE_FACTOR, NONNEGATIVE_KINDS
from analysis.io.readers.files import disagreements
from analysis.io.readers.read import (option, options, read_observations, read_sector_panel, sector_metrics_path,
                                      validate_observations, validate_sector_panel)
from analysis.io.readers.summary import Intake
from analysis.io.readers.validate import (check_file, cli_validate, detect_kind, intake_warning_line,
                                          unknown_indicator_said, validate_files)
from analysis.io.sheets import Limits, read_table

__all__ = [
    "disagreements", "intake_warning_line",
    "OBS_COLUMNS", "OBS_OPTIONAL", "OBS_REQUIRED", "PANEL_COLUMNS", "PANEL_OPTIONAL", "PANEL_REQUIRED",
    "COLUMN_ALIASES", "PANEL_ALIASES", "COUNT_UNITS", "Intake", "Limits", "parse_number", "parse_value",
    "parse_year", "normalize_unit", "unit_factor", "convert", "read_table", "read_observations",
    "read_sector_panel", "validate_observations", "validate_sector_panel", "validate_files", "detect_kind",
    "cli_validate", "check_file", "unknown_indicator_said", "option", "options", "sector_metrics_path", "NONNEGATIVE_KINDS", "IMPLAUSIBLE_FACTOR",
]
