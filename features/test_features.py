"""Run the scenarios of core.feature, on both stores (see the root conftest.py).

Each other feature file has its own test module beside it, with the steps only it uses."""

import pytest
from pytest_bdd import scenarios

# Requested up front so that pytest parametrizes each scenario by store.
pytestmark = pytest.mark.usefixtures("store_url", "app")

scenarios("core.feature")
