"""Controlled vocabularies: hazard level, rectification status, industry (domain.md §2, §7).

Every variant maps to a canonical value; the raw text is kept by the reader for reports.
"""

from __future__ import annotations

import re
import unicodedata
from enum import IntEnum
from typing import Literal

from anquan_cli.core.dates import DATE_IN_TEXT

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
            "已",
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
        (
            "未整改",
            "待整改",
            "未完成",
            "否",
            "未",
            "×",
            "✗",
            "✘",
            "x",
            "未闭环",
            "未销号",
            "未治理",
            "尚未整改",
        ),
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
# 工贸's subsectors (domain.md §7): folded into 工贸, unless the county's industry list names any of
# them, and then every one is kept (a county counts 工贸 as a whole or by subsector, never both).
GONGMAO_SUBSECTORS = frozenset(("冶金", "有色", "建材", "机械", "轻工", "纺织", "烟草", "商贸"))
INDUSTRY_SYNONYMS = {
    "危化": "危险化学品",
    "危化品": "危险化学品",
    "燃气": "城镇燃气",
    "交通运输": "道路运输",
    "学校": "教育",
    "工贸行业": "工贸",
    "有色金属": "有色",
    "商贸流通": "商贸",
}
_BRACKETED = re.compile(r"(.+?)\((.+)\)")

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
    """A status cell's class: the exact words first (the county's own, then ours), then the prose's
    leading verb phrase ("已于9月20日整改完毕", "整改中（已制定方案）"). Unclassifiable text is BAD."""
    key = _key(text)
    for candidate in (key, _PAREN_TAIL.sub("", key)):  # 已整改(2026.9.5)
        if candidate in extra:
            return extra[candidate], VocabState.OK
        if candidate in STATUSES:
            return STATUSES[candidate], VocabState.OK
    status = classify_status_prose(key)
    return (status, VocabState.OK) if status else (None, VocabState.BAD)


# Prose is read clause by clause (NFKC has made ，；（ into ,;( ), by how each clause begins; the first
# clause that says something decides ("已制定方案，正在整改" is in progress). Negation is tried first,
# so a clause opening with 未 never reads as done.
_CLAUSES = re.compile(r"[,;。、()\[\]【】:!?]+")
_DATE = rf"(?:{DATE_IN_TEXT})"
_OPEN_VERBS = "整改|完成|治理|销号|落实|闭环|处理|整治|消除"
_DONE_VERBS = "整改|完成|治理|销号|验收|落实|闭环|处理|整治|消除|排除|修复"
_OPEN = re.compile(
    rf"^(?:(?:整改|治理)(?:工作)?)?(?:尚未|暂未|仍未|还未|均未|未能|未|还没有|没有|没|暂无法|无法|不能|待)"
    rf".{{0,4}}?(?:{_OPEN_VERBS})"
)
_IN_PROGRESS = re.compile(
    rf"^(?:(?:已经?|已于{_DATE})?(?:部分|基本|逐步|分阶段|开始)|正在|持续|在(?:整改|治理)|(?:{_DATE})?(?:整改|治理|处理|施工|维修)"
    rf"(?:工作)?(?:正在)?(?:进行)?(?:中|当中)|(?:进行|推进|实施)中)"
)
_PARTLY = re.compile(r"部分|基本")
_DONE = re.compile(
    rf"^(?:(?:{_DATE})?(?:已经?|均已|全部|现已)(?:于?{_DATE}前?)?(?:全部|按期|按时|如期|彻底|逾期)?(?:{_DONE_VERBS})"
    rf"|(?:于?{_DATE}前?)?(?:已经?)?(?:全部|按期|按时|如期|彻底|逾期)?(?:整改|治理|处理|整治)(?:已经?)?"
    rf"(?:完毕|到位|完成|结束|合格|销号)"
    rf"|(?:于?{_DATE})?完成(?:整改|治理)|(?:复查|验收|复核)(?:合格|通过))"
)
# Words that undo a "done" opening later in the clause: 已整改方案 is a plan, 已整改部分 is partial.
_NOT_DONE = re.compile(r"未|不|没|待|正在|中|部分|基本|方案|计划|通知|拟|将")


