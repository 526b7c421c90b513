"""Controlled vocabularies: hazard level, rectification status, industry (domain.md §2, §7).

Every variant maps to a canonical value; the raw text is kept by the reader for reports.
"""

from __future__ import annotations

import re
import unicodedata
from enum import IntEnum
from typing import Literal

LegalLevel = Literal["一般", "重大"]
MAJOR: Literal["重大"] = "重大"
GENERAL: Literal["一般"] = "一般"
CLOSED, IN_PROGRESS, OPEN = "closed", "in_progress", "open"
STATUS_LABEL = {CLOSED: "已整改", IN_PROGRESS: "整改中", OPEN: "未整改"}


class VocabState(IntEnum):
    EMPTY = 0
    OK = 1
    MAPPED = 2  # a non-standard local value mapped by the configured table (warned about)
    BAD = 3


LEVELS = {
    "一般": GENERAL,
    "一般隐患": GENERAL,
    "一般事故隐患": GENERAL,
    "一般安全隐患": GENERAL,
    "一般事故": GENERAL,
    "重大": MAJOR,
    "重大隐患": MAJOR,
    "重大事故隐患": MAJOR,
    "重大安全隐患": MAJOR,
}

# Local schemes that are not the legal two levels; counties override this in anquan.toml.
DEFAULT_NONSTANDARD_LEVELS: dict[str, LegalLevel] = {
    "较大": GENERAL,
    "较大隐患": GENERAL,
    "较大事故隐患": GENERAL,
    "重点": GENERAL,
    "重点隐患": GENERAL,
    "一级重大": MAJOR,
    "二级重大": MAJOR,
    "三级重大": MAJOR,
    "一级重大隐患": MAJOR,
    "二级重大隐患": MAJOR,
    "三级重大隐患": MAJOR,
}

STATUSES = {
    **dict.fromkeys(
        (
            "已整改",
            "已完成",
            "整改完成",
            "完成",
            "已闭环",
            "闭环",
            "已销号",
            "销号",
            "已验收",
            "验收合格",
            "已整改完毕",
            "整改完毕",
            "已整改到位",
            "整改到位",
            "已落实",
            "已完成整改",
            "已治理",
            "治理完成",
            "是",
            "√",
            "✓",
            "✔",
            "已整改销号",
        ),
        CLOSED,
    ),
    **dict.fromkeys(
        (
            "整改中",
            "正在整改",
            "治理中",
            "部分整改",
            "正在治理",
            "整改进行中",
            "未完成整改(整改中)",
            "推进中",
        ),
        IN_PROGRESS,
    ),
    **dict.fromkeys(
        ("未整改", "待整改", "未完成", "否", "×", "✗", "✘", "x", "未闭环", "未销号", "未治理", "尚未整改"),
        OPEN,
    ),
}

INDUSTRIES = (
    "危险化学品",
    "煤矿",
    "非煤矿山",
    "烟花爆竹",
    "民爆物品",
    "工贸",
    "建筑施工",
    "城镇燃气",
    "道路运输",
    "水上交通",
    "消防",
    "特种设备",
    "电力",
    "油气管道",
    "农业机械",
    "渔业船舶",
    "水利",
    "文化旅游",
    "教育",
    "卫生健康",
    "养老机构",
    "其他",
)
INDUSTRY_SYNONYMS = {
    "危化": "危险化学品",
    "危化品": "危险化学品",
    "燃气": "城镇燃气",
    "交通运输": "道路运输",
    "学校": "教育",
    **dict.fromkeys(("冶金", "有色", "建材", "机械", "轻工", "纺织", "烟草", "商贸", "工贸行业"), "工贸"),
}

_PAREN_TAIL = re.compile(r"\(.*\)$")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def map_level(text: str, nonstandard: dict[str, str]) -> tuple[str | None, VocabState]:
    key = _key(text)
    if key in LEVELS:
        return LEVELS[key], VocabState.OK
    if key in nonstandard:
        return nonstandard[key], VocabState.MAPPED
    return None, VocabState.BAD


