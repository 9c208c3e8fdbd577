"""``humas --help`` as click renders it at 80 columns, in each language; made by running
this module.

    python -m adapters.cli.root_help      # after changing the root's options or COMMANDS

tests/core/test_everyday_cli.py checks that it equals click's rendering.
"""

TEXTS: dict[str, str] = {
    "id": (
        "Penggunaan: humas [OPSI] PERINTAH [ARGUMEN]...\n"
        "\n"
        "  humas: pencatat kampanye satuan Humas kepolisian.\n"
        "\n"
        "  Setiap perintah juga bisa ditulis dengan nama bahasa Inggrisnya (operation,\n"
        "  log, report …), yang ditampilkan oleh humas --lang en --help.\n"
        "\n"
        "  Contoh:\n"
        '    humas --as "Bripka Ani" operasi plan "Operasi Mantap Brata 2023-2024" \\\n'
        "        --slug omb --start 19/10/2023 --end 20/10/2024 --days 222\n"
        '    humas --as "Bripka Ani" catat sosialisasi --title "Jumat Curhat" --on 2023-10-20\n'
        "    humas kegiatan list --from 2023-10-16 --to 2023-10-22\n"
        "\n"
        "Opsi:\n"
        "  --store STORE   Jalur berkas, sqlite:///JALUR atau\n"
        "                  postgresql://user@host:port/db[?schema=NAMA] (bawaan:\n"
        "                  $HUMAS_STORE, lalu basis data di pengaturan, lalu berkas di\n"
        "                  folder data Anda).\n"
        "  --as NAME       Siapa yang mencatat (bawaan: $HUMAS_ACTOR atau pengaturan).\n"
        "  --read-only     Buka basis data hanya untuk dibaca; tidak ada yang ditulis\n"
        "                  (perintah audit selalu begitu).\n"
        "  --lang [id|en]  Bahasa humas: id atau en (bawaan: $HUMAS_LANG, pengaturan\n"
        "                  lang, lalu locale).\n"
        "  --debug         Tampilkan traceback lengkap dari kesalahan internal.\n"
        "  --version       Tampilkan versi lalu keluar.\n"
        "  -h, --help      Tampilkan bantuan ini lalu keluar.\n"
        "\n"
        "Perintah:\n"
        "  operasi      Rencanakan dan ikuti operasi kepolisian.\n"
        "  catat        Catat kegiatan satuan.\n"
        "  kegiatan     Daftar, tampilkan, koreksi, batalkan kegiatan.\n"
        "  kejadian     Daftar dan tampilkan kejadian.\n"
        "  riwayat      Seluruh riwayat sebuah data, dalam teks terbaca.\n"
        "  impor        Masukkan berita dan laporan lapangan.\n"
        "  pemberitaan  Berita yang disimpan sebagai pemberitaan.\n"
        "  verifikasi   Yang menunggu supervisor; keputusannya.\n"
        "  personel     Anggota satuan dan perannya.\n"
        "  laporan      Laporan mingguan dan periode (Anev).\n"
        "  skema        Skema JSON berkas yang dibaca.\n"
        "  templat      Templat kosong laporan lapangan.\n"
        "  basis-data   Basis data yang dipakai: buat, periksa, bangun ulang.\n"
        "  pengaturan   Pengaturan pribadi: pelaku, basis data, bahasa.\n"
        "  demo         Rekam contoh OKU Timur di basis data baru.\n"
        "  audit        Untuk auditor: riwayat, segel, ekspor.\n"
        "  catatan      Catatan mutu data, diselesaikan supervisor.\n"
        "  satuan       Daftar satuan: satuan mana di bawah satuan mana.\n"
        "  pelengkapan  Pelengkapan perintah di shell (bash, zsh, fish).\n"
    ),
    "en": (
        "Usage: humas [OPTIONS] COMMAND [ARGS]...\n"
        "\n"
        "  humas: the campaign tracker of a police PR unit (Humas).\n"
        "\n"
        "  Every command also has an Indonesian name (operasi, catat, kegiatan, laporan\n"
        "  …), which humas --lang id --help lists.\n"
        "\n"
        "  Example:\n"
        '    humas --as "Bripka Ani" operation plan "Operasi Mantap Brata 2023-2024" \\\n'
        "        --slug omb --start 19/10/2023 --end 20/10/2024 --days 222\n"
        '    humas --as "Bripka Ani" log outreach --title "Jumat Curhat" --on 2023-10-20\n'
        "    humas activity list --from 2023-10-16 --to 2023-10-22\n"
        "\n"
        "Options:\n"
        "  --store STORE   File path, sqlite:///PATH or\n"
        "                  postgresql://user@host:port/db[?schema=NAME] (default:\n"
        "                  $HUMAS_STORE, then the configured store, then a file in your\n"
        "                  data directory).\n"
        "  --as NAME       Who is recording (default: $HUMAS_ACTOR or config).\n"
        "  --read-only     Open the store for reading only; nothing is written (audit\n"
        "                  commands always do).\n"
        "  --lang [id|en]  Language of what humas says: id or en (default: $HUMAS_LANG,\n"
        "                  the lang setting, then the locale).\n"
        "  --debug         Show the full traceback of an internal error.\n"
        "  --version       Show the version and exit.\n"
        "  -h, --help      Show this message and exit.\n"
        "\n"
        "Commands:\n"
        "  operation   Plan and follow operations (operasi).\n"
        "  log         Record an activity of the unit.\n"
        "  activity    List, show, correct, cancel activities.\n"
        "  incident    List and show incidents (kejadian).\n"
        "  history     Every event of a record, as readable text.\n"
        "  ingest      Read news items and field reports in.\n"
        "  coverage    News items kept as coverage.\n"
        "  review      What waits for a supervisor; decisions.\n"
        "  roster      The people of the unit and their roles.\n"
        "  report      Weekly and period reports (Anev).\n"
        "  schema      JSON Schemas of the files read.\n"
        "  template    Blank field-report templates.\n"
        "  store       The store in use: create, inspect, rebuild.\n"
        "  config      Personal settings: actor, store.\n"
        "  demo        Record the OKU Timur example in a new store.\n"
        "  audit       For auditors: history, seals, exports.\n"
        "  flag        Flags: doubts to see, settled by supervisors.\n"
        "  unit        The unit list: which unit stands under which.\n"
        "  completion  Shell completion (bash, zsh, fish).\n"
    ),
}


def render(lang: str) -> str:
    from click.testing import CliRunner

    from adapters.cli.main import cli

    result = CliRunner().invoke(
        cli, ["--lang", lang, "--help"], prog_name="humas", env={"COLUMNS": "80"}
    )
    return result.output


if __name__ == "__main__":
    from pathlib import Path

    path = Path(__file__)
    source = path.read_text(encoding="utf-8")
    start = source.index("TEXTS: dict")
    end = source.index("\n\n\ndef render")
    texts = "".join(
        f"    {lang!r}: (\n"
        + "".join(f"        {line!r}\n" for line in render(lang).splitlines(keepends=True))
        + "    ),\n"
        for lang in ("id", "en")
    )
    text = f"TEXTS: dict[str, str] = {{\n{texts}}}"
    path.write_text(source[:start] + text + source[end:], encoding="utf-8")
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "ruff", "format", str(path)], check=False)
