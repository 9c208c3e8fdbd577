"""A store of each kind with the operation planned, for the ingest tests."""

import pytest

from tests.ingest.support import plan_operation


@pytest.fixture
def store(store_url: str) -> str:
    """A store of each kind holding Operasi Mantap Brata 2023-2024 (``omb``, 222 days)."""
    plan_operation(store_url)
    return store_url