def classify_status_prose(key: str) -> str | None:
    """CLOSED, IN_PROGRESS, OPEN or None for status prose (NFKC, spaces removed)."""
    for clause in _CLAUSES.split(key)[:3]:
        if not clause:
            continue
        if _OPEN.match(clause):
            return OPEN
        if _IN_PROGRESS.match(clause):
            return IN_PROGRESS
        m = _DONE.match(clause)
        if m:
            if _PARTLY.search(clause):
                return IN_PROGRESS
            if not _NOT_DONE.search(clause[m.end() :]):
                return CLOSED
    return None


def subsectors_kept(industries) -> bool:
    """Whether the county's industry list counts 工贸 by subsector."""
    return any(_one_industry(_key(i), True) in GONGMAO_SUBSECTORS for i in industries)


def canonical_industry(text: str, keep_subsectors: bool = False) -> str:
    """One name per industry: synonyms mapped (危化 → 危险化学品), 工贸's subsectors folded or kept as the
    county counts them, "工贸（机械）" read as its subsector, and brackets full-width as Chinese text
    writes them (NFKC made them half-width)."""
    key = _key(text)
    m = _BRACKETED.fullmatch(key)
    if m:
        outer, inner = (_one_industry(part, keep_subsectors) for part in m.groups())
        if m.group(1) in ("工贸", "工贸行业") and _one_industry(m.group(2), True) in GONGMAO_SUBSECTORS:
            return inner  # 工贸（机械）: the subsector, folded back to 工贸 unless kept
        for name in (outer, inner):
            if name in INDUSTRIES or name in GONGMAO_SUBSECTORS:
                return name
    return _one_industry(key, keep_subsectors).replace("(", "（").replace(")", "）")


def _one_industry(key: str, keep_subsectors: bool) -> str:
    key = INDUSTRY_SYNONYMS.get(key, key)
    if key in GONGMAO_SUBSECTORS and not keep_subsectors:
        return "工贸"
    return key


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


# --- 生产经营单位底数: an enterprise's 状态 and 是否高危 (domain.md §10) ---------------------------

WORKING, STOPPED, SUSPENDED, CLOSED_DOWN, DEREGISTERED = "在营", "停产", "停业", "关闭", "注销"
ROSTER_STATUSES = {
    **dict.fromkeys(
        (
            "在营",
            "正常",
            "存续",
            "在业",
            "营业",
            "开业",
            "正常经营",
            "正常生产",
            "生产",
            "经营",
            "运营",
            "在产",
            "生产经营",
        ),
        WORKING,
    ),
    **dict.fromkeys(
        ("停产", "停产整顿", "停产整改", "停产检修", "半停产", "季节性停产", "临时停产"), STOPPED
    ),
    **dict.fromkeys(("停业", "歇业", "暂停营业", "停业整顿", "暂停经营"), SUSPENDED),
    **dict.fromkeys(
        ("关闭", "关停", "取缔", "已关闭", "关停取缔", "已关停", "拆除", "已拆除", "倒闭"), CLOSED_DOWN
    ),
    **dict.fromkeys(("注销", "已注销", "吊销", "已吊销", "注吊销", "迁出", "已迁出"), DEREGISTERED),
}
_HIGH_RISK_YES = frozenset(
    ("是", "高危", "√", "Y", "YES", "高", "重大", "重大风险", "较大", "较大风险", "红", "橙", "红色", "橙色")
)
_HIGH_RISK_NO = frozenset(
    ("否", "非高危", "×", "N", "NO", "不是", "一般", "一般风险", "低", "低风险", "黄", "蓝", "黄色", "蓝色")
)


def roster_status(text: str) -> str | None:
    """在营 / 停产 / 停业 / 关闭 / 注销, or None when the words say none of them."""
    key = _key(text)
    return ROSTER_STATUSES.get(key) or ROSTER_STATUSES.get(_PAREN_TAIL.sub("", key))


def high_risk(text: str) -> bool | None:
    """是否高危 as written (是/否), or as a 风险等级 (重大、较大 = 红、橙 are high; 一般、低 = 黄、蓝 are not);
    None when it says neither."""
    key = _key(text).upper().removesuffix("企业")
    if key in _HIGH_RISK_YES:
        return True
    if key in _HIGH_RISK_NO:
        return False
    return None


