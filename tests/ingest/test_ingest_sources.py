"""Where items come from: files, directories (recursively), standard input, an address;
and bad input, which is one line per item while the other items still go in."""

import shutil
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from adapters.cli.main import cli
from adapters.news.reader import MAX_BYTES, RawItem
from tests.cli import Result
from tests.ingest.support import (
    CORPUS,
    DRILL_REPORTS,
    REAL_CLASH,
    UNRELATED,
    ingest,
    json_lines,
)

SAVED_PAGE = CORPUS / "019_simulasi-teluk-damai.html"  # its canonical address is in the page


def ingest_from_stdin(store: str, data: bytes, *args: str) -> Result:
    command = ["--store", store, "--as", "Bripka Ani Lestari", "ingest", "news", "-", *args]
    result = CliRunner().invoke(cli, command, input=data, env={"HUMAS_ACTOR": None})
    return Result(result.exit_code, result.stdout, result.stderr)


def test_a_directory_is_walked_recursively(store: str, tmp_path: Path) -> None:
    archive = tmp_path / "arsip"
    (archive / "2023" / "november").mkdir(parents=True)
    (archive / "2024").mkdir()
    for report in DRILL_REPORTS:
        shutil.copy(report, archive / "2023" / "november" / report.name)
    shutil.copy(REAL_CLASH, archive / "2024" / REAL_CLASH.name)
    shutil.copy(SAVED_PAGE, archive / SAVED_PAGE.name)
    (archive / "2024" / "catatan.docx").write_bytes(b"PK\x03\x04 not a news item")
    result = ingest(store, archive, "--json")
    assert result.code == 0, result.err
    items = json_lines(result.out)
    # .txt and .html only, in the order of their paths
    assert [Path(item["source"]).name for item in items] == [
        SAVED_PAGE.name, *sorted(report.name for report in DRILL_REPORTS), REAL_CLASH.name,
    ]  # fmt: skip
    assert result.err.strip() == "ingested 3, linked 2, duplicates 0, failed 0"


def test_a_dash_reads_one_item_from_standard_input(store: str) -> None:
    result = ingest_from_stdin(store, REAL_CLASH.read_bytes(), "--json")
    assert result.code == 0, result.err
    [item] = json_lines(result.out)
    assert item["source"] == "<stdin>"
    assert item["category"] == "incident"
    assert item["url"] == "https://suarakarang.co.id/peristiwa/ricuh-pleno-kpu-karang-baru"
    assert item["ids"]["record_type"] == "Incident"


@pytest.fixture
def news_site() -> Iterator[str]:
    """A news site on 127.0.0.1 serving one saved page and one text item."""
    pages = {
        "/berita/kericuhan-bawaslu": ("text/html; charset=utf-8", SAVED_PAGE.read_bytes()),
        "/berita/kapolres-cup.txt": ("text/plain; charset=utf-8", UNRELATED.read_bytes()),
    }

    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/pindah?ke="):
                self.send_response(302)
                self.send_header("Location", self.path.removeprefix("/pindah?ke="))
                self.end_headers()
                return
            if self.path not in pages:
                self.send_error(404, "Not Found")
                return
            kind, body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:  # keep the test's output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_fetches_and_ingests_a_page(store: str, news_site: str) -> None:
    result = ingest(
        store, "--allow-private", "--url", f"{news_site}/berita/kericuhan-bawaslu", "--json"
    )
    assert result.code == 0, result.err
    [item] = json_lines(result.out)
    assert item["category"] == "simulation"
    assert item["outlet"] == "Teluk Damai Pos"
    assert item["url"] == "https://telukdamaipos.com/2023/11/02/kericuhan-bawaslu"
    assert item["ids"]["outcome"] == "ingested"


def test_a_fetched_item_without_an_address_of_its_own_keeps_the_one_fetched(
    store: str, news_site: str
) -> None:
    address = f"{news_site}/berita/kapolres-cup.txt"
    [item] = json_lines(
        ingest(store, "--allow-private", "--url", address, "--dry-run", "--json").out
    )
    # the text names its own address in its header, which wins over the one fetched
    assert item["url"] == "https://kabarlembah.id/olahraga/kapolres-cup-2023"
    assert item["source"] == address


def test_a_missing_page_is_one_line_naming_the_address(store: str, news_site: str) -> None:
    address = f"{news_site}/berita/tidak-ada"
    result = ingest(store, "--allow-private", "--url", address, DRILL_REPORTS[0])
    assert result.code == 2
    assert result.err.strip() == f"humas: error: {address}: the server answered 404 Not Found"
    assert result.out.strip().splitlines()[-1] == "ingested 1, linked 0, duplicates 0, failed 1"


def test_an_address_where_nothing_listens_is_one_clear_line_and_exit_2(store: str) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and is closed now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"http://127.0.0.1:{port}/berita"
    result = ingest(store, "--allow-private", "--url", address)
    assert result.code == 2
    [line] = result.err.strip().splitlines()
    assert line.startswith(f"humas: error: {address}: cannot reach the address (")
    assert "Traceback" not in result.err


