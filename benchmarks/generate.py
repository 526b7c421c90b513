"""Seeded benchmark ledgers: one big county ledger and a folder of town files, like real submissions.

Title row, header, shared strings (xlsxwriter writes them as Excel and WPS do), valid credit codes, and
about 1 % of cells with a realistic mistake so that validation and marked-up copies have work to do.

The text is as varied as a real county's: thousands of enterprises (each with its own credit code) and
owners, descriptions composed from a place, the problem and a detail (a count, a size, a date), so that
a tool which cleans each distinct value once gets no easier a job than it would on real submissions.
The hazard topics, dates and states still come from devtools/synth, so 屡查屡有 groups, overdue and
重大 hazards and letters still turn up; with twenty times the enterprises there are many more of them.

    python benchmarks/generate.py [--rows 100000] [--out benchmarks/.data]
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import multiprocessing
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devtools import synth  # noqa: E402
from devtools.fab import SheetSpec, write_xlsx  # noqa: E402

# Bump when the data changes, so that a cache built by an older generator is not reused.
VERSION = "v2"

COLUMNS = (
    ("hazard_id", "隐患编号"),
    ("town", "镇街"),
    ("unit", "企业名称"),
    ("uscc", "统一社会信用代码"),
    ("industry", "行业领域"),
    ("found_on", "排查日期"),
    ("source", "排查类型"),
    ("category", "隐患类别"),
    ("level", "隐患等级"),
    ("place", "隐患部位"),
    ("description", "隐患描述"),
    ("measure", "整改措施"),
    ("owner", "整改责任人"),
    ("deadline", "整改期限"),
    ("status", "整改状态"),
    ("closed_on", "整改完成日期"),
    ("verifier", "复查人"),
    ("verified_on", "验收日期"),
    ("note", "备注"),
)
MISTAKES = (
    ("found_on", "2026.13.5"),
    ("owner", None),
    ("deadline", "下个月"),
    ("level", "严重"),
    ("uscc", "91350100M000100Y4Z"),
)

START, END = dt.date(2026, 1, 1), dt.date(2026, 10, 31)
# A county with ~100k hazards a year has ~3,500 enterprises on its books; a few percent of them, small
# shops and workshops, have no credit code on the ledger.
ENTERPRISES_PER_ROW = 0.036
MISSING_USCC = 0.03

# ---------------------------------------------------------------------------------------------------
# Vocabulary. Areas, positions and generic details name no hazard topic (synth.TOPICS nor the CLI's
# default dictionary), and a topic's details only words that rank after that topic in both: anything
# else would move a hazard to another topic and break the 屡查屡有 ground truth.

# Characters of composed 字号 (two of them), beside synth's ready-made ones.
_TRADE_CHARS = (
    "宏恒鑫华金瑞永鸿东德和兴佳博新天汇正诚富隆明凯万盛同嘉广信振晨益顺利群旭祥宝荣锦聚通康福润丰泰鼎银"
    "青翠长合众惠春阳远昌源大中卓越宇辰豪俊立腾飞达美程海川林峰泽晟"
)
# Given names: a first character and a second one that go together in common names (建华, 晓燕, 子涵).
_GIVEN_FIRST = "建国志海晓春秋玉秀金永学爱立德文俊子雨佳思嘉梓欣家宏振庆红丽美明新卫长淑桂凤小"
_GIVEN_SECOND = (
    "华强军民平明伟杰涛峰辉刚勇斌波鹏飞浩凯婷雪慧琳丹燕梅兰芳霞英红敏静丽娟艳轩涵怡琪睿阳乐豪宇成林生"
)
_VILLAGE_ENDS = ("庄", "村", "屯", "集", "寨", "店", "营", "家洼", "家岭", "桥")
# Areas before a place (1号厂房一车间), by industry; positions after it (一车间东侧).
_AREAS = {
    "工贸": ("1号厂房", "2号厂房", "3号厂房", "4号厂房", "北厂区", "南厂区", "新厂区", "老厂区"),
    "商贸": ("一楼", "二楼", "A区", "B区"),  # 工贸 by supervision, but shops and warehouses
    "危险化学品": ("一期", "二期", "东厂区", "西厂区"),
    "城镇燃气": ("东区", "西区", "北区"),
    "道路运输": ("东区", "西区", "北区"),
    "特种设备": ("东区", "西区", "北区"),
    "教育": ("东校区", "西校区", "本部"),
    "养老机构": ("1号楼", "2号楼", "A区", "B区"),
    "文化旅游": ("主楼", "副楼", "A座", "B座"),
    "其他": ("一区", "二区", "A区", "B区"),
}
_POSITIONS = (
    "东侧", "西侧", "南侧", "北侧", "东北角", "西北角", "东南角", "西南角", "入口处", "门口", "北墙", "南墙",
    "西门旁", "中部", "二楼", "三楼", "夹层", "后门旁",
)  # fmt: skip
_DIRECTIONS = ("东", "西", "南", "北", "侧", "角", "旁", "处")

# Details after the problem, per synth topic: (words the problem must contain, "" for any; details).
# {n} is a count, {x} a size in metres, {y} a year, {ym} a past month, {name} a person. Keyed by the
# problem's words so that a detail fits what it follows (a cylinder count after 气瓶, not after 油烟).
_DETAILS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "有限空间": (("作业", ("现场作业人员{n}名", "作业深度约{x}米")), ("警示标识", ("涉及{n}处入口",)),
                 ("台账", ("涉及{n}处有限空间",))),
    "粉尘": (("积尘", ("积尘厚度约{n}毫米", "地面及设备表面可见明显积尘")), ("告知", ("涉及{n}个岗位",)),
             ("除尘", ("涉及{n}套除尘系统",))),
    "危化品储存": (("存放", ("现场存放约{n}桶", "涉及品种{n}种")), ("超量", ("现场存量约{n}吨",)),
                   ("记录", ("缺{n}个月记录",)), ("", ("涉及{n}处",))),
    "防雷防静电": (("检测", ("检测报告已过期{n}个月", "上次检测为{ym}")), ("", ("涉及{n}处",))),
    "动态监控": (("不在线", ("涉及{n}台车",)), ("纠正", ("平台显示{n}次报警未处理",)), ("配备不足", ("现有{n}名",))),
    "电动车充电": (("停放", ("现场{n}辆",)), ("楼道", ("现场{n}辆",)), ("私拉", ("共{n}处",))),
    "临边洞口": (("临边", ("长度约{x}米",)), ("", ("共{n}处",))),
    "脚手架": (("脚手架", ("架体高度约{n}米",)), ("", ("共{n}处",))),
    "消防通道": (("堵塞", ("占用长度约{x}米", "现场已责令立即清理")), ("堆放", ("现场已责令立即清理",)),
                 ("上锁", ("涉及{n}处",))),
    "物料堆放": (("过高", ("堆高约{x}米",)), ("超高", ("堆高约{x}米",)), ("堆垛", ("现场{n}垛",)), ("", ("涉及{n}处",))),
    "灭火器": (("过期", ("涉及{n}具", "生产日期为{y}年")), ("压力", ("涉及{n}具",)), ("数量不足", ("缺{n}具",)),
               ("遮挡", ("涉及{n}具",)), ("检查", ("共{n}具",))),
    "消防设施": (("", ("涉及{n}处",)), ("故障", ("共{n}个点位",)), ("停用", ("最近一次维保为{ym}",)),
                 ("损坏", ("共{n}盏",))),
    "漏电保护": (("配电箱", ("涉及{n}个配电箱",)), ("工具", ("涉及{n}台",)), ("失灵", ("共{n}个",))),
    "接地": (("外壳", ("涉及{n}台设备",)), ("", ("共{n}处",))),
    "特种作业无证": (("", ("涉及{n}人", "涉事人员{name}")),),
    "安全管理人员": (("配备", ("从业人员{n}0余人",)), ("合格证", ("涉及{n}人",))),
    "燃气": (("气瓶", ("现场存放气瓶{n}个",)), ("", ("涉及{n}处",))),
    "厨房油烟": (("管道", ("最近一次清洗为{ym}",)), ("", ("共{n}处",))),
    "动火作业": (("", ("作业人员{n}名",)), ("可燃物", ("作业点距可燃物约{x}米",))),
    "高处作业": (("", ("作业高度约{n}米", "涉及{n}人")),),
    "劳动防护用品": (("作业人员", ("涉及{n}人",)), ("员工", ("现场{n}名员工",))),
    "防护装置": (("", ("涉及{n}台设备",)),),
    "特种设备检验": (("超期", ("超期{n}个月",)), ("有效期", ("超期{n}个月",)), ("定期检验", ("涉及{n}台",)),
                     ("校验", ("涉及{n}块",)), ("未经检验", ("涉及{n}台",))),
    "起重机械": (("", ("额定起重量{n}吨", "涉及{n}台")),),
    "叉车车辆": (("叉车", ("涉及{n}台",)), ("车辆", ("涉及{n}台",)), ("机动车", ("涉及{n}台",))),
    "电气线路": (("", ("涉及{n}处",)), ("电线", ("{n}处接头裸露",)), ("私拉乱接", ("共{n}处",)), ("插排", ("共{n}处",))),
    "安全培训": (("员工", ("涉及员工{n}名",)),),
    "应急预案": (("演练", ("最近一次为{ym}",)), ("修订", ("现行版本为{y}年编制",))),
    "警示标志": (("", ("共{n}处",)), ("岗位", ("涉及{n}个岗位",))),
    "责任制": (("", ("涉及{n}个岗位",)),),
    "隐患台账": (("记录", ("缺{n}个月",)), ("上墙", ("涉及{n}个岗位",)), ("修订", ("现行版本为{y}年制定",))),
}  # fmt: skip
# Details any problem can take; the counts only where no topic detail gave one already.
_GENERIC = ("已拍照留存", "已当场告知企业负责人", "企业现场负责人{name}签字确认")
_GENERIC_COUNTS = ("共{n}处", "现场检查发现{n}处")
# Topics found anywhere on a site, whose problem reads well after a place (一车间东侧消防通道堵塞).
_ANYWHERE = frozenset(
    ("消防通道", "物料堆放", "灭火器", "消防设施", "漏电保护", "接地", "电气线路", "警示标志", "劳动防护用品")
)
# Places that name a topic of the CLI's default dictionary (电梯 → 特种设备, 厨房 → 厨房/餐饮): before a
# problem of another topic they would move it there, so they only go where the problem has {p}.
_LOADED_PLACES = ("电梯", "锅炉", "厨房", "后厨", "灶", "台账", "档案")
_MEASURE_TAILS = (
    "，{n}日内整改完毕",
    "，整改完成后报{town}应急管理办公室复查",
    "，由{owner}负责落实",
    "，举一反三开展同类问题自查",
    "，整改期间落实临时管控措施",
    "，并留存整改前后影像资料",
    "，加强日常巡查",
)

# ---------------------------------------------------------------------------------------------------
# County


def _person(rng: random.Random) -> str:
    """A name from a pool of over a hundred thousand: owners and verifiers of a county seldom repeat."""
    u = rng.random()
    if u < 0.3:
        given = rng.choice(synth._GIVEN)
    elif u < 0.5:
        given = rng.choice(_GIVEN_SECOND)
    else:
        given = rng.choice(_GIVEN_FIRST) + rng.choice(_GIVEN_SECOND)
    return rng.choice(synth._SURNAMES) + given


def _firm(rng: random.Random, county: str, town: str, sector: str, used: set[str]) -> tuple[str, str]:
    """A new enterprise name and its kind (91 企业, 92 个体工商户, 12 事业单位, ...)."""
    while True:
        template, kind = rng.choice(synth._NAME_TEMPLATES[sector])
        trade = (
            rng.choice(synth._TRADE_NAMES)
            if rng.random() < 0.4
            else rng.choice(_TRADE_CHARS) + rng.choice(_TRADE_CHARS)
        )
        place = town
        if "{t}" in template and rng.random() < 0.8:
            # Schools and homes are named after their village once the town's own name is taken.
            place = town + rng.choice(synth._SURNAMES) + rng.choice(_VILLAGE_ENDS)
        name = template.format(z=trade, t=place)
        u = rng.random()
        if "{t}" in template or u < 0.3:
            name = county + name
        elif u < 0.5 and not town.startswith("第"):  # 第17镇 (synth's extra towns) lends no name
            name = synth._town_short(town) + name
        if trade[0] != trade[1] and name not in used:
            used.add(name)
            return name, kind


def make_county(rows: int, towns: int, seed: int) -> tuple[synth.County, list[synth.Enterprise]]:
    """synth's towns with ~ENTERPRISES_PER_ROW × rows enterprises, and the distinct enterprises.

    make_hazards weighs each entry of a town's enterprise list alike, so an enterprise listed k times
    gets about k times the hazards: a few big plants carry many, most workshops a handful, as in a real
    county (an even spread would give every enterprise 屡查屡有 groups and a 警示函).
    """
    rng = random.Random(seed)
    county = synth.make_county(seed, towns=towns, enterprises=(0, 0))  # names, prefixes, staff
    sizes = [rng.uniform(0.5, 1.5) for _ in county.towns]
    wanted = max(2 * towns, round(rows * ENTERPRISES_PER_ROW))
    sectors = [(ind, sec) for ind, sec, _ in synth._INDUSTRY_MIX]
    weights = [w for _, _, w in synth._INDUSTRY_MIX]
    names: set[str] = set()
    codes: set[str] = set()
    distinct: list[synth.Enterprise] = []
    for town, size in zip(county.towns, sizes, strict=True):
        share = size / sum(sizes)
        listed: list[synth.Enterprise] = []
        for _ in range(max(2, round(wanted * share))):
            industry, sector = rng.choices(sectors, weights)[0]
            name, kind = _firm(rng, county.name, town.name, sector, names)
            code = None
            if rng.random() >= MISSING_USCC:
                code = synth.valid_uscc(rng, kind=kind)
                while code in codes:
                    code = synth.valid_uscc(rng, kind=kind)
                codes.add(code)
            owners = tuple(_person(rng) for _ in range(rng.choices((1, 2, 3), (4, 4, 2))[0]))
            ent = synth.Enterprise(name, code, industry, sector, town.name, owners)
            distinct.append(ent)
            listed += [ent] * rng.choices((1, 2, 3, 5, 8, 13), (55, 20, 10, 8, 5, 2))[0]
        town.enterprises = listed
        # Town safety staff and grid workers who check rectification: a few dozen in a big town.
        town.verifiers = [_person(rng) for _ in range(max(3, min(60, round(rows * share / 250))))]
    return county, distinct


# ---------------------------------------------------------------------------------------------------
# Hazard text


@functools.cache
def _templates() -> dict[str, tuple[synth.Topic, str]]:
    """Every description synth can write → its topic and template, to compose it anew around a place."""
    places = {p for pool in synth.PLACES.values() for p in pool}
    places |= {p for pool in synth.SECTOR_PLACES.values() for p in pool}
    for topic in synth.TOPICS:
        places |= set(topic.places or ())
        places |= {p for *_, p in topic.major if p}
    out: dict[str, tuple[synth.Topic, str]] = {}
    for topic in synth.TOPICS:
        for desc, *_ in topic.variants + topic.major:
            for p in sorted(places) if "{p}" in desc else [""]:
                out.setdefault(desc.format(p=p), (topic, desc))
    return out


def _place(rng: random.Random, base: str, area_key: str, after: str) -> str:
    """A base place narrowed down as inspectors write it: 2号厂房一车间东侧, 5号楼12层."""
    if base in synth._MGMT_PLACES:
        return base
    place = base
    areas = _AREAS.get(area_key, ())
    if areas and not base[0].isdigit() and "厂区" not in base and rng.random() < 0.35:
        place = rng.choice(areas) + place
    if base[0].isdigit() and base.endswith("号楼") and rng.random() < 0.6:
        place += f"{rng.randint(1, 26)}层"
    # No position where the text goes on with one ({p}东侧安全出口) or the place already has one.
    if not after.startswith(_DIRECTIONS) and not base.endswith(_DIRECTIONS) and rng.random() < 0.5:
        place += rng.choice(_POSITIONS)
    return place


def _fill(rng: random.Random, template: str, found: dt.date, name: str) -> str:
    back = found - dt.timedelta(days=rng.randint(60, 540))
    return template.format(
        n=rng.randint(2, 12),
        x=f"{rng.randint(1, 8) / 2:g}",
        y=found.year - rng.randint(2, 6),
        ym=f"{back.year}年{back.month}月",
        name=name,
    )


def _description(rng: random.Random, rec: dict, topic: synth.Topic | None, problem: str) -> str:
    """The problem with, as inspectors add them, a detail, a remark or the date it was found."""
    found = rec["found_on"]
    text = problem
    counted = False
    if topic is not None and rng.random() < 0.5:
        fitting = [d for words, ds in _DETAILS[topic.key] if words in problem for d in ds]
        if fitting:
            text += "，" + _fill(rng, rng.choice(fitting), found, _person(rng))
            counted = True
    u = rng.random()
    if u < 0.12:
        text += f"（{found.month}月{found.day}日检查发现）"
    elif u < 0.3:
        pool = _GENERIC if counted else _GENERIC + _GENERIC_COUNTS
        text += "，" + _fill(rng, rng.choice(pool), found, rec["owner"])
    if rng.random() < 0.1:
        text += "。"
    return text


def dress(recs: list[dict], county: synth.County, seed: int) -> None:
    """Rewrite place, description and measure of make_hazards' records as varied as real ones.

    Topics, dates, states and levels stay as make_hazards chose them, and each description keeps its
    topic (synth's, and the CLI's as far as _LOADED_PLACES go).
    """
    rng = random.Random(seed * 31 + 7)
    templates = _templates()
    sector = {e.name: e.sector for town in county.towns for e in town.enterprises}
    for rec in recs:
        topic, template = templates.get(rec["description"], (None, None))
        head, _, after = (template or "").partition("{p}")
        base = rec["place"]
        area_key = "商贸" if sector[rec["unit"]] == "商贸" else rec["industry"]
        place = _place(rng, base, area_key, after)
        if template is None:  # not one of synth's (none today): keep it as written
            problem = rec["description"]
        elif "{p}" in template:
            problem = head + place + after
        elif (
            topic.key in _ANYWHERE
            and not any(w in base for w in _LOADED_PLACES)
            and not template.startswith(("未", "对", "厂区"))
            and rng.random() < 0.3
        ):
            problem = place + template
        else:
            problem = template
        measure = rec["measure"]
        for tail in rng.sample(_MEASURE_TAILS, rng.choices((0, 1, 2), (3, 5, 2))[0]):
            measure += tail.format(n=rng.choice((3, 5, 7, 10, 15, 30)), town=rec["town"], owner=rec["owner"])
        rec["place"], rec["description"], rec["measure"] = (
            place,
            _description(rng, rec, topic, problem),
            measure,
        )


def records(rows: int, towns: int, seed: int) -> list[dict]:
    county, _ = make_county(rows, towns, seed)
    # Explicit repeat groups (2–3 dates, the later ones noted 复查发现同类问题) besides the random ones;
    # make_hazards' grouping is quadratic in their members, so a few hundred per 100k rows.
    repeats = None if rows <= 2000 else rows // 250
    recs = synth.make_hazards(county, rows, start=START, end=END, seed=seed, repeats=repeats)
    dress(recs, county, seed)
    return recs


def distinct_counts(recs: list[dict]) -> dict[str, int]:
    """Distinct values per text column of generated records (before the mistakes are written in)."""

    def distinct(key: str) -> int:
        return len({r[key] for r in recs if r[key] not in (None, "")})

    return {
        "rows": len(recs),
        "enterprises": distinct("unit"),
        "codes": distinct("uscc"),
        "descriptions": distinct("description"),
        "owners": distinct("owner"),
        "places": distinct("place"),
        "measures": distinct("measure"),
        "verifiers": distinct("verifier"),
    }


def describe(counts: dict[str, int]) -> str:
    """100000 rows; distinct: 3592 enterprises, 3489 codes, 45532 descriptions, ..."""
    rest = ", ".join(f"{v} {k}" for k, v in counts.items() if k != "rows")
    return f"{counts['rows']} rows; distinct: {rest}"


# ---------------------------------------------------------------------------------------------------
# Files


def _rows(recs: list[dict], title: str, rng: random.Random, error_share: float) -> list[list]:
    out = [[title], ["序号", *[h for _, h in COLUMNS]]]
    position = {k: i for i, (k, _) in enumerate(COLUMNS, 1)}
    for i, rec in enumerate(recs, 1):
        row = [i, *[rec.get(k) for k, _ in COLUMNS]]
        if rng.random() < error_share * len(COLUMNS):  # ~error_share of all cells
            key, bad = rng.choice(MISTAKES)
            row[position[key]] = bad
        out.append(row)
    return out


def write_ledger(path: Path, recs: list[dict], *, seed: int, error_share: float = 0.01) -> Path:
    rng = random.Random(seed)
    rows = _rows(recs, "示例县安全生产隐患排查治理台账", rng, error_share)
    spec = SheetSpec("台账", rows, merges=[(0, 0, 0, len(COLUMNS))])
    return write_xlsx(path, [spec], properties={"created": dt.datetime(2026, 11, 1)})


def write_towns(folder: Path, recs: list[dict], *, seed: int, files: int = 20) -> list[Path]:
    """`files` town ledgers (one per town) for `anquan monthly`, named as towns name them."""
    folder.mkdir(parents=True, exist_ok=True)
    by_town: dict[str, list[dict]] = {}
    for rec in recs:
        by_town.setdefault(rec["town"], []).append(rec)
    paths = []
    for i, (town, items) in enumerate(sorted(by_town.items())[:files]):
        path = folder / f"{town}隐患排查治理台账（2026年10月）.xlsx"
        write_ledger(path, items, seed=seed + i)
        paths.append(path)
    return paths


def _paths(data: Path, rows: int) -> dict[str, Path]:
    return {
        "big": data / f"ledger_{VERSION}_{rows}.xlsx",
        "towns": data / f"towns_{VERSION}_{rows}",
        "small": data / f"small_{VERSION}_300.xlsx",
        # Written last: its presence says the files beside it are complete (a run stopped half-way
        # leaves a truncated workbook that must not be taken for data).
        "counts": data / f"counts_{VERSION}_{rows}.json",
        "small_counts": data / f"small_counts_{VERSION}_300.json",
    }


def _build(big: Path, towns: Path, counts: Path, rows: int, towns_n: int, seed: int) -> None:
    recs = records(rows, towns_n, seed)
    # The big ledger and the town files are two independent workbooks' worth of xlsxwriter time; write
    # them side by side. A forked child shares the records without pickling half a million dicts.
    child = multiprocessing.get_context("fork").Process(
        target=write_towns, args=(towns, recs), kwargs={"seed": seed}
    )
    child.start()
    write_ledger(big, recs, seed=seed)
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"writing the town files into {towns} failed ({child.exitcode})")
    counts.write_text(json.dumps(distinct_counts(recs), ensure_ascii=False), encoding="utf-8")


def ensure(data: Path, rows: int, seed: int = 2026) -> dict[str, Path]:
    """Build (once) the datasets a benchmark run needs, cached by row count and generator version."""
    data.mkdir(parents=True, exist_ok=True)
    paths = _paths(data, rows)
    if not paths["counts"].exists():
        _build(paths["big"], paths["towns"], paths["counts"], rows, 20, seed)
    if not paths["small_counts"].exists():
        recs = records(300, 8, seed)
        write_ledger(paths["small"], recs, seed=seed)
        paths["small_counts"].write_text(json.dumps(distinct_counts(recs)), encoding="utf-8")
    return paths


def counts(data: Path, rows: int, seed: int = 2026) -> dict[str, int]:
    """The distinct counts of the cached `rows`-row ledger (built first if need be)."""
    return json.loads(ensure(data, rows, seed)["counts"].read_text(encoding="utf-8"))


if __name__ == "__main__":
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / ".data")
    args = parser.parse_args()
    start = time.perf_counter()
    paths = ensure(args.out, args.rows)
    for key in ("big", "towns", "small"):
        print(f"{key}: {paths[key]}")
    print(describe(counts(args.out, args.rows)))
    print(f"ready in {time.perf_counter() - start:.1f} s")