# --- 应急演练 (drill records, domain.md §8) ---------------------------------------------------
COMPREHENSIVE, SPECIAL, ONSITE = "综合", "专项", "现场处置"
_DRILL_TYPE_WORDS = (
    (ONSITE, ("现场处置", "处置方案", "岗位处置", "现场应急处置")),
    (COMPREHENSIVE, ("综合",)),
    (SPECIAL, ("专项",)),
)


def drill_type(text: str) -> str | None:
    """综合 / 专项 / 现场处置 from 类型 as written (综合应急预案演练, 专项演练, 现场处置方案演练 …); None
    when it names none (a form such as 桌面演练 is not a type)."""
    key = _key(text)
    for name, words in _DRILL_TYPE_WORDS:
        if any(w in key for w in words):
            return name
    return None


# --- 安全监管力量 (staffing, domain.md §8) ------------------------------------------------------
_FULLTIME_YES = frozenset(("专职", "是", "专", "全职", "专职人员", "√", "Y", "YES"))
_FULLTIME_NO = frozenset(("兼职", "否", "兼", "不是", "兼职人员", "×", "N", "NO"))
# 专业背景 as written when there is none (empty cells, / and 无 are already empty when read).
_NO_BACKGROUND = frozenset(
    ("否", "无", "没有", "不是", "不具备", "不具有", "非专业", "无专业", "×", "N", "NO", "其他", "其它")
)
_NO_BACKGROUND_STARTS = ("无相关", "非相关", "无专业", "非专业", "不具", "没有")
_YES_BACKGROUND = frozenset(("是", "有", "具备", "具有", "√", "Y", "YES"))
# A 学历 alone names no 专业: 本科 says how long one studied, not what. Longest first.
_DEGREES = re.compile(
    r"博士研究生|硕士研究生|研究生|博士|硕士|学士|大学本科|本科|大学|大专|专科|中专|中技|技校|职高|高中|初中|"
    r"学历|学位|毕业|专业|[/、,;()\-\s及和]"
)
# How a town's (or a 街道's, a 开发区's) name ends; anything else is a department (县住建局, 县消防救援大队).
TOWN_SUFFIXES = (
    "镇",
    "乡",
    "街道",
    "街道办事处",
    "街道办",
    "开发区",
    "高新区",
    "园区",
    "管委会",
    "管理委员会",
    "度假区",
    "示范区",
    "新区",
)
# Words after a town's name that say which body of the town, not which town: 青石镇人民政府, 东湖街道办事处
# and 示例经济开发区管委会 are 青石镇, 东湖街道 and 示例经济开发区.
_UNIT_TAILS = ("人民政府", "政府", "办事处", "管委会", "管理委员会")


def fulltime(text: str) -> bool | None:
    """专职 (True) or 兼职 (False), as 专职/兼职 or 是否专职 says; None when it says neither."""
    key = _PAREN_TAIL.sub("", _key(text).upper()) or _key(text).upper()
    if key in _FULLTIME_YES:
        return True
    if key in _FULLTIME_NO:
        return False
    if key.startswith("专职") and "兼" not in key:
        return True
    if key.startswith("兼职") and "专职" not in key:
        return False
    return None


def professional_background(text: str | None) -> bool:
    """Whether 专业背景 says the person has one: a named 专业 (安全工程, 化学工程, 机械) or 是. Empty, 否,
    无, 没有 and a 学历 alone (本科, 大专) say no."""
    if text is None:
        return False
    key = _key(text).upper()
    head = _PAREN_TAIL.sub("", key)  # 是（安全工程）, 否（行政管理）: the answer comes first
    if key in _NO_BACKGROUND or head in _NO_BACKGROUND or key.startswith(_NO_BACKGROUND_STARTS):
        return False
    if key in _YES_BACKGROUND or head in _YES_BACKGROUND:
        return True
    return bool(_DEGREES.sub("", key))


