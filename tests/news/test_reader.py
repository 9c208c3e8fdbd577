"""Reading items: bad input is refused with one clear line; metadata is separated."""

from pathlib import Path

import pytest

from adapters.news import NewsReadError, read_news, read_news_file
from adapters.news.reader import MAX_BYTES

CORPUS = Path(__file__).resolve().parents[1] / "news_corpus"


def _refused(data: bytes, source: str = "item.txt") -> str:
    with pytest.raises(NewsReadError) as info:
        read_news(data, source=source)
    message = str(info.value)
    assert "\n" not in message and message.startswith(source)
    return message


def test_empty() -> None:
    assert "empty" in _refused(b"")
    assert "empty" in _refused(b"  \n\n ")


def test_binary() -> None:
    assert "binary" in _refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_undecodable() -> None:
    # bytes that are not UTF-8 and decode to no plausible Windows-1252 text either
    assert "undecodable" in _refused(bytes([0xC3, 0x28, 0x81, 0x8D, 0x8F]) * 50)
    assert "undecodable" in _refused(bytes(range(0x80, 0xFF)) * 4)


def test_windows_1252_is_accepted_when_plausible() -> None:
    text = "SUKAMAJU - Kapolres berkata \u201cpemilu damai\u201d kepada warga, Selasa (5/12/2023)."
    item = read_news(text.encode("cp1252"), source="x.txt")
    assert "\u201cpemilu damai\u201d" in item.text


def test_too_large(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(NewsReadError, match="over the 5 MB limit"):
        read_news_file(big)
    with pytest.raises(NewsReadError, match="over the 5 MB limit"):
        read_news(b"a" * (MAX_BYTES + 1), source="-")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NewsReadError, match="cannot open"):
        read_news_file(tmp_path / "nope.txt")


def test_html_without_article() -> None:
    html = b"<html><head><title>Beranda</title></head><body><nav>Home | Daerah</nav></body></html>"
    assert "without article text" in _refused(html, "page.html")


def test_header_block() -> None:
    data = (
        b"URL: https://contoh.id/a\nTitle: Judul Berita\nOutlet: Contoh\nPublished: 2024-01-02\n\n"
        b"SUKAMAJU - Isi berita pertama.\n"
    )
    item = read_news(data, source="a.txt")
    assert (item.url, item.title, item.outlet, item.published) == (
        "https://contoh.id/a",
        "Judul Berita",
        "Contoh",
        "2024-01-02",
    )
    assert item.text == "SUKAMAJU - Isi berita pertama."
    assert len(item.content_hash) == 64


def test_text_without_header_keeps_first_paragraph() -> None:
    data = b"Foto: Istimewa\n\nSUKAMAJU - Isi berita.\n"
    item = read_news(data, source="b.txt")
    assert item.title is None and item.text.startswith("Foto: Istimewa")


def test_hash_ignores_line_endings_and_bom() -> None:
    a = read_news(b"Baris satu isi berita.\nBaris dua.", source="a.txt")
    b = read_news(b"\xef\xbb\xbfBaris satu isi berita.\r\nBaris dua.\r\n", source="b.txt")
    assert a.content_hash == b.content_hash


def test_html_metadata() -> None:
    item = read_news_file(CORPUS / "019_simulasi-teluk-damai.html")
    assert item.title == "Kericuhan di Kantor Bawaslu Teluk Damai Dipadamkan"
    assert item.outlet == "Teluk Damai Pos"
    assert item.published == "2023-11-02"
    assert item.url == "https://telukdamaipos.com/2023/11/02/kericuhan-bawaslu"
    assert item.text.startswith("TELUK DAMAI - Puluhan orang")
    assert "Berita Terkait" not in item.text and "Hak cipta" not in item.text


def test_a_page_opening_with_a_comment_is_still_read_as_html():
    page = (
        "<!-- saved from the outlet's site -->\n<html><head><title>Patroli Dialogis di Pasar"
        "</title></head><body><article><p>"
        + "Personel Polsek Belitang menggelar patroli dialogis di Pasar Gumawang. " * 5
        + "</p></article></body></html>"
    ).encode()
    item = read_news(page, source="https://kabar.example/berita/patroli")
    assert "<p>" not in item.text and "patroli dialogis" in item.text