def map_status(text: str, extra: dict[str, str]) -> tuple[str | None, VocabState]:
    key = _key(text)
    for candidate in (key, _PAREN_TAIL.sub("", key)):  # 已整改(2026.9.5)
        if candidate in extra:
            return extra[candidate], VocabState.OK
        if candidate in STATUSES:
            return STATUSES[candidate], VocabState.OK
    return None, VocabState.BAD


def canonical_industry(text: str) -> str:
    key = _key(text)
    return INDUSTRY_SYNONYMS.get(key, key)


# --- 全员安全生产责任清单: the five tiers of responsibility (domain.md §4) -----------------------

PRINCIPAL, DEPUTY, DEPARTMENT, TEAM, STAFF = "主要负责人", "分管负责人", "部门负责人", "班组长", "岗位人员"
TIERS = (PRINCIPAL, DEPUTY, DEPARTMENT, TEAM, STAFF)

TIER_WORDS = {
    **dict.fromkeys(
        (
            "主要负责人",
            "第一责任人",
            "法定代表人",
            "实际控制人",
            "董事长",
            "总经理",
            "法人",
            "法人代表",
            "企业负责人",
            "单位负责人",
        ),
        PRINCIPAL,
    ),
    **dict.fromkeys(
        (
            "分管负责人",
            "其他负责人",
            "安全总监",
            "分管领导",
            "副总经理",
            "分管安全负责人",
            "技术负责人",
            "总工程师",
            "班子成员",
        ),
        DEPUTY,
    ),
    **dict.fromkeys(
        (
            "部门负责人",
            "车间负责人",
            "部门(车间)负责人",
            "部门/车间负责人",
            "部门、车间负责人",
            "车间主任",
            "科室负责人",
            "部门经理",
            "中层管理人员",
            "管理人员",
        ),
        DEPARTMENT,
    ),
    **dict.fromkeys(("班组长", "班长", "组长", "工段长", "班组负责人"), TEAM),
    **dict.fromkeys(
        ("岗位人员", "从业人员", "员工", "职工", "一般员工", "岗位员工", "操作人员", "作业人员"), STAFF
    ),
}

# Keywords in a post (岗位) that tell its tier when the list has no 层级 column. The longest keyword
# found wins, so 副总经理 (deputy) beats 总经理 (principal). Counties extend this in anquan.toml.
DEFAULT_TIER_KEYWORDS: dict[str, tuple[str, ...]] = {
    PRINCIPAL: (
        "法定代表人",
        "实际控制人",
        "董事长",
        "总经理",
        "法人",
        "厂长",
        "主要负责人",
        "第一责任人",
        "院长",
        "校长",
    ),
    DEPUTY: (
        "副总经理",
        "副总",
        "副厂长",
        "副院长",
        "副校长",
        "安全总监",
        "总工程师",
        "总工",
        "分管",
        "技术负责人",
    ),
    DEPARTMENT: ("主任", "部长", "经理", "科长", "部门负责人", "车间负责人", "所长", "站长", "队长"),
    TEAM: ("班组长", "班长", "组长", "工段长", "领班"),
    STAFF: (
        "操作工",
        "员工",
        "职工",
        "司机",
        "电工",
        "焊工",
        "保管员",
        "仓管员",
        "安全员",
        "岗位",
        "工人",
        "技术员",
    ),
}


def map_tier(text: str) -> tuple[str | None, VocabState]:
    key = _key(text)
    if key in TIER_WORDS:
        return TIER_WORDS[key], VocabState.OK
    for candidate in (_PAREN_TAIL.sub("", key), *re.split(r"[、,/;(]", key)):  # 主要负责人（法定代表人）
        if candidate in TIER_WORDS:
            return TIER_WORDS[candidate], VocabState.OK
    return None, VocabState.BAD


def infer_tier(post: str, keywords: dict[str, tuple[str, ...]]) -> str | None:
    """The tier a post implies (总经理 → 主要负责人, 车间主任 → 部门负责人), or None."""
    key = _key(post)
    best, best_len = None, 0
    for tier, words in keywords.items():
        for word in words:
            if len(word) > best_len and word in key:
                best, best_len = tier, len(word)
    return best
