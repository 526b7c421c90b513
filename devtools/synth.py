"""Seeded generator of realistic, fictional county data for tests, samples and benchmarks.

Everything here is invented: the county 示例县, its towns, enterprises, people and codes. Only the
standard library is used; every random choice goes through one ``random.Random(seed)`` so the same seed
always gives the same data (no ``hash()`` of strings, no iteration over sets).

Main entry points:

- ``valid_uscc(rng)`` / ``uscc_check_char(code17)``: 统一社会信用代码 with a correct GB 32100 check character.
- ``make_county(seed)``: towns with enterprises, owners and town staff.
- ``make_hazards(county)``: canonical hazard records (the keys of ``HAZARD_KEYS``), state as of ``end``.
- ``status_as_of(record, as_of)``: the record's status on an earlier date, for cumulative monthly snapshots.
- ``snapshot(records, as_of)`` and ``check_invariants(records, as_of)``: what a clean ledger looks like.
- ``topic_of(text)``: the hazard topic of a description (ground truth for the 屡查屡有 analysis).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------------
# 统一社会信用代码 (GB 32100-2015)

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}

# A fictional but well-formed administrative division code: province 37, "city 99" does not exist.
REGION_COUNTY = "379901"
REGION_CITY = "379900"

# 组织机构代码 (GB 11714) body characters: digits and upper-case letters without I, O, Z, S, V.
_ORG_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check_char(code17: str) -> str:
    """The 18th character of a 统一社会信用代码 whose first 17 characters are ``code17``."""
    if len(code17) != 17:
        raise ValueError(f"need 17 characters, got {len(code17)}")
    total = 0
    for ch, w in zip(code17.upper(), USCC_WEIGHTS, strict=True):
        if ch not in _USCC_VALUE:
            raise ValueError(f"character {ch!r} is not allowed in a 统一社会信用代码")
        total += _USCC_VALUE[ch] * w
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    return (
        isinstance(code, str)
        and len(code) == 18
        and all(ch in _USCC_VALUE for ch in code)
        and uscc_check_char(code[:17]) == code[17]
    )


def _org_code(rng: random.Random, *, new_style: bool, digits_only: bool = False) -> str:
    """A 9-character 组织机构代码 (8 body characters + GB 11714 check character)."""
    while True:
        if digits_only:
            body = "".join(rng.choice("0123456789") for _ in range(8))
        elif new_style:
            body = "MA" + "".join(rng.choice(_ORG_BODY) for _ in range(6))
        else:
            body = rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(7))
        total = sum(int(ch, 36) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True))
        c = 11 - total % 11
        check = "X" if c == 10 else "0" if c == 11 else str(c)
        if digits_only and check == "X":
            continue
        return body + check


def valid_uscc(
    rng: random.Random, *, kind: str = "91", region: str | None = None, digits_only: bool = False
) -> str:
    """A random 统一社会信用代码 with a correct check character.

    ``kind`` is the registration authority + type: 91 企业, 92 个体工商户, 93 农民专业合作社, 12 事业单位,
    52 民办非企业单位. ``digits_only`` gives a code of 18 digits (what gets mangled in a number cell).
    """
    if region is None:
        region = REGION_COUNTY if rng.random() < 0.8 else REGION_CITY
    while True:
        new_style = kind in ("91", "92", "93") and rng.random() < 0.75
        code17 = (
            kind + region + _org_code(rng, new_style=new_style and not digits_only, digits_only=digits_only)
        )
        check = uscc_check_char(code17)
        if digits_only and not check.isdigit():
            continue
        return code17 + check


# ---------------------------------------------------------------------------------------------------
# County, towns, enterprises, people

TOWNS: tuple[str, ...] = (
    "青石镇",
    "柳河镇",
    "东湖街道",
    "西山镇",
    "南关街道",
    "白马镇",
    "安平镇",
    "示例经济开发区",
)
TOWN_PREFIX: dict[str, str] = {
    "青石镇": "QS",
    "柳河镇": "LH",
    "东湖街道": "DH",
    "西山镇": "XS",
    "南关街道": "NG",
    "白马镇": "BM",
    "安平镇": "AP",
    "示例经济开发区": "KFQ",
}
_EXTRA_TOWNS = ("桃源镇", "龙泉镇", "杏林镇", "石桥镇", "双河镇", "北岭街道", "红旗街道", "新城街道")

INDUSTRIES: tuple[str, ...] = (
    "危险化学品", "煤矿", "非煤矿山", "烟花爆竹", "民爆物品", "工贸", "建筑施工", "城镇燃气", "道路运输",
    "水上交通", "消防", "特种设备", "电力", "油气管道", "农业机械", "渔业船舶", "水利", "文化旅游", "教育",
    "卫生健康", "养老机构", "其他",
)  # fmt: skip

# (industry, sector, weight) — 工贸 dominates, as in a real county.
_INDUSTRY_MIX: tuple[tuple[str, str, int], ...] = (
    ("工贸", "机械", 14),
    ("工贸", "建材", 9),
    ("工贸", "轻工", 11),
    ("工贸", "纺织", 4),
    ("工贸", "冶金", 2),
    ("工贸", "商贸", 5),
    ("危险化学品", "危险化学品", 7),
    ("建筑施工", "建筑施工", 7),
    ("城镇燃气", "城镇燃气", 3),
    ("道路运输", "道路运输", 5),
    ("特种设备", "特种设备", 3),
    ("教育", "教育", 6),
    ("养老机构", "养老机构", 4),
    ("文化旅游", "文化旅游", 5),
    ("其他", "其他", 6),
)

_TRADE_NAMES = (
    "宏达", "恒信", "鑫源", "华泰", "金诚", "瑞丰", "永盛", "鸿运", "东升", "德润", "和顺", "兴隆", "佳美", "博远",
    "新宇", "天成", "汇通", "正阳", "诚泰", "富源", "隆昌", "明珠", "蓝天", "绿源", "金桥", "凯旋", "万通", "盛世",
    "同心", "嘉禾", "广源", "信达", "振华", "晨光", "益康", "安泰", "顺达", "利民", "群力", "永兴", "旭日", "祥瑞",
    "宝丰", "荣昌", "锦程", "华瑞", "聚鑫", "通达", "康宁", "福满", "和美", "润泽", "丰泽", "宏远", "金鼎", "恒通",
    "立信", "泰和", "鼎盛", "银河", "青松", "翠屏", "长兴", "合力", "众诚", "惠民", "红星", "金海", "中原", "春晖",
    "阳光", "远航", "华盛", "昌盛", "宏图", "万隆", "金泉", "瑞祥", "天元", "新华", "隆鑫", "兴达", "大成", "源丰",
)  # fmt: skip

# name templates per sector: (template, uscc kind)
_NAME_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "机械": (("{z}机械制造有限公司", "91"), ("{z}精密机械有限公司", "91"), ("{z}五金制品厂", "92"),
             ("{z}农机配件有限公司", "91"), ("{z}汽车配件有限公司", "91"), ("{z}机械加工厂", "92")),
    "建材": (("{z}建材有限公司", "91"), ("{z}新型墙体材料有限公司", "91"), ("{z}商品混凝土有限公司", "91"),
             ("{z}石材加工厂", "92")),
    "轻工": (("{z}食品有限公司", "91"), ("{z}包装制品有限公司", "91"), ("{z}家具有限公司", "91"),
             ("{z}木业有限公司", "91"), ("{z}塑料制品厂", "92"), ("{z}印务有限公司", "91")),
    "纺织": (("{z}纺织有限公司", "91"), ("{z}服装厂", "92"), ("{z}棉业有限公司", "91")),
    "冶金": (("{z}铸造有限公司", "91"), ("{z}金属制品有限公司", "91")),
    "商贸": (("{z}商贸有限公司", "91"), ("{z}购物广场", "91"), ("{z}超市", "92"), ("{z}仓储有限公司", "91")),
    "危险化学品": (("{z}化工有限公司", "91"), ("{z}精细化工有限公司", "91"), ("{z}加油站", "91"),
                   ("{z}气体有限公司", "91")),
    "建筑施工": (("{z}建筑工程有限公司", "91"), ("{z}建设工程有限公司", "91"), ("{z}建筑安装有限公司", "91")),
    "城镇燃气": (("{z}燃气有限公司", "91"), ("{z}液化气站", "91")),
    "道路运输": (("{z}物流有限公司", "91"), ("{z}运输有限公司", "91"), ("{z}货运有限公司", "91")),
    "特种设备": (("{z}电梯工程有限公司", "91"), ("{z}锅炉安装有限公司", "91"), ("{z}起重设备有限公司", "91")),
    "教育": (("{t}中心小学", "12"), ("{t}初级中学", "12"), ("{z}幼儿园", "52"), ("{t}第二小学", "12")),
    "养老机构": (("{t}敬老院", "12"), ("{z}颐养院", "52"), ("{z}老年公寓", "52")),
    "文化旅游": (("{z}大酒店", "91"), ("{z}宾馆", "92"), ("{z}农家乐", "92"), ("{z}生态园", "91")),
    "其他": (("{z}物业服务有限公司", "91"), ("{z}餐饮管理有限公司", "91"), ("{z}汽车维修中心", "92"),
             ("{z}果蔬种植专业合作社", "93")),
}  # fmt: skip

_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏"
    "钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹易常武乔贺龚"
)
_GIVEN = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平",
    "刚", "斌", "鹏", "飞", "浩", "凯", "婷", "雪", "慧", "琳", "丹", "波", "辉", "峰", "秀英", "桂英", "建华",
    "建国", "志强", "海燕", "红梅", "玉兰", "建军", "国强", "春梅", "晓东", "秀兰", "卫东", "立新", "长青", "德明",
    "玉珍", "淑芬", "海涛", "振华", "庆丰", "文博", "子涵", "俊杰", "晓燕", "金凤", "永刚", "学军", "爱华", "秋云",
)  # fmt: skip


def person_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


@dataclass(frozen=True)
class Enterprise:
    name: str
    uscc: str | None
    industry: str  # canonical, domain.md §7
    sector: str  # e.g. 机械 for 工贸; equals industry otherwise
    town: str
    owners: tuple[str, ...]


@dataclass
class Town:
    name: str
    prefix: str
    enterprises: list[Enterprise]
    verifiers: list[str]  # town safety staff who check rectification (复查人)
    clerk: str  # 填表人
    reviewer: str  # 审核人


@dataclass
class County:
    name: str
    seed: int
    towns: list[Town] = field(default_factory=list)

    def town(self, name: str) -> Town:
        for t in self.towns:
            if t.name == name:
                return t
        raise KeyError(name)

    @property
    def enterprises(self) -> list[Enterprise]:
        return [e for t in self.towns for e in t.enterprises]


def _town_short(town: str) -> str:
    for suffix in ("经济开发区", "街道", "镇", "乡"):
        if town.endswith(suffix) and len(town) > len(suffix):
            return town[: -len(suffix)]
    return town


def make_county(
    seed: int = 2026,
    towns: Sequence[str] | int = TOWNS,
    *,
    enterprises: tuple[int, int] = (8, 12),
    name: str = "示例县",
    missing_uscc: float = 0.08,
) -> County:
    """A fictional county. ``towns`` is a list of names (known names get their id prefix) or a count."""
    rng = random.Random(seed)
    if isinstance(towns, int):
        pool = list(TOWNS) + list(_EXTRA_TOWNS)
        names = pool[:towns] + [f"第{i}镇" for i in range(len(pool) + 1, towns + 1)]
    else:
        names = list(towns)
    county = County(name=name, seed=seed)
    used_names: set[str] = set()
    used_codes: set[str] = set()
    used_people: set[str] = set()

    def new_person() -> str:
        for _ in range(50):
            p = person_name(rng)
            if p not in used_people:
                used_people.add(p)
                return p
        return person_name(rng)

    sectors = [(ind, sec) for ind, sec, _ in _INDUSTRY_MIX]
    weights = [w for _, _, w in _INDUSTRY_MIX]
    for idx, town_name in enumerate(names):
        prefix = TOWN_PREFIX.get(town_name, f"T{idx + 1:02d}")
        short = _town_short(town_name)
        n_ent = rng.randint(*enterprises)
        ents: list[Enterprise] = []
        while len(ents) < n_ent:
            industry, sector = rng.choices(sectors, weights)[0]
            template, kind = rng.choice(_NAME_TEMPLATES[sector])
            firm = template.format(z=rng.choice(_TRADE_NAMES), t=town_name)
            if "{t}" in template or rng.random() < 0.35:
                firm = name + firm
            if firm in used_names:
                if "{z}" not in template:
                    continue
                firm = template.format(z=short + rng.choice(_TRADE_NAMES), t=town_name)
                if firm in used_names:
                    continue
            code: str | None = None
            if rng.random() >= missing_uscc:
                code = valid_uscc(rng, kind=kind)
                while code in used_codes:
                    code = valid_uscc(rng, kind=kind)
                used_codes.add(code)
            used_names.add(firm)
            owners = tuple(new_person() for _ in range(rng.randint(1, 3)))
            ents.append(Enterprise(firm, code, industry, sector, town_name, owners))
        staff = [new_person() for _ in range(rng.randint(3, 4))]
        county.towns.append(
            Town(town_name, prefix, ents, verifiers=staff, clerk=new_person(), reviewer=new_person())
        )
    return county


# ---------------------------------------------------------------------------------------------------
# Hazard topics: description variants (with optional {p} = the place) and matching measures.

SITE = None  # topic applies everywhere / uses the industry's place pool
_MGMT_PLACES = ("办公室", "安全管理档案", "安全管理台账")
ALL_INDUSTRIES = frozenset(ind for ind, _, _ in _INDUSTRY_MIX)


@dataclass(frozen=True)
class Topic:
    key: str
    category: str  # 基础管理类 / 现场管理类
    industries: frozenset[str]
    keywords: tuple[str, ...]
    variants: tuple[tuple[str, str], ...]  # (description, measure)
    major: tuple[tuple[str, str, str | None], ...] = ()  # 重大 variants: (description, measure, place)
    places: tuple[str, ...] | None = None  # None: the industry's place pool
    major_industries: frozenset[str] | None = None  # where a 重大 variant is plausible (None: industries)

    def major_ok(self, industry: str) -> bool:
        return bool(self.major) and industry in (self.major_industries or self.industries)


def _ind(*names: str) -> frozenset[str]:
    return frozenset(names)


_SCENE = "现场管理类"
_BASE = "基础管理类"

# Order matters: topic_of() returns the first topic whose keyword occurs in the text.
TOPICS: tuple[Topic, ...] = (
    Topic("有限空间", _SCENE, _ind("工贸", "危险化学品", "其他", "建筑施工"), ("有限空间", "污水池", "化粪池", "污水井"), (
        ("有限空间作业未执行先通风、再检测、后作业", "严格执行有限空间作业审批，先通风、再检测、后作业"),
        ("{p}未设置有限空间安全警示标识", "在有限空间入口设置安全警示标识和告知牌"),
        ("未建立有限空间管理台账", "全面辨识有限空间，建立管理台账并动态更新"),
        ("有限空间作业现场未配备气体检测仪和呼吸防护用品", "配备气体检测报警仪、正压式呼吸器等防护用品"),
        ("污水池清理作业无人监护", "作业期间安排专人在外监护，严禁单人作业"),
    ), major=(
        ("未对有限空间作业场所进行辨识，未建立有限空间管理台账，且未设置明显的安全警示标志",
         "立即停止有限空间作业，开展辨识，建立台账，设置安全警示标志，作业前严格审批", None),
    ), places=("污水池", "化粪池", "地下污水井", "发酵池", "循环水池"), major_industries=_ind("工贸", "危险化学品")),
    Topic("粉尘", _SCENE, _ind("工贸"), ("粉尘", "除尘", "积尘", "泄爆"), (
        ("{p}积尘未及时清理", "制定清扫制度，每班清理作业场所积尘"),
        ("除尘系统风管内积尘严重", "定期清理除尘风管，做好清理记录"),
        ("{p}粉尘作业岗位未设置职业危害告知", "设置粉尘职业危害告知卡，为员工配发防尘口罩"),
        ("除尘器灰斗未及时卸灰", "落实定时卸灰制度，卸灰时停机作业"),
    ), major=(
        ("粉尘爆炸危险场所除尘系统未按规定设置泄爆装置", "立即停用除尘系统，按规范设置泄爆装置，验收合格后方可使用", "除尘器"),
        ("{p}干式除尘系统未采取防止粉尘爆炸的措施", "停产整改，加装锁气卸灰、隔爆等防爆措施", None),
    ), places=("打磨车间", "木工车间", "抛光车间", "除尘器", "喷粉房")),
    Topic("危化品储存", _SCENE, _ind("危险化学品", "工贸", "教育", "其他"), ("危险化学品", "危化品", "化学品", "油漆"), (
        ("{p}危险化学品未分类存放", "按危险特性分类、分区、分库存放危险化学品"),
        ("化学品仓库未设置防泄漏围堰", "设置防泄漏围堰和应急收集设施"),
        ("油漆、稀释剂随意存放在车间内", "设置专用储存间，车间内只存放当班用量"),
        ("危化品出入库无登记记录", "建立危险化学品出入库登记制度，双人双锁管理"),
        ("实验室化学品柜未上锁，无专人管理", "化学品柜加锁，落实专人管理和领用登记"),
    ), major=(
        ("危险化学品仓库超量储存，与相邻建筑防火间距不足", "立即清理超量储存物品，委托设计单位论证并整改防火间距", "危化品仓库"),
    ), places=("危化品仓库", "化学品暂存间", "实验室", "油漆库", "原料仓库"), major_industries=_ind("危险化学品", "工贸")),
    Topic("防雷防静电", _SCENE, _ind("危险化学品", "城镇燃气"), ("防雷", "静电"), (
        ("防雷防静电设施未定期检测", "委托有资质单位检测，出具检测报告"),
        ("{p}卸车区未设置静电接地报警器", "在卸车区安装静电接地报警器"),
        ("人体静电释放装置损坏", "更换人体静电释放装置"),
    ), places=("罐区", "储配站", "加油区", "卸油口", "充装间")),
    Topic("动态监控", _SCENE, _ind("道路运输"), ("动态监控", "超速", "疲劳驾驶", "卫星定位"), (
        ("未落实车辆动态监控，部分车辆卫星定位装置不在线", "检修车载卫星定位装置，落实专人24小时监控"),
        ("对驾驶员超速、疲劳驾驶行为未及时纠正处理", "建立违规行为处理台账，及时提醒纠正"),
        ("动态监控人员配备不足", "按车辆数量配足动态监控人员"),
    ), places=("调度室", "动态监控平台", "监控中心")),
    Topic("电动车充电", _SCENE, _ind("教育", "养老机构", "文化旅游", "其他", "工贸", "道路运输"),
          ("电动自行车", "电动车", "充电"), (
        ("{p}电动自行车违规停放充电", "设置集中停放充电场所，严禁在室内停放充电"),
        ("电动车在楼道内充电", "清理楼道电动车，设置集中充电场所"),
        ("员工私拉电线给电动车充电", "拆除私拉电线，引导员工到集中充电点充电"),
    ), places=("员工宿舍", "车棚", "楼道", "门卫室旁", "地下车库")),
    Topic("临边洞口", _SCENE, _ind("建筑施工"), ("临边", "洞口", "防护栏杆", "电梯井"), (
        ("{p}楼层临边未设置防护栏杆", "设置定型化防护栏杆并挂设安全网"),
        ("电梯井口未设置防护门", "电梯井口设置定型化防护门，井道内每隔两层设一道安全平网"),
        ("{p}楼板预留洞口未封闭", "采用盖板封闭洞口并固定"),
    ), places=("3号楼", "5号楼", "地下车库", "主体结构施工层", "7号楼")),
    Topic("脚手架", _SCENE, _ind("建筑施工"), ("脚手架", "模板支撑", "支撑体系"), (
        ("{p}脚手架连墙件设置不足", "按方案补设连墙件，验收合格后使用"),
        ("脚手架未满铺脚手板，存在探头板", "满铺脚手板并绑扎牢固"),
        ("脚手架搭设完毕未经验收即投入使用", "组织验收，验收合格挂牌后方可使用"),
        ("{p}落地式脚手架扫地杆缺失", "按规范设置纵、横向扫地杆"),
    ), major=(
        ("高大模板支撑体系未编制专项施工方案并经专家论证", "立即停止作业，编制专项施工方案并组织专家论证", None),
    ), places=("3号楼", "5号楼", "7号楼", "地下车库", "综合楼")),
    Topic("消防通道", _SCENE, ALL_INDUSTRIES, ("消防通道", "安全出口", "疏散通道"), (
        ("消防通道堵塞", "立即清理通道杂物，保持畅通"),
        ("消防通道被货物堵塞", "立即清理通道内货物，划定物品存放区域，保持消防通道畅通"),
        ("{p}东侧安全出口被杂物堵塞", "清除安全出口处杂物，设置禁止堵塞标识"),
        ("{p}疏散通道堆放纸箱，通行宽度不足", "清理疏散通道，确保通行宽度符合要求"),
        ("安全出口门上锁，无法从内部开启", "拆除安全出口门锁，确保营业期间能从内部开启"),
    )),
    Topic("物料堆放", _SCENE, _ind("工贸", "建筑施工", "其他"), ("堆放", "堆垛", "码放"), (
        ("{p}原料堆放过高，无防倾倒措施", "降低堆放高度，采取防倾倒措施"),
        ("成品随意堆放，未划定定置区域", "划定定置区域，按区域整齐堆放"),
        ("{p}物料堆垛不稳固，存在坍塌风险", "重新码放物料，堆垛高度不超过规定值"),
        ("钢管、模板码放超高", "分层码放，高度不超过1.5米"),
    )),
    Topic("灭火器", _SCENE, ALL_INDUSTRIES, ("灭火器",), (
        ("灭火器过期未更换", "更换过期灭火器，建立灭火器检查记录"),
        ("{p}灭火器压力不足", "对压力不足的灭火器进行充装或更换"),
        ("{p}配置的灭火器数量不足", "按规范补充配置灭火器"),
        ("灭火器未按规定每月检查，无检查记录", "落实灭火器月度检查，填写检查卡"),
        ("灭火器被货物遮挡，取用不便", "移除遮挡物，灭火器定点摆放"),
    )),
    Topic("消防设施", _SCENE, ALL_INDUSTRIES, ("消火栓", "应急照明", "疏散指示", "喷淋", "烟感", "火灾自动报警",
                                           "消防设施"), (
        ("室内消火栓箱内水带、水枪缺失", "补齐消火栓箱内水带、水枪等器材"),
        ("{p}应急照明灯损坏，不能正常使用", "维修或更换应急照明灯具"),
        ("{p}疏散指示标志不亮", "更换损坏的疏散指示标志，定期检查"),
        ("自动喷淋系统末端试水装置压力不足", "委托专业单位检修喷淋系统，确保正常运行"),
        ("火灾自动报警系统部分烟感探测器故障", "联系维保单位维修火灾自动报警系统"),
    ), major=(
        ("火灾自动报警系统、自动喷水灭火系统长期停用，消防设施瘫痪",
         "立即委托维保单位全面检修，恢复消防设施正常运行，检修期间落实专人值守", "消防控制室"),
    ), major_industries=_ind("文化旅游", "养老机构", "教育", "工贸")),
    Topic("漏电保护", _SCENE, ALL_INDUSTRIES, ("漏电",), (
        ("{p}配电箱未安装漏电保护器", "加装漏电保护器并定期测试"),
        ("移动式电动工具未使用漏电保护装置", "为移动式电动工具配备漏电保护装置"),
        ("漏电保护器失灵，按下试验按钮不动作", "更换漏电保护器"),
    )),
    Topic("接地", _SCENE, ALL_INDUSTRIES - {"教育", "养老机构"}, ("接地", "接零"), (
        ("{p}设备金属外壳未接地", "对设备金属外壳做可靠保护接地"),
        ("配电柜接地线松动脱落", "紧固接地线，测试接地电阻"),
        ("电焊机外壳未做保护接零", "电焊机外壳做保护接零"),
    )),
    Topic("特种作业无证", _BASE, _ind("工贸", "危险化学品", "建筑施工", "城镇燃气", "特种设备", "其他", "道路运输"),
          ("持证", "无证", "操作证"), (
        ("电工未取得特种作业操作证", "安排电工参加培训取证，取证前不得独立作业"),
        ("电焊工无证上岗作业", "停止无证人员作业，组织参加特种作业培训考试"),
        ("叉车司机未持证上岗", "叉车司机取得特种设备作业人员证后方可作业"),
        ("特种作业人员操作证过期未复审", "及时组织复审，复审前暂停相关作业"),
    ), places=_MGMT_PLACES),
    Topic("安全管理人员", _BASE, _ind("工贸", "危险化学品", "建筑施工", "城镇燃气", "道路运输", "特种设备"),
          ("安全生产管理人员", "安全管理人员", "专职安全员"), (
        ("未按规定配备专职安全生产管理人员", "按规定配备专职安全生产管理人员"),
        ("安全管理人员未取得安全生产知识和管理能力考核合格证", "组织安全管理人员参加考核，取得合格证"),
        ("专职安全员由生产人员兼任，未履行日常检查职责", "明确专职安全员，落实日常安全检查"),
    ), places=_MGMT_PLACES),
    Topic("燃气", _SCENE, _ind("教育", "养老机构", "文化旅游", "其他", "城镇燃气", "工贸"), ("液化气", "液化石油气", "燃气", "气瓶"), (
        ("{p}液化气瓶与灶具间距不足", "调整气瓶位置，保持安全距离"),
        ("厨房未安装可燃气体泄漏报警装置", "安装可燃气体泄漏报警装置并与切断阀联动"),
        ("燃气软管老化龟裂，长度超过2米", "更换燃气专用软管，长度不超过2米"),
        ("液化气瓶未固定，无防倾倒措施", "设置气瓶固定架，防止倾倒"),
        ("{p}使用的液化气瓶超过检验期限", "更换在检验期内的合格气瓶"),
    ), major=(
        ("在地下室使用液化石油气", "立即停止在地下室使用液化石油气，改用电能或管道天然气", "地下室厨房"),
    ), places=("厨房", "食堂", "后厨", "瓶库", "职工餐厅"), major_industries=_ind("文化旅游", "其他", "养老机构")),
    Topic("厨房油烟", _SCENE, _ind("教育", "养老机构", "文化旅游", "其他"), ("油烟",), (
        ("{p}油烟管道未定期清洗，油垢较厚", "委托专业单位清洗油烟管道，建立清洗记录"),
        ("厨房灶台排油烟罩油污严重", "清洗排油烟罩，每日清理灶台油污"),
    ), places=("厨房", "食堂", "后厨")),
    Topic("动火作业", _SCENE, _ind("工贸", "危险化学品", "建筑施工", "其他"), ("动火",), (
        ("动火作业未办理动火审批手续", "动火作业前办理审批手续，落实监护人"),
        ("{p}动火作业现场未清理可燃物", "动火前清理周边可燃物，配备灭火器材"),
        ("动火作业无专人监护", "安排专人现场监护，作业结束后检查确认无火种"),
    ), major=(
        ("在甲类仓库内违规动火作业", "立即停止作业，严格执行动火审批制度，对相关人员进行教育处理", "甲类仓库"),
    ), major_industries=_ind("危险化学品")),
    Topic("高处作业", _SCENE, _ind("工贸", "建筑施工", "特种设备", "其他"), ("高处作业", "安全带", "登高"), (
        ("高处作业人员未系安全带", "高处作业必须正确系挂安全带，安排专人监护"),
        ("{p}登高作业使用的梯子无防滑措施", "更换合格梯子，加装防滑垫"),
        ("屋顶检修登高作业未办理作业票", "严格执行登高作业审批，落实防坠落措施"),
    )),
    Topic("劳动防护用品", _SCENE,
          _ind("工贸", "危险化学品", "建筑施工", "城镇燃气", "道路运输", "特种设备", "其他"),
          ("防护用品", "劳保", "防护眼镜", "防尘口罩", "安全帽", "耳塞"), (
        ("{p}作业人员未佩戴劳动防护用品", "为作业人员配发劳动防护用品，监督正确佩戴"),
        ("打磨岗位员工未佩戴防护眼镜", "配发防护眼镜并监督佩戴"),
        ("{p}部分作业人员未正确佩戴安全帽", "加强现场管理，督促作业人员正确佩戴安全帽"),
        ("未建立劳保用品发放记录", "建立劳动防护用品发放登记制度"),
    )),
    Topic("防护装置", _SCENE, _ind("工贸", "其他"), ("防护罩", "防护装置", "光电保护", "砂轮机"), (
        ("{p}皮带轮防护罩缺失", "加装皮带轮防护罩"),
        ("冲床未安装光电保护装置", "加装光电保护装置或双手操作按钮"),
        ("{p}设备联轴器无防护罩", "加装联轴器防护罩"),
        ("砂轮机托架与砂轮间距过大", "调整托架间距不大于2毫米"),
    )),
    Topic("特种设备检验", _SCENE,
          _ind("工贸", "危险化学品", "特种设备", "教育", "养老机构", "文化旅游", "其他", "道路运输"),
          ("未经检验", "定期检验", "超期未检", "检验有效期", "安全阀", "压力表"), (
        ("{p}储气罐安全阀超期未检", "将安全阀送检，检验合格后方可使用"),
        ("电梯超过检验有效期仍在使用", "停止使用电梯，报检合格后恢复使用"),
        ("压力容器未进行定期检验", "委托特种设备检验机构检验"),
        ("锅炉压力表未按期校验", "更换校验合格的压力表"),
    ), major=(
        ("使用未经检验的压力容器", "立即停止使用，委托检验机构检验合格后方可投入使用", "空压机房"),
    ), major_industries=_ind("工贸", "危险化学品", "特种设备")),
    Topic("起重机械", _SCENE, _ind("工贸", "建筑施工", "特种设备"), ("起重", "行车", "吊钩", "钢丝绳", "塔吊", "吊装"), (
        ("{p}行车吊钩防脱钩装置缺失", "加装吊钩防脱钩装置"),
        ("起重机钢丝绳断丝超标", "更换钢丝绳，建立日常检查记录"),
        ("起重机限位装置失灵", "维修限位装置，经检测合格后使用"),
        ("吊装作业无专人指挥", "安排持证信号工专人指挥"),
    )),
    Topic("叉车车辆", _SCENE, _ind("工贸", "道路运输", "危险化学品", "其他"), ("叉车", "车辆", "货车", "机动车"), (
        ("厂区内叉车行驶速度过快，未设置限速标识", "设置限速标识，加强叉车司机管理"),
        ("叉车货叉载人", "严禁货叉载人，对司机进行教育"),
        ("{p}车辆日常安全检查记录缺失", "落实车辆出车前检查，完善检查记录"),
        ("厂内机动车未定期维护保养", "制定维护保养计划并落实"),
    )),
    Topic("电气线路", _SCENE, ALL_INDUSTRIES, ("私拉乱接", "电气线路", "电线", "配电箱", "插排"), (
        ("{p}电气线路私拉乱接", "拆除私拉乱接线路，由持证电工规范敷设"),
        ("配电箱门缺失，内部线路裸露", "安装配电箱门，整理箱内线路并加锁"),
        ("{p}电线未穿管保护，绝缘层老化破损", "更换老化电线，穿管敷设"),
        ("多个大功率设备共用一个插排", "规范用电，大功率设备单独回路供电"),
    )),
    Topic("安全培训", _BASE, ALL_INDUSTRIES, ("培训", "安全教育"), (
        ("新入职员工未进行三级安全教育", "对新员工开展三级安全教育并建档"),
        ("未制定年度安全培训计划", "制定年度安全生产教育培训计划并组织实施"),
        ("员工安全培训记录不全", "补全培训记录，落实一人一档"),
        ("主要负责人未参加安全生产培训", "组织主要负责人参加安全生产培训"),
    ), places=_MGMT_PLACES),
    Topic("应急预案", _BASE, ALL_INDUSTRIES, ("应急预案", "演练"), (
        ("未编制生产安全事故应急预案", "编制应急预案并按规定备案"),
        ("应急预案未按规定组织演练", "每半年至少组织一次现场处置方案演练并记录"),
        ("应急演练无记录、无总结评估", "完善演练记录，开展总结评估"),
        ("应急预案未及时修订备案", "结合实际修订应急预案并报备"),
    ), places=_MGMT_PLACES),
    Topic("警示标志", _SCENE, ALL_INDUSTRIES, ("警示标志", "警示标识", "告知卡", "安全标志"), (
        ("{p}未设置安全警示标志", "在醒目位置设置安全警示标志"),
        ("危险岗位未张贴岗位安全风险告知卡", "张贴岗位安全风险告知卡"),
        ("配电室门口未设置“有电危险”警示标识", "设置“有电危险”警示标识"),
    )),
    Topic("责任制", _BASE, ALL_INDUSTRIES, ("责任制", "责任清单"), (
        ("未建立全员安全生产责任制", "建立全员安全生产责任制，明确各岗位责任"),
        ("全员安全生产责任清单未签字确认", "组织各岗位人员签订责任清单"),
        ("安全生产责任制未进行考核", "制定考核办法，定期考核并记录"),
    ), places=_MGMT_PLACES),
    Topic("隐患台账", _BASE, ALL_INDUSTRIES, ("隐患排查", "台账", "制度", "操作规程"), (
        ("未建立隐患排查治理台账", "建立隐患排查治理台账，如实记录排查整改情况"),
        ("隐患排查治理记录不完整，未闭环管理", "完善隐患排查记录，落实整改闭环"),
        ("岗位安全操作规程未上墙", "制定并张贴岗位安全操作规程"),
        ("安全管理制度不健全，未结合实际修订", "修订完善安全管理制度"),
    ), places=_MGMT_PLACES),
)  # fmt: skip

TOPIC_BY_KEY: dict[str, Topic] = {t.key: t for t in TOPICS}

PLACES: dict[str, tuple[str, ...]] = {
    "工贸": ("一车间", "二车间", "机加工车间", "成品仓库", "原料仓库", "配电室", "厂区东侧", "办公楼", "喷漆房",
             "焊接区", "包装车间", "空压机房"),
    "危险化学品": ("罐区", "装卸区", "甲类仓库", "生产装置区", "中控室", "加油区", "卸油口", "配电室"),
    "建筑施工": ("3号楼", "5号楼", "地下车库", "钢筋加工区", "材料堆场", "生活区", "基坑东侧", "施工电梯"),
    "城镇燃气": ("储配站", "瓶库", "调压站", "营业厅", "充装间"),
    "道路运输": ("停车场", "维修车间", "调度室", "货运场站", "办公楼"),
    "特种设备": ("锅炉房", "电梯机房", "安装车间", "仓库", "维修车间"),
    "教育": ("教学楼", "学生宿舍", "食堂", "实验室", "配电室", "体育馆"),
    "养老机构": ("住养楼", "厨房", "配电室", "活动室", "洗衣房"),
    "文化旅游": ("游客中心", "客房区", "厨房", "大堂", "停车场", "多功能厅"),
    "其他": ("卖场", "仓库", "办公区", "厨房", "地下车库", "维修车间"),
}  # fmt: skip


# 商贸 (shops, warehouses) is 工贸 by supervision but has no workshops.
SECTOR_EXCLUDE: dict[str, frozenset[str]] = {
    "商贸": frozenset({"粉尘", "防护装置", "起重机械", "有限空间", "动火作业", "特种作业无证", "危化品储存"}),
}
SECTOR_PLACES: dict[str, tuple[str, ...]] = {
    "商贸": ("卖场", "仓库", "收货区", "办公区", "配电室", "地下车库"),
}


def topic_of(text: str) -> str | None:
    """The topic key of a hazard description (first matching topic in ``TOPICS`` order), or None."""
    for t in TOPICS:
        for kw in t.keywords:
            if kw in text:
                return t.key
    return None


def topic_problems() -> list[str]:
    """Descriptions (every variant, every place) that topic_of() would not map back to their topic."""
    out = []
    for t in TOPICS:
        for industry in sorted(t.industries):
            for desc, *_ in t.variants + t.major:
                extra = tuple(p for ps in SECTOR_PLACES.values() for p in ps)
                for place in t.places or PLACES.get(industry, PLACES["其他"]) + extra:
                    text = desc.format(p=place)
                    if topic_of(text) != t.key:
                        out.append(f"{text}: {topic_of(text)} instead of {t.key}")
    return out


def _topics_for(industry: str, sector: str = "") -> list[Topic]:
    skip = SECTOR_EXCLUDE.get(sector, frozenset())
    found = [t for t in TOPICS if industry in t.industries and t.key not in skip]
    return found or [t for t in TOPICS if t.industries == ALL_INDUSTRIES]


# ---------------------------------------------------------------------------------------------------
# Hazards

HAZARD_KEYS: tuple[str, ...] = (
    "hazard_id", "town", "unit", "uscc", "industry", "found_on", "source", "category", "level", "place",
    "description", "measure", "owner", "deadline", "status", "closed_on", "verifier", "verified_on", "note",
)  # fmt: skip
REQUIRED_KEYS: tuple[str, ...] = (
    "town",
    "unit",
    "found_on",
    "level",
    "description",
    "owner",
    "deadline",
    "status",
)

LEVEL_GENERAL = "一般事故隐患"
LEVEL_MAJOR = "重大事故隐患"
CLOSED, IN_PROGRESS, OPEN = "已整改", "整改中", "未整改"
SOURCES = ("企业自查", "镇街检查", "部门执法", "联合执法")
_SOURCE_WEIGHTS = (35, 40, 15, 10)
# Deadline offsets for 一般 hazards in days; towns like round numbers (0 = 立即整改, 7 = 一周内).
_OFFSETS = (0, 3, 5, 7, 7, 10, 10, 15, 15, 15, 20, 30)
_MAJOR_OFFSETS = (30, 30, 45, 60)
_INDUSTRY_RISK = {"工贸": 1.3, "危险化学品": 1.6, "建筑施工": 1.5, "城镇燃气": 1.1, "道路运输": 1.0,
                  "特种设备": 0.9, "教育": 0.6, "养老机构": 0.7, "文化旅游": 0.8, "其他": 0.8}  # fmt: skip


def month_end(d: dt.date) -> dt.date:
    nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _weekday(d: dt.date, start: dt.date, end: dt.date) -> dt.date:
    """Move a weekend date to the nearest weekday inside [start, end] (inspections happen on workdays)."""
    wd = d.weekday()
    if wd < 5:
        return d
    back = d - dt.timedelta(days=wd - 4)  # Friday
    fwd = d + dt.timedelta(days=7 - wd)  # Monday
    if wd == 5:
        return back if back >= start else (fwd if fwd <= end else d)
    return fwd if fwd <= end else (back if back >= start else d)


def _spread_dates(rng: random.Random, k: int, start: dt.date, end: dt.date, gap: int = 14) -> list[dt.date]:
    """k dates in [start, end], sorted, at least ``gap`` days apart (for a recurring problem)."""
    span = (end - start).days
    need = gap * (k - 1)
    if need > span:
        gap = max(1, span // max(1, k - 1))
        need = gap * (k - 1)
    first = rng.randint(0, span - need)
    days = [first]
    for i in range(1, k):
        remaining_slots = k - 1 - i
        hi = span - gap * remaining_slots
        lo = days[-1] + gap
        days.append(rng.randint(lo, max(lo, min(hi, lo + 25))))
    return [start + dt.timedelta(days=x) for x in days]


def make_hazards(
    county: County,
    n: int | None = None,
    start: dt.date = dt.date(2026, 8, 1),
    end: dt.date = dt.date(2026, 10, 31),
    seed: int | None = None,
    *,
    repeats: int | None = None,
    major_share: float = 0.05,
) -> list[dict]:
    """Canonical hazard records, each with its state as of ``end`` (see ``status_as_of`` for earlier dates).

    ``n`` None gives 38–50 hazards per town. ``repeats`` is the number of recurring problems (same
    enterprise and topic found on 2–3 different dates); by default 15 for small data sets (≤ 2000) and
    whatever random choice produces for large ones. Sorted by town order, then hazard_id.
    """
    rng = random.Random(county.seed * 7919 + 17 if seed is None else seed)
    towns = county.towns
    if n is None:
        counts = [rng.randint(38, 50) for _ in towns]
    else:
        sizes = [max(1, len(t.enterprises)) for t in towns]
        total_size = sum(sizes)
        counts = [n * s // total_size for s in sizes]
        for i in range(n - sum(counts)):
            counts[i % len(counts)] += 1
    total = sum(counts)
    small = total <= 2000
    if repeats is None:
        repeats = 15 if small else 0
    span = (end - start).days
    if span < 30:  # no room for a problem to come back
        repeats = 0

    # 1. slots: (town index, enterprise) per hazard
    slots: list[list] = []  # [town_idx, enterprise, topic, found_on, repeat_group or None]
    per_ent: dict[tuple[int, int], list[int]] = {}
    for ti, (town, count) in enumerate(zip(towns, counts, strict=True)):
        ents = town.enterprises
        if not ents or count == 0:
            continue
        weights = [_INDUSTRY_RISK.get(e.industry, 1.0) * rng.uniform(0.3, 1.7) for e in ents]
        chosen = rng.choices(range(len(ents)), weights, k=count)
        for ei in chosen:
            per_ent.setdefault((ti, ei), []).append(len(slots))
            slots.append([ti, ents[ei], None, None, None])

    # 2. recurring problems: same enterprise, same topic, 2–3 dates at least two weeks apart
    group_of: dict[int, int] = {}
    if repeats:
        candidates = sorted(k for k, v in per_ent.items() if len(v) >= 2)
        rng.shuffle(candidates)
        for g, key in enumerate(candidates[:repeats]):
            idxs = per_ent[key]
            size = 3 if (g % 4 == 3 and len(idxs) >= 3) else 2
            ent = slots[idxs[0]][1]
            topic = rng.choice(_topics_for(ent.industry, ent.sector))
            dates = _spread_dates(rng, size, start, end)
            for j, si in enumerate(idxs[:size]):
                slots[si][2] = topic
                slots[si][3] = dates[j]
                slots[si][4] = g
                group_of[si] = g

    # 3. topics (distinct per enterprise where possible, so no accidental repeats) and dates
    for key in sorted(per_ent):
        idxs = per_ent[key]
        ent = slots[idxs[0]][1]
        pool = _topics_for(ent.industry, ent.sector)
        if small:
            used = {slots[i][2].key for i in idxs if slots[i][2] is not None}
            free = [t for t in pool if t.key not in used]
            rng.shuffle(free)
        for si in idxs:
            if slots[si][2] is not None:
                continue
            if small and free:
                slots[si][2] = free.pop()
            else:
                slots[si][2] = rng.choice(pool)
            slots[si][3] = start + dt.timedelta(days=rng.randint(0, span))

    # 4. 重大 hazards among topics that have a 重大 variant (never in a repeat group)
    major_idx: set[int] = set()
    capable = [i for i, s in enumerate(slots) if s[2].major_ok(s[1].industry) and i not in group_of]
    k_major = min(len(capable), round(total * major_share))
    if k_major:
        major_idx = set(rng.sample(capable, k_major))

    # 5. the records
    records: list[dict] = []
    keys: list[tuple] = []
    for si, (ti, ent, topic, found, group) in enumerate(slots):
        town = towns[ti]
        source = rng.choices(SOURCES, _SOURCE_WEIGHTS)[0]
        if source != "企业自查":
            found = _weekday(found, start, end)
        major = si in major_idx
        if major:
            desc, measure, fixed_place = rng.choice(topic.major)
        else:
            (desc, measure), fixed_place = rng.choice(topic.variants), None
        pool = topic.places or SECTOR_PLACES.get(ent.sector) or PLACES.get(ent.industry, PLACES["其他"])
        place = fixed_place or rng.choice(pool)
        desc = desc.format(p=place)
        off = rng.choice(_MAJOR_OFFSETS) + rng.randint(-5, 0) if major else rng.choice(_OFFSETS)
        if not major and off not in (0, 7, 10, 15) and rng.random() < 0.3:
            off = rng.randint(3, 30)
        deadline = found + dt.timedelta(days=off)

        # when the unit will have finished (may lie after ``end``) — decides the state as of ``end``
        u = rng.random()
        if off == 0 and u < 0.9:
            closed = found
        elif u < 0.69:
            closed = found + dt.timedelta(days=min(rng.randint(0, off), rng.randint(0, off)))
        elif u < 0.79:
            closed = deadline + dt.timedelta(days=rng.randint(1, 20))
        else:
            closed = None  # stuck: still not done
        still = rng.random() < 0.45  # a stuck hazard that nobody has started on stays 未整改
        note = ""
        if major:
            note = "重大事故隐患，已挂牌督办"
        elif group is not None and found != min(slots[j][3] for j in _group_members(group_of, group)):
            note = "复查发现同类问题"
        elif source == "部门执法":
            note = rng.choice(("县应急管理局执法检查发现", "", ""))
        elif source == "联合执法":
            note = rng.choice(("县安委办联合检查发现", ""))
        rec = {
            "hazard_id": "",
            "town": town.name,
            "unit": ent.name,
            "uscc": ent.uscc,
            "industry": ent.industry,
            "found_on": found,
            "source": source,
            "category": topic.category,
            "level": LEVEL_MAJOR if major else LEVEL_GENERAL,
            "place": place,
            "description": desc,
            "measure": measure,
            "owner": rng.choice(ent.owners),
            "deadline": deadline,
            "status": "",
            "closed_on": None,
            "verifier": None,
            "verified_on": None,
            "note": note,
        }
        _settle(rec, closed, still, rng.choice(town.verifiers), rng.choice((0, 0, 0, 1, 1, 2, 3)), end)
        records.append(rec)
        keys.append((ti, found, rng.random()))

    if small:
        _fix_majors(records, major_idx, end, rng, towns)

    # 6. ids: <prefix>-<yyyymm found>-<seq>, seq per town and month in found order
    order = sorted(range(len(records)), key=lambda i: keys[i])
    seq: dict[tuple[int, int, int], int] = {}
    for i in order:
        ti, found, _ = keys[i]
        k = (ti, found.year, found.month)
        seq[k] = seq.get(k, 0) + 1
        records[i]["hazard_id"] = f"{towns[ti].prefix}-{found.year}{found.month:02d}-{seq[k]:03d}"
    return [records[i] for i in order]


def _group_members(group_of: dict[int, int], group: int) -> list[int]:
    return [i for i, g in group_of.items() if g == group]


def _settle(
    rec: dict, closed: dt.date | None, stuck_open: bool, verifier: str, lag: int, end: dt.date
) -> None:
    """Fill status/closed_on/verifier/verified_on as of ``end``; verification stays in the closing month."""
    if closed is not None and closed <= end:
        rec["status"] = CLOSED
        rec["closed_on"] = closed
        rec["verifier"] = verifier
        rec["verified_on"] = min(closed + dt.timedelta(days=lag), month_end(closed), end)
    else:
        rec["status"] = (
            OPEN if (closed is None and stuck_open) or (end - rec["found_on"]).days < 2 else IN_PROGRESS
        )
        rec["closed_on"] = rec["verifier"] = rec["verified_on"] = None


def _fix_majors(records: list[dict], major_idx: set[int], end: dt.date, rng: random.Random, towns) -> None:
    """Small data sets: exactly 2–3 overdue 重大 hazards as of ``end``; the other due ones closed."""
    due = sorted(i for i in major_idx if records[i]["deadline"] < end)
    if not due:
        return
    rng.shuffle(due)
    k = min(len(due), rng.choice((2, 3)))
    town_by_name = {t.name: t for t in towns}
    for pos, i in enumerate(due):
        rec = records[i]
        verifier = rng.choice(town_by_name[rec["town"]].verifiers)
        if pos < k:
            _settle(rec, None, False, verifier, 0, end)
            rec["status"] = IN_PROGRESS
        elif rec["status"] != CLOSED:
            off = (rec["deadline"] - rec["found_on"]).days
            closed = rec["found_on"] + dt.timedelta(days=rng.randint(off // 2, off))
            _settle(rec, closed, False, verifier, rng.choice((1, 2, 3)), end)


def status_as_of(record: dict, as_of: dt.date) -> tuple[str, dt.date | None, str | None, dt.date | None]:
    """(status, closed_on, verifier, verified_on) of ``record`` on ``as_of``.

    A hazard counts as 已整改 once it has been checked (``verified_on`` ≤ ``as_of``); verification always
    falls in the month of closing, so month-end snapshots never show a closed but unverified hazard.
    Status only moves forward: 未整改 → 整改中 → 已整改. Dates after the record's own ``end`` return the
    state as of ``end`` (the latest that is known).
    """
    found = record["found_on"]
    if as_of < found:
        raise ValueError(f"{record['hazard_id']} was found on {found}, after {as_of}")
    if record["status"] == CLOSED and record["verified_on"] <= as_of:
        return CLOSED, record["closed_on"], record["verifier"], record["verified_on"]
    if record["status"] == OPEN or (as_of - found).days < 2:
        return OPEN, None, None, None
    return IN_PROGRESS, None, None, None


def snapshot(records: Iterable[dict], as_of: dt.date) -> list[dict]:
    """The records found up to ``as_of``, each a copy with its status as of ``as_of`` (a cumulative ledger)."""
    out = []
    for rec in records:
        if rec["found_on"] <= as_of:
            status, closed, verifier, verified = status_as_of(rec, as_of)
            out.append(
                {**rec, "status": status, "closed_on": closed, "verifier": verifier, "verified_on": verified}
            )
    return out


def check_invariants(records: Sequence[dict], as_of: dt.date) -> list[str]:
    """Rule violations in a snapshot (empty for clean generated data). Deadlines may lie after ``as_of``."""
    problems: list[str] = []
    limit = month_end(as_of) if as_of == month_end(as_of) else as_of
    seen: set[str] = set()
    name_of: dict[str, str] = {}
    code_of: dict[str, str | None] = {}
    for rec in records:
        hid = rec.get("hazard_id") or "?"
        if set(rec) != set(HAZARD_KEYS):
            problems.append(f"{hid}: keys differ from HAZARD_KEYS")
        for key in REQUIRED_KEYS:
            if rec.get(key) in (None, ""):
                problems.append(f"{hid}: {key} empty")
        if hid in seen:
            problems.append(f"{hid}: duplicate hazard_id")
        seen.add(hid)
        found, deadline = rec.get("found_on"), rec.get("deadline")
        closed, verified = rec.get("closed_on"), rec.get("verified_on")
        if rec.get("level") not in (LEVEL_GENERAL, LEVEL_MAJOR):
            problems.append(f"{hid}: level {rec.get('level')!r}")
        if rec.get("status") not in (CLOSED, IN_PROGRESS, OPEN):
            problems.append(f"{hid}: status {rec.get('status')!r}")
        if found and deadline and deadline < found:
            problems.append(f"{hid}: deadline before found_on")
        if found and found > limit:
            problems.append(f"{hid}: found_on after {limit}")
        if (rec.get("status") == CLOSED) != (closed is not None):
            problems.append(f"{hid}: status {rec.get('status')} but closed_on {closed}")
        if closed is not None:
            if found and closed < found:
                problems.append(f"{hid}: closed_on before found_on")
            if closed > limit:
                problems.append(f"{hid}: closed_on after {limit}")
            if not rec.get("verifier"):
                problems.append(f"{hid}: closed without verifier")
            if verified is None or verified < closed or verified > limit:
                problems.append(f"{hid}: verified_on {verified} not in [closed_on, {limit}]")
        elif rec.get("verifier") or verified:
            problems.append(f"{hid}: verifier/verified_on on an unclosed hazard")
        code, unit = rec.get("uscc"), rec.get("unit")
        if code:
            if not is_valid_uscc(code):
                problems.append(f"{hid}: invalid uscc {code}")
            if name_of.setdefault(code, unit) != unit:
                problems.append(f"{hid}: uscc {code} used by {name_of[code]} and {unit}")
        if unit and code_of.setdefault(unit, code) != code:
            problems.append(f"{hid}: {unit} has codes {code_of[unit]} and {code}")
    return problems
