"""How officers write dates, and how stores are named."""

from datetime import date

import pytest

from adapters.dates import DateError, parse_date
from adapters.store import StoreError, parse_store


@pytest.mark.parametrize(
    "text",
    ["2023-10-17", "17/10/2023", "17-10-2023", "17 Oktober 2023", "17 Okt 2023",
     "17 October 2023", "17 oktober 2023", "17 Oct 2023"],
)  # fmt: skip
def test_every_accepted_shape_means_the_same_day(text):
    assert parse_date(text) == date(2023, 10, 17)


@pytest.mark.parametrize("text", ["31/02/2024", "17/10", "17/10/23", "Oktober 2023", "2023-13-01",
                                  "17 Brumaire 2023", "besok", ""])  # fmt: skip
def test_impossible_and_ambiguous_dates_are_refused(text):
    with pytest.raises(DateError):
        parse_date(text)


def test_a_plain_path_and_a_sqlite_url_name_the_same_file(tmp_path):
    path = tmp_path / "unit.sqlite"
    assert parse_store(str(path)).env == parse_store(f"sqlite:///{path}").env


def test_a_postgresql_url_becomes_the_library_settings():
    config = parse_store("postgresql://root@db.polres.local:5433/humas?schema=okut")
    assert config.env["POSTGRES_HOST"] == "db.polres.local"
    assert config.env["POSTGRES_PORT"] == "5433"
    assert config.env["POSTGRES_SCHEMA"] == "okut"
    assert "password" not in config.location


def test_without_a_store_the_file_lives_in_the_users_data_directory():
    assert parse_store(None).location.endswith("humas.sqlite")


@pytest.mark.parametrize("text", ["mysql://x/y", "sqlite://relative.db", "postgresql:///nohost"])
def test_a_store_that_cannot_be_understood_is_refused(text):
    with pytest.raises(StoreError):
        parse_store(text)


@pytest.mark.parametrize("query", ["schem=unit1", "schema=unit1&sslmode=require", "search_path=x"])
def test_a_postgresql_setting_humas_does_not_read_is_refused_not_ignored(query):
    # ignored, a mistyped ?schema= put the store in the public schema, beside another's
    with pytest.raises(StoreError, match="humas reads only") as refused:
        parse_store(f"postgresql://auditor:rahasia@127.0.0.1:5432/humas?{query}")
    assert "rahasia" not in str(refused.value)


@pytest.mark.parametrize(
    "text",
    ["postgresql://auditor:rahasia@127.0.0.1:99999/humas", "postgresql://auditor:rahasia@/humas"],
)
def test_a_postgresql_url_refused_is_named_without_its_password(text):
    with pytest.raises(StoreError) as refused:
        parse_store(text)
    assert "rahasia" not in str(refused.value) and "auditor@" in str(refused.value)
