"""Shared fixtures: Agg backend, closed figures, seeded randomness, tiny inputs."""

from __future__ import annotations

import os
import random

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _seed_and_close():
    random.seed(12345)
    np.random.seed(12345)
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture
def rng():
    """A seeded numpy Generator."""
    return np.random.default_rng(20190821)
