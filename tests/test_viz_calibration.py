"""analysis.viz.calibration: the reliability diagram draws the table it is given."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.viz.calibration import reliability_plot  # noqa: E402

TABLE = pd.DataFrame({"bin_lower": [0.0, 0.5], "bin_upper": [0.5, 1.0], "n": [10, 0],
                      "mean_p": [0.2, np.nan], "observed": [0.3, np.nan]})


@pytest.mark.parametrize("lang, xlabel", [("zh", "预测的达标概率"), ("en", "Forecast probability of meeting the target")])
def test_reliability_plot_draws_the_bins_and_the_diagonal(lang, xlabel):
    ax = reliability_plot(TABLE, lang=lang)
    lines = ax.get_lines()
    np.testing.assert_allclose(lines[0].get_xydata(), [[0, 0], [1, 1]])       # perfect calibration
    np.testing.assert_allclose(lines[1].get_xydata(), [[0.2, 0.3]])           # the empty bin is not drawn
    assert ax.get_xlabel() == xlabel
    plt.close(ax.figure)