def unit_key(key: str) -> str:
    """A supervising unit as grouped and looked up: a town's name_key without the body's name
    (青石镇人民政府 = 青石镇); a department's (县人民政府办公室) as it is."""
    for tail in _UNIT_TAILS:
        if key.endswith(tail) and town_by_name(key[: -len(tail)]):
            return key[: -len(tail)]
    return key


def town_by_name(key: str) -> bool:
    """Whether a unit (its unit_key) is by its name a town, a 街道 or a 开发区 rather than a department."""
    return key.endswith(TOWN_SUFFIXES)


# --- 安全培训档案: 岗位类别 and 考核结果 (training, domain.md §8) ---------------------------------
# The four categories of 生产经营单位安全培训规定, spelled as config.Mechanisms.yearly_hours' keys.
SAFETY_MANAGER, SPECIAL_WORKER, OTHER_WORKER = "安全生产管理人员", "特种作业人员", "其他从业人员"
TRAINING_CATEGORIES = (PRINCIPAL, SAFETY_MANAGER, SPECIAL_WORKER, OTHER_WORKER)
# Words a 岗位类别 cell holds (archives also write the post itself: 总经理, 安全员, 电工), per category.
# The longest word found wins, so 特种作业人员 beats 作业人员 and 副总经理 (None: a deputy is no category
# of its own) beats 总经理; on equal length the earlier category wins (分管安全副总经理 is a manager).
# 特种设备作业人员 (叉车司机, 司炉工) hold a 市场监管 certificate, not a 特种作业操作证: 其他从业人员 here.
_CATEGORY_WORDS: dict[str | None, tuple[str, ...]] = {
    PRINCIPAL: (
        "主要负责人",
        "法定代表人",
        "法人代表",
        "法人",
        "实际控制人",
        "董事长",
        "总经理",
        "厂长",
        "矿长",
        "企业负责人",
        "单位负责人",
        "第一责任人",
    ),
    SAFETY_MANAGER: (
        "安全生产管理人员",
        "安全管理人员",
        "安全生产管理",
        "安全管理",
        "安全员",
        "安全总监",
        "安全主任",
        "安全主管",
        "安全科长",
        "安全部长",
        "安全经理",
        "安全负责人",
        "安全工程师",
        "分管安全",
        "安环",
    ),
    SPECIAL_WORKER: (
        "特种作业人员",
        "特种作业",
        "特殊工种",
        "特种工",
        "电工",
        "焊工",
        "电焊",
        "气焊",
        "焊接",
        "热切割",
        "高处作业",
        "高空作业",
        "登高架设",
        "架子工",
        "制冷与空调",
    ),
    OTHER_WORKER: (
        "其他从业人员",
        "一般从业人员",
        "从业人员",
        "其他人员",
        "员工",
        "职工",
        "新入职",
        "新上岗",
        "转岗",
        "操作工",
        "操作人员",
        "作业人员",
        "岗位人员",
        "工人",
        "班组长",
        "临时工",
        "劳务派遣",
        "实习生",
    ),
    None: ("副总经理", "副总", "副厂长", "副经理", "副矿长"),
}


def training_category(text: str) -> str | None:
    """主要负责人 / 安全生产管理人员 / 特种作业人员 / 其他从业人员 as a 岗位类别 cell says, or None."""
    key = _key(text)
    best, best_len = None, 0
    for category, words in _CATEGORY_WORDS.items():
        for word in words:
            if len(word) > best_len and word in key:
                best, best_len = category, len(word)
    return best


# Failure words are looked for first: 不合格 contains 合格, 未通过 contains 通过.
_FAILED_WORDS = ("不合格", "不及格", "未通过", "没通过", "不通过", "未合格", "未取证")
_PASSED_WORDS = ("合格", "及格", "通过", "优秀", "良好", "取证")


def training_passed(text: str) -> bool | None:
    """考核结果: True for 合格 (及格, 通过 …), False for 不合格 (不及格, 未通过 …), None for anything else
    (a bare score: the pass mark differs by exam, so 85 is not judged)."""
    key = _key(text).upper()
    if any(w in key for w in _FAILED_WORDS) or key in ("否", "×", "N"):
        return False
    if any(w in key for w in _PASSED_WORDS) or key in ("是", "√", "Y"):
        return True
    return None
