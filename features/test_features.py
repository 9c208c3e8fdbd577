"""Run every scenario of features/*.feature, on both stores (see the root conftest.py)."""

import pytest
from pytest_bdd import scenarios

# Requested up front so that pytest parametrizes each scenario by store.
pytestmark = pytest.mark.usefixtures("store_url", "app")

scenarios(".")
