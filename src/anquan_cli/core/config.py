"""anquan.toml as a pydantic model with built-in defaults (a neutral example county).

Every threshold of domain.md lives here so counties can differ. A wrong key or value becomes one
Chinese line naming the key (exit 2), never a pydantic trace.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from anquan_cli.core.criteria import Criterion, Table, load_table
from anquan_cli.core.errors import AnquanError
from anquan_cli.core.vocab import DEFAULT_NONSTANDARD_LEVELS, DEFAULT_TIER_KEYWORDS

__all__ = ["DEFAULT_CONFIG_NAME", "Config", "config_file", "load_config"]

DEFAULT_CONFIG_NAME = "anquan.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class County(_Section):
    name: str = "示例县"
    office: str = "示例县安全生产委员会办公室"
    doc_prefix: str = "示例安办函"  # 发文字号: 示例安办函〔2026〕3号
    # 抄送 of every letter and the 通报 (the town concerned is added to letters sent to enterprises)
    cc: list[str] = Field(default_factory=lambda: ["县应急管理局"])
    # How letters address a town: 青石镇 → 青石镇人民政府; overrides per town
    town_recipients: dict[str, str] = Field(default_factory=dict)


class Document(_Section):
    """GB/T 9704-2012 page and type; counties that deviate change these (mm, pt, font names)."""

    def title_width(self) -> float:
        """Characters of the title font on one line of the text block (20 at 2号 in 156 mm)."""
        return (210 - self.left_mm - self.right_mm) / (self.title_pt * 25.4 / 72)

    top_mm: float = Field(37.0, ge=5, le=80)
    bottom_mm: float = Field(35.0, ge=5, le=80)
    left_mm: float = Field(28.0, ge=5, le=80)
    right_mm: float = Field(26.0, ge=5, le=80)
    body_font: str = "仿宋_GB2312"
    title_font: str = "方正小标宋简体"
    heading1_font: str = "黑体"
    heading2_font: str = "楷体_GB2312"
    page_number_font: str = "宋体"
    body_pt: float = Field(16.0, ge=8, le=30)
    title_pt: float = Field(22.0, ge=8, le=40)
    line_pt: float = Field(28.95, ge=10, le=60)
    annex_table_pt: float = Field(10.5, ge=6, le=16)  # tables of a landscape annex (五号)
    templates: str | None = None  # a folder of customised templates (see `anquan init`)


class Reminder(_Section):
    topic: str
    text: str


class Letters(_Section):
    warning_min_hazards: int = Field(
        10, ge=1
    )  # 警示函: this many hazards in the month, or a repeat group ...
    # ... and at least one overdue hazard (the county plan's wording: many or recurring, and not rectified)
    supervision_overdue_threshold: int = Field(10, ge=0)  # 督办函: a town with more overdue hazards than this
    report_back_working_days: int = Field(10, ge=1, le=60)
    # What a 警示函 orders for the enterprise's overdue 重大事故隐患 (every such enterprise gets one): the
    # county plan's 停产整顿 without exception; a county may cite its own wording.
    major_overdue_order: str = "依法责令停产停业整顿"
    # 发文登记簿; default: one per 发文字号 prefix and year beside anquan.toml (or in the user's data
    # folder), never one per output folder. A relative path is taken from anquan.toml's folder.
    register_path: str | None = None
    reminder_recipient: str = "各镇（街道）、县安委会各成员单位"
    # 提醒函 calendar: month number → season name and the risks to remind of
    seasons: dict[str, str] = Field(default_factory=dict)
    calendar: dict[str, list[Reminder]] = Field(default_factory=dict)


class Brief(_Section):
    recipient: str = "各镇（街道），县安委会各成员单位"
    # 版头: 简报 (its name, the issue 2026年第10期, the office and date over a red line) or 文件 (the
    # office's name + 文件, a 发文字号 from the 发文登记簿 of doc_prefix, a red line)
    head: Literal["简报", "文件"] = "简报"
    bulletin: str = "安全生产工作简报"
    doc_prefix: str = ""  # 文件: 发文字号 prefix; "" = county.doc_prefix with 函 made 发 (示例安办发)
    overdue_top: int = Field(10, ge=0, le=100)  # overdue hazards listed in the body
    annex_max: int = Field(
        300, ge=0, le=100_000
    )  # rows of the 附件 list; beyond it, the xlsx list has them all
    repeats_max: int = Field(
        300, ge=0, le=100_000
    )  # 屡查屡有 groups listed in the body (most often found first); the xlsx list has them all
    next_steps: list[str] = Field(
        default_factory=lambda: [
            "强化隐患闭环管理。各镇（街道）要对逾期未整改隐患逐项建立销号台账，明确责任人和完成时限，整改一项、验收一项、销号一项。",
            "严格重大隐患挂牌督办。对重大事故隐患一律挂牌督办，逾期未整改的依法责令停产整顿，整改验收合格前不得恢复生产。",
            "深挖屡查屡有问题根源。对同类问题反复出现的企业，督促其深入分析原因、举一反三，必要时约谈企业主要负责人。",
            "提高台账报送质量。各镇（街道）要按统一模板报送隐患排查治理台账，确保信息真实、完整、规范，按时报送。",
        ]
    )


class Validation(_Section):
    header_scan_rows: int = Field(30, ge=5, le=200)
    min_year: int = Field(2000, ge=1950, le=2100)
    max_year: int = Field(2100, ge=2000, le=2200)
    # Local level schemes (较大, A–D, 1–6 …) mapped to the two legal levels, each use warned about.
    level_map: dict[str, Literal["一般", "重大"]] = Field(
        default_factory=lambda: dict(DEFAULT_NONSTANDARD_LEVELS)
    )
    # Extra status words a county uses, mapped to the three classes.
    status_map: dict[str, Literal["已整改", "整改中", "未整改"]] = Field(default_factory=dict)

    @field_validator("level_map", "status_map")
    @classmethod
    def _keys_normalised(cls, value: dict[str, str]) -> dict[str, str]:
        import unicodedata

        return {"".join(unicodedata.normalize("NFKC", k).split()): v for k, v in value.items()}


TierName = Literal["主要负责人", "分管负责人", "部门负责人", "班组长", "岗位人员"]
Strictness = Literal["error", "warning", "off"]


def _required_tiers() -> dict[TierName, Strictness]:
    return {"分管负责人": "warning", "部门负责人": "warning", "班组长": "warning", "岗位人员": "error"}


class Responsibility(_Section):
    # How strictly each tier below 主要负责人 is required (small units may lack the middle ones).
    required_tiers: dict[TierName, Strictness] = Field(default_factory=_required_tiers)
    # Keywords in 岗位 that tell the tier when a list has no 层级 column; replaces the default per tier.
    tier_keywords: dict[TierName, list[str]] = Field(default_factory=dict)
    min_duty_chars: int = Field(15, ge=0, le=500)
    copy_paste_posts: int = Field(3, ge=2, le=50)  # the same duty on this many different posts is copy-paste

    def keywords(self) -> dict[str, tuple[str, ...]]:
        return {**DEFAULT_TIER_KEYWORDS, **{k: tuple(v) for k, v in self.tier_keywords.items()}}


class Analysis(_Section):
    due_within_days: int = Field(7, ge=0, le=365)  # 即将到期: due within this many days
    repeat_window_days: int = Field(365, ge=1, le=3660)  # 屡查屡有: found again within this window
    similarity_threshold: float = Field(75, ge=0, le=100)  # descriptions matching no topic: rapidfuzz ratio
    # Rows with validation errors stay out of every figure (and are counted); False keeps every row whose
    # needed fields (enterprise, 排查日期, 整改状态, 隐患等级) are usable.
    exclude_rows_with_errors: bool = True
    # Hazard topics and their keywords, in priority order; when given, replaces the built-in dictionary.
    topics: dict[str, list[str]] = Field(default_factory=dict)


class Limits(_Section):
    """What a real ledger never needs; beyond it a file is treated as broken or hostile (a zip bomb),
    not read. The reader takes this section as it is."""

    max_part_mb: int = Field(200, ge=1, le=100_000)  # one unpacked part (a sheet's XML)
    max_total_mb: int = Field(1024, ge=1, le=1_000_000)  # all unpacked parts together
    max_ratio: int = Field(200, ge=10, le=100_000)  # unpacked / packed, for parts above 20 MB
    max_text_mb: int = Field(500, ge=1, le=100_000)  # a CSV file
    # rows × columns of one sheet's used range (a parser allocates all of it)
    max_cells: int = Field(30_000_000, ge=1000)


# The high-risk industries (高危行业) both [coverage] and [mechanisms] start from.
HIGH_RISK_INDUSTRIES = ("危险化学品", "煤矿", "非煤矿山", "烟花爆竹", "民爆物品", "城镇燃气", "建筑施工")


class Coverage(_Section):
    """应查未查 (issue 19): how often each enterprise on the roster must be inspected."""

    months: int = Field(3, ge=1, le=12)  # every enterprise at least once in this many months (a quarter)
    high_risk_months: int = Field(1, ge=1, le=12)  # high-risk ones: every month
    high_risk_industries: list[str] = Field(default_factory=lambda: list(HIGH_RISK_INDUSTRIES))
    # statuses whose enterprises must be inspected (a stopped plant too); 关闭 / 注销 never are
    inspect_statuses: list[Literal["在营", "停产", "停业"]] = ["在营", "停产", "停业"]
    rate_floor: float = Field(100.0, ge=0, le=100)  # the 通报 names towns whose coverage is below this (%)
    supervision_floor: float | None = Field(None, ge=0, le=100)  # a 督办函 below this (%); None: none sent


class Major(_Section):
    """重大事故隐患 (issue 20): the criteria table and the 五落实 of a 重大 hazard."""

    # Rows with no (or no recognisable) 行业领域 are compared with the criteria of these industries.
    default_industries: list[str] = Field(default_factory=lambda: ["工贸"])
    disable: list[str] = Field(default_factory=list)  # criteria ids switched off
    # More criteria, or a criterion replaced by its id: inline, or a TOML file in criteria.toml's format
    # (a relative path is taken from anquan.toml's folder).
    criteria: list[Criterion] = Field(default_factory=list)
    criteria_file: str | None = None
    _table: Table | None = PrivateAttr(None)

    def table(self) -> Table:
        """Loaded on first use, once per configuration."""
        if self._table is None:
            files = [Path(self.criteria_file)] if self.criteria_file else []
            self._table = load_table(self.criteria, disable=self.disable, files=files)
        return self._table


Category = Literal["主要负责人", "安全生产管理人员", "特种作业人员", "其他从业人员"]


def _yearly_hours() -> dict[Category, list[float]]:
    # 生产经营单位安全培训规定: 主要负责人 and 安全生产管理人员 12 h a year (high-risk 16 h); the other
    # workers of a high-risk unit 20 h; 0 = no yearly minimum.
    return {
        "主要负责人": [12, 16],
        "安全生产管理人员": [12, 16],
        "特种作业人员": [0, 0],
        "其他从业人员": [0, 20],
    }


class Mechanisms(_Section):
    """长效机制 ledgers (issue 21; domain.md §8): 应急演练, 安全培训和持证, 安全监管力量."""

    # Units of these industries drill every half year and train longer (应急管理部令第2号 第三十三条).
    # 金属冶炼 too (domain.md §8), beside the industries inspected monthly.
    high_risk_industries: list[str] = Field(default_factory=lambda: [*HIGH_RISK_INDUSTRIES, "冶金", "有色"])
    # 开工“第一课”: held within this many working days of the first working day after 春节 ...
    first_lesson_working_days: int = Field(5, ge=0, le=60)
    # ... which is 初八 (or the next weekday); a year's official date, when it differs: {"2024" = 2024-02-18}
    first_working_day: dict[str, dt.date] = Field(default_factory=dict)
    # yearly training hours by category: [ordinary unit, high-risk unit]
    yearly_hours: dict[Category, list[float]] = Field(default_factory=_yearly_hours)
    special_review_years: int = Field(3, ge=1, le=10)  # 特种作业操作证 复审
    town_min_fulltime: int = Field(7, ge=0, le=100)  # 专职安全监管人员: a town (街道, 开发区) at least
    dept_min_fulltime: int = Field(3, ge=0, le=100)  # a department at least
    professional_share: float = Field(75.0, ge=0, le=100)  # % of them with a professional background


class Config(_Section):
    county: County = County()
    # Empty lists mean "not configured": the town/industry membership checks only run when listed.
    towns: list[str] = Field(default_factory=list)
    departments: list[str] = Field(default_factory=list)
    industries: list[str] = Field(default_factory=list)
    validation: Validation = Validation()
    responsibility: Responsibility = Responsibility()
    analysis: Analysis = Analysis()
    document: Document = Document()
    letters: Letters = Letters()
    brief: Brief = Brief()
    coverage: Coverage = Coverage()
    major: Major = Major()
    mechanisms: Mechanisms = Mechanisms()
    limits: Limits = Limits()
    source: str | None = Field(None, exclude=True)


_REASONS = {
    "extra_forbidden": "没有这个配置项（请检查拼写）",
    "missing": "缺少必填项",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "string_type": "应为文字",
    "list_type": '应为列表，如 ["青石镇", "柳河镇"]',
    "dict_type": "应为表（键 = 值）",
    "literal_error": "取值不在允许范围内",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "model_type": "应为一个配置节（[节名]）",
}


def config_file(path: Path | None) -> Path | None:
    """The path given, else ./anquan.toml when present, else None (the built-in defaults)."""
    if path is not None:
        return path
    candidate = Path.cwd() / DEFAULT_CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_config(path: Path | None) -> Config:
    """Explicit path, else ./anquan.toml when present, else the built-in defaults."""
    path = config_file(path)
    if path is None:
        return Config()
    if not path.is_file():
        raise AnquanError("config-not-found", path=path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_of(str(exc))
        raise AnquanError("config-syntax", path=path, line=line, reason=str(exc).split(" (at")[0]) from exc
    except UnicodeDecodeError as exc:
        raise AnquanError("config-syntax", path=path, line=1, reason="文件应为 UTF-8 编码") from exc
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        reason = _REASONS.get(err["type"], err["msg"])
        raise AnquanError("config-invalid", path=path, key=key, reason=reason) from exc
    templates = config.document.templates
    if templates and not Path(templates).is_absolute():  # relative to the config file, not the cwd
        document = config.document.model_copy(update={"templates": str(path.parent / templates)})
        config = config.model_copy(update={"document": document})
    criteria_file = config.major.criteria_file
    if criteria_file and not Path(criteria_file).is_absolute():
        major = config.major.model_copy(update={"criteria_file": str(path.parent / criteria_file)})
        config = config.model_copy(update={"major": major})
    return config.model_copy(update={"source": str(path)})


def _line_of(text: str) -> str:
    import re

    m = re.search(r"line (\d+)", text)
    return m.group(1) if m else "?"