def test_bad_items_are_one_line_each_and_the_others_still_go_in(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "masuk"
    folder.mkdir()
    (folder / "1_kosong.txt").write_bytes(b"")
    (folder / "2_gambar.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256))
    with (folder / "3_besar.txt").open("wb") as big:
        big.truncate(MAX_BYTES + 1)
    (folder / "4_rusak.txt").write_bytes(bytes([0xC3, 0x28, 0x81, 0x8D, 0x8F]) * 50)
    (folder / "5_tanpa-artikel.html").write_text(
        "<!DOCTYPE html><html><head><title>Beranda</title></head><body>"
        "<nav><a href='/'>Beranda</a> <a href='/daerah'>Daerah</a></nav></body></html>",
        encoding="utf-8",
    )
    shutil.copy(REAL_CLASH, folder / "6_berita.txt")
    result = ingest(store, folder)
    assert result.code == 2
    errors = result.err.strip().splitlines()
    expected = {
        "1_kosong.txt": "empty file",
        "2_gambar.txt": "binary file",
        "3_besar.txt": "over the 5 MB limit",
        "4_rusak.txt": "undecodable text",
        "5_tanpa-artikel.html": "without article text",
    }
    assert len(errors) == len(expected)
    for line, (name, problem) in zip(errors, expected.items(), strict=True):
        assert line.startswith(f"humas: error: {folder / name}: ") and problem in line
    assert "Traceback" not in result.err + result.out
    *_, item, last = result.out.strip().splitlines()
    assert item.startswith(f"{folder / '6_berita.txt'}: incident 2024-02-26: proposed incident")
    assert last == "ingested 1, linked 0, duplicates 0, failed 5"


def test_an_item_the_extractor_trips_over_is_one_line_and_the_others_go_in(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import adapters.news.ingest

    extract = adapters.news.ingest.extract

    def trips_over_the_clash(raw: RawItem, **options: object) -> object:
        if raw.source == str(REAL_CLASH):
            raise IndexError("list index out of range")
        return extract(raw, **options)

    monkeypatch.setattr(adapters.news.ingest, "extract", trips_over_the_clash)
    result = ingest(store, REAL_CLASH, DRILL_REPORTS[0])
    assert result.code == 2
    assert result.err.strip() == (
        f"humas: error: {REAL_CLASH}: facts could not be extracted "
        "(IndexError: list index out of range)"
    )
    assert result.out.strip().splitlines()[-1] == "ingested 1, linked 0, duplicates 0, failed 1"


def test_a_file_that_does_not_exist_is_one_line(store: str, tmp_path: Path) -> None:
    missing = tmp_path / "hilang.txt"
    result = ingest(store, missing)
    assert result.code == 2
    assert (
        result.err.strip()
        == f"humas: error: {missing}: cannot open file (No such file or directory)"
    )


def test_an_unknown_operation_is_refused_before_anything_is_read(store: str) -> None:
    result = ingest(store, *DRILL_REPORTS, "--operation", "mantap-praja")
    assert result.code == 2
    assert "--operation" in result.err and "mantap-praja" in result.err
    assert result.out == ""


def test_no_path_and_no_address_is_a_usage_error(store: str) -> None:
    result = ingest(store)
    assert result.code == 2 and "PATH" in result.err


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("http://127.0.0.1:5432/", "127.0.0.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a private address"),
        ("http://10.1.2.3/berita", "10.1.2.3 is a private address"),
        ("http://192.168.1.10/berita", "192.168.1.10 is a private address"),
        ("http://[::1]:8080/berita", "::1 is a private address"),
        ("http://localhost/berita", "localhost is a private address"),
        ("file:///etc/passwd", "only http:// and https:// addresses can be fetched"),
        ("ftp://example.id/berita.txt", "only http:// and https:// addresses can be fetched"),
    ],
)
def test_url_reaches_only_public_http_addresses(store: str, address: str, says: str) -> None:
    result = ingest(store, "--url", address)
    assert result.code == 2
    [line] = result.err.strip().splitlines()
    assert line.startswith(f"humas: error: {address}: {says}")
    assert "Traceback" not in result.err


def test_a_redirect_to_a_private_address_is_refused_too(
    store: str, news_site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from adapters.news import ingest as ingest_module

    def public_then_private(url: str, *, allow_private: bool = False) -> None:
        if url.startswith("http://127.0.0.1") and "kapolres" not in url:
            return  # the first address passes as if it were public
        real_check(url, allow_private=allow_private)

    real_check = ingest_module.check_address
    monkeypatch.setattr(ingest_module, "check_address", public_then_private)
    redirect = f"{news_site}/pindah?ke=/berita/kapolres-cup.txt"
    with pytest.raises(Exception, match="private address"):
        ingest_module.fetch(redirect)
