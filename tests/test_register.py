"""One 发文登记簿 per issuing office and year: numbers never start again in another output folder; an
earlier per-folder register is read once; a dry run writes nothing."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from anquan_cli.cli import app
from anquan_cli.core.config import load_config
from anquan_cli.jobs.letters import make_letters
from anquan_cli.jobs.register import Entry, read_register, write_register
from tests.test_documents import _letters, town_ledgers  # noqa: F401 (fixture)

runner = CliRunner()
NAME = "发文登记簿_示例安办函_2026.xlsx"


def _entry(serial: int, recipient: str, month: str = "2026-09") -> Entry:
    return Entry(
        f"示例安办函〔2026〕{serial}号", 2026, serial, "警示函", recipient, month, dt.date(2026, 10, 2)
    )


def test_beside_anquan_toml_when_the_county_has_one(town_ledgers, tmp_path, county_register):  # noqa: F811
    config_path = tmp_path / "县安委办" / "anquan.toml"
    config_path.parent.mkdir()
    config_path.write_text('[county]\ndoc_prefix = "示例安办函"\n', encoding="utf-8")
    result = make_letters(
        [town_ledgers],
        load_config(config_path),
        month="2026-10",
        out_dir=tmp_path / "函告",
        as_of=dt.date(2026, 10, 31),
        date=dt.date(2026, 11, 3),
    )
    assert result.register == config_path.parent / NAME and result.register.is_file()
    assert not list(county_register.iterdir())


def test_an_earlier_per_folder_register_is_read_once(town_ledgers, tmp_path, county_register):  # noqa: F811
    """September went out under the old per-folder numbering; October's run into that folder takes its
    numbers into the county register and goes on after them, and names a number issued twice."""
    out = tmp_path / "函告"
    out.mkdir()
    write_register(out / "发文登记簿.xlsx", [_entry(1, "甲公司"), _entry(2, "乙公司")])
    write_register(county_register / NAME, [_entry(1, "丙公司", "2026-08")])  # 1号 went to 丙 as well
    result = _letters(town_ledgers, out)
    register = read_register(result.register)
    assert [(e.serial, e.recipient) for e in register][:3] == [
        (1, "丙公司"),
        (2, "乙公司"),
        (3, "示例县华丰建材有限公司"),
    ]
    assert [e.serial for _, e, _ in result.letters] == [3, 4, 5, 6]
    assert len(result.notes) == 1 and "示例安办函〔2026〕1号" in result.notes[0]
    again = _letters(town_ledgers, out)  # read again: nothing new, same numbers
    assert [e.serial for _, e, _ in again.letters] == [3, 4, 5, 6]
    assert len(read_register(again.register)) == len(register)


def test_an_explicit_register_file_stays_possible(town_ledgers, tmp_path, county_register):  # noqa: F811
    own = tmp_path / "10月成果" / "本月发文登记簿.xlsx"
    args = ["letters", str(town_ledgers), "--month", "2026-10", "--out-dir", str(tmp_path / "函告")]
    result = runner.invoke(app, [*args, "--register", str(own), "--as-of", "2026-10-31"])
    assert result.exit_code == 0, result.output
    assert len(read_register(own)) == 4 and not list(county_register.iterdir())
    assert "本月发文登记簿.xlsx" in result.stdout.replace("\n", "")


def test_a_dry_run_writes_nothing(town_ledgers, tmp_path, county_register):  # noqa: F811
    out = tmp_path / "函告"
    args = ["letters", str(town_ledgers), "--month", "2026-10", "--out-dir", str(out), "--dry-run"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert not out.exists() and not list(county_register.iterdir())  # no folder, no register, no lock


def test_the_register_follows_the_year_of_issue(town_ledgers, tmp_path, county_register):  # noqa: F811
    december = _letters(town_ledgers, tmp_path / "a", date=dt.date(2026, 12, 30))
    january = _letters(town_ledgers, tmp_path / "b", month="2026-11", date=dt.date(2027, 1, 4))
    assert december.register.name == NAME and january.register.name == "发文登记簿_示例安办函_2027.xlsx"
    assert next(e.serial for _, e, _ in january.letters) == 1
