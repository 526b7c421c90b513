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


# ---------------------------------------------------------------------------------------------------
# 全员安全生产责任清单 (domain.md §4): one list per enterprise, five levels from 主要负责人 to 岗位人员.
#
# Posts are keyed by their text; every post has its own duty (安全生产法 第五条、第二十一条、第二十二条、
# 第二十五条 language), so two different posts of one enterprise never share a duty. Parallel teams
# (一车间甲班/乙班) use a template with the team's name, so their texts differ as well.

RESP_LEVELS: tuple[str, ...] = ("主要负责人", "分管负责人", "部门负责人", "班组长", "岗位人员")
RESP_KEYS: tuple[str, ...] = (
    "unit", "uscc", "level", "dept", "post", "name", "duty", "standard", "method", "signed_on", "note",
)  # fmt: skip
RESP_REQUIRED: tuple[str, ...] = ("unit", "level", "post", "name", "duty", "standard", "signed_on")
RESP_SIGN_START, RESP_SIGN_END = dt.date(2026, 1, 5), dt.date(2026, 3, 31)
RESP_MIN_DUTY = 25  # characters, punctuation not counted

_MAIN_DUTY: dict[str, str] = {
    "总经理": "建立健全并落实本单位全员安全生产责任制，加强安全生产标准化建设；组织制定并实施本单位安全生产规章制度和操作规程；"
              "组织制定并实施本单位安全生产教育和培训计划；保证本单位安全生产投入的有效实施；组织建立并落实安全风险分级管控和"
              "隐患排查治理双重预防工作机制，督促、检查本单位的安全生产工作，及时消除生产安全事故隐患；组织制定并实施本单位的"
              "生产安全事故应急救援预案；及时、如实报告生产安全事故。",
    "董事长": "对本单位安全生产工作全面负责，是安全生产第一责任人；主持研究安全生产重大事项，保证安全生产所需资金、物资和人员投入；"
              "督促经理层建立健全全员安全生产责任制和考核机制，每季度至少听取一次安全生产工作汇报，支持安全管理机构依法履职。",
    "厂长": "全面负责本厂安全生产工作，建立健全全员安全生产责任制和安全生产规章制度；保证安全生产投入，配齐安全管理人员和劳动防护用品；"
            "每月至少组织一次全厂安全检查，督促隐患整改到位；组织开展从业人员安全培训和应急演练，及时如实报告生产安全事故。",
    "经理": "对本单位安全生产工作全面负责；组织制定安全管理制度和岗位操作规程，保证消防设施、安全设备完好有效；组织员工开展"
            "安全教育培训和消防演练；定期检查经营场所安全状况，及时消除事故隐患，发生事故及时如实报告。",
    "理事长": "全面负责本合作社安全生产工作，建立并落实全员安全生产责任制；保证农机具、农药库房等安全投入；组织社员开展农机操作、"
              "农药使用安全培训，农忙季节前组织田间作业和仓储场所安全检查，及时消除隐患。",
    "校长": "全面负责学校安全工作，是学校安全第一责任人；建立健全学校安全管理制度和全员安全责任体系，保证校舍、消防、食堂等"
            "安全投入；组织开展安全教育和应急疏散演练，每月组织校园安全隐患排查，及时消除隐患并按规定报告安全事故。",
    "园长": "全面负责幼儿园安全工作；建立健全安全管理制度和岗位安全责任，落实幼儿接送、食品、消防、大型玩具等安全管理措施；"
            "组织教职工安全培训和每季度应急疏散演练，定期排查园舍隐患，发生事故及时如实报告。",
    "院长": "全面负责本院安全生产工作，建立健全全员安全生产责任制；保证消防设施、用电用气、食品安全等方面的投入；组织开展员工"
            "安全培训和夜间消防应急演练，每月组织安全检查，督促整改隐患，确保入住老人生命财产安全。",
    "法定代表人": "依法履行本单位安全生产第一责任人职责，对安全生产工作全面负责；建立健全并落实全员安全生产责任制和安全生产规章制度，"
                  "组织制定并实施安全生产教育培训计划和应急救援预案，督促检查安全生产工作，及时消除生产安全事故隐患。",
    "实际控制人": "与法定代表人共同承担本单位安全生产第一责任人责任；保证安全生产所需资金、人员和设备投入，不得干预安全管理机构"
                  "依法履职，不得违章指挥或者强令他人冒险作业；定期听取安全生产情况汇报，研究解决重大安全问题。",
}  # fmt: skip

_DUTY: dict[str, str] = {
    # 分管负责人
    "安全总监": "协助主要负责人履行安全生产管理职责，组织落实全员安全生产责任制考核；负责安全管理机构和人员的日常管理，组织开展"
                "安全风险辨识评估和隐患排查治理，跟踪督办重大事故隐患整改，有权制止违章指挥和违章作业。",
    "分管安全副总经理": "具体分管本单位安全生产工作，组织制定年度安全生产工作计划和安全生产投入计划；组织安全检查和隐患排查治理，"
                        "每月召开安全生产例会；组织编制修订应急预案并每半年组织一次演练；督促落实安全教育培训和特种作业持证上岗。",
    "生产副总经理": "在分管的生产工作中落实“管生产必须管安全”要求，安排生产计划时同步安排安全措施；督促各车间执行安全操作规程"
                    "和设备检维修安全规定，组织生产系统安全检查，对生产区域的事故隐患组织整改。",
    "运营副总经理": "对分管的经营、仓储、物流等业务安全负责，落实“管业务必须管安全”要求；组织分管部门开展安全检查和消防巡查，"
                    "督促落实外来施工、动火作业审批和承包商安全管理，协调解决分管范围内的安全问题。",
    "总工程师": "负责施工技术中的安全管理，组织审核危险性较大的分部分项工程专项施工方案，对超过一定规模的危大工程组织专家论证；"
                "组织安全技术交底，解决施工中的重大安全技术问题。",
    "分管安全副厂长": "协助厂长抓好全厂安全生产工作，具体负责安全检查、隐患整改、安全培训和劳动防护用品发放管理；组织落实设备"
                      "定期维护保养，督促特种作业人员持证上岗，每周组织一次生产现场安全巡查。",
    "生产副厂长": "负责生产调度中的安全管理，合理安排生产任务，不安排超负荷、疲劳作业；督促车间落实开停机和检维修安全措施，"
                  "对发现的设备设施隐患组织整改，参与事故调查处理。",
    "分管安全副经理": "协助经理负责经营场所安全管理工作，组织每日防火巡查和每月安全检查，管理消防设施器材和安全出口、疏散通道；"
                      "组织员工消防安全培训和灭火疏散演练，督促隐患整改。",
    "业务副经理": "负责接车、试车和客户车辆进出厂环节的安全管理，督促试车人员持证驾驶、限速行驶，落实客户休息区消防安全和"
                  "车辆停放秩序。",
    "分管安全副校长": "协助校长负责学校安全管理，组织制定校园安全工作计划和应急预案；统筹校园安保、消防、交通、防溺水、食品卫生"
                      "等安全工作，组织每月安全隐患排查和每学期应急疏散演练，督促落实安全教育课时。",
    "分管后勤副校长": "负责学校后勤保障中的安全工作，组织校舍、用电、燃气、食堂、饮用水等设施设备定期检查维护；督促落实食堂"
                      "从业人员健康管理和食品留样制度，对后勤领域发现的隐患组织整改。",
    "分管安全副园长": "协助园长负责幼儿园安全管理，组织晨检、午检和幼儿接送安全管理，落实大型玩具、门窗护栏等设施定期检查，"
                      "组织教职工每季度应急疏散演练。",
    "分管安全副院长": "协助院长负责本院安全管理，组织开展消防、用电、用气、防跌倒、防走失等安全检查；督促落实24小时值班和夜间"
                      "巡查制度，组织员工消防安全培训和应急演练，跟踪隐患整改。",
    "业务副院长": "负责护理、医疗等业务工作中的安全管理，督促落实老人入院评估和护理分级制度，组织防跌倒、防噎食、防压疮等"
                  "风险评估，对护理服务中的安全隐患组织整改。",
    "分管安全副理事长": "协助理事长负责合作社安全生产工作，组织农机具年度检验和驾驶操作人员培训，管理农药、化肥仓库的储存和领用，"
                        "组织农忙季节安全检查。",
    "生产副理事长": "负责组织社员生产作业，合理安排农时和农机作业计划，督促田间作业、农产品分拣包装环节落实安全措施，组织农忙前"
                    "农机安全检查。",
    # 部门负责人
    "安全环保部部长": "负责本单位安全生产日常管理，组织或者参与拟订安全生产规章制度、操作规程和应急救援预案；组织开展安全教育培训"
                      "并如实记录；检查安全生产状况，及时排查隐患并提出改进建议；制止和纠正违章指挥、强令冒险作业和违反操作规程的行为。",
    "生产部经理": "组织本部门按照安全操作规程安排生产，落实生产过程中的风险管控措施；组织开展生产现场每周安全检查，对发现的隐患"
                  "制定整改措施并限期完成；参与新工艺、新设备投用前的安全评审。",
    "设备部经理": "负责全厂设备设施安全管理，建立设备台账和特种设备档案，组织特种设备定期检验和安全附件校验；制定设备检维修计划，"
                  "落实检维修作业前能量隔离、上锁挂牌等安全措施。",
    "一车间主任": "对本车间安全生产负直接管理责任，组织制定车间岗位操作规程，落实班组安全活动；每日巡查车间作业现场，督促员工"
                  "正确佩戴劳动防护用品，组织车间级安全教育，对车间隐患立查立改。",
    "二车间主任": "负责二车间生产现场安全管理，落实机械设备防护罩、急停装置等安全防护措施完好；组织车间交接班安全检查，监督"
                  "有限空间、动火等危险作业审批执行，配合开展事故应急处置。",
    "仓储部经理": "负责原料、成品仓库和装卸作业的安全管理，落实物品分类分区存放、堆垛限高和通道畅通要求；管理叉车等场（厂）内"
                  "机动车辆，督促仓库每日防火巡查，组织仓储人员开展消防培训。",
    "生产技术部经理": "负责工艺安全管理，组织编制和修订工艺操作规程及工艺卡片，落实工艺变更管理；组织开展危险与可操作性分析，"
                      "监督工艺指标执行，发现异常工况立即组织处置。",
    "储运部经理": "负责危险化学品储存、装卸和运输环节的安全管理，落实出入库登记、双人双锁和储存限量要求；督促装卸作业执行静电"
                  "接地和监护制度，管理罐区液位、温度、压力监测报警设施。",
    "安全部经理": "负责加油站安全管理制度的制定和执行检查，管理油罐、加油机、防雷防静电设施的定期检测，组织员工安全培训考核，"
                  "建立隐患排查治理台账并督促整改。",
    "站长": "负责加油站日常安全运营，组织每班安全检查和交接班，监督卸油作业全过程，落实卸油时静电接地和停止加油等措施；"
            "管理消防器材和应急物资，组织员工每季度开展一次应急演练。",
    "营业部经理": "负责便利店和加油服务区域的经营安全，督促员工落实加油现场禁止吸烟、禁止使用手机等规定，管理非油品商品的储存"
                  "和消防安全，配合做好车辆疏导。",
    "综合部主任": "负责员工安全培训档案、特种作业人员证书和安全会议记录管理，组织劳动防护用品采购发放，督促外来施工人员安全"
                  "告知和登记。",
    "安全保卫部经理": "负责经营场所治安保卫和消防安全管理，落实每日防火巡查、每月防火检查，维护消防控制室值班和消防设施完好；"
                      "保持疏散通道、安全出口畅通，组织员工灭火和疏散演练。",
    "营运部经理": "负责卖场营运中的安全管理，督促货架稳固、商品堆码规范，落实营业前后安全检查；组织大型促销活动前的安全评估"
                  "和人流疏导方案，处置卖场内突发事件。",
    "工程部经理": "负责供配电、电梯、空调、燃气等设施设备的运行维护和安全检查，落实特种设备定期检验，管理外来施工单位和动火"
                  "作业审批，及时排除设备设施故障和隐患。",
    "安全部部长": "负责施工现场安全管理日常工作，组织开展安全巡查和隐患排查，监督危险性较大的分部分项工程专项方案实施；组织"
                  "三级安全教育和安全技术交底检查，督促落实安全防护设施和安全文明施工措施费使用。",
    "工程技术部经理": "负责施工组织设计和专项施工方案的编制审核，组织脚手架、模板支撑、起重机械等验收；对施工工序安全技术措施"
                      "落实情况进行检查，组织处理施工中的技术性安全问题。",
    "设备物资部经理": "负责塔式起重机、施工升降机等起重机械和施工机具的进场验收、安装拆卸、使用登记和维护保养管理；负责安全"
                      "防护用品和安全网、脚手架材料的采购质量把关。",
    "项目经理": "对所负责工程项目的安全生产负全面责任，落实项目安全生产责任制，按规定配备专职安全生产管理人员；组织制定项目"
                "安全施工措施，保证安全防护和文明施工措施费用专款专用，组织项目每周安全检查。",
    "安全质量部部长": "负责安装维保作业的安全和质量管理，审核施工方案和作业指导书，组织作业人员持证上岗核查和安全交底，检查"
                      "作业现场安全措施落实，督促隐患整改。",
    "安装工程部经理": "组织电梯、起重机械安装改造工程的施工，编制安装方案并落实施工告知手续，配备合格的吊装工具和防护用品，"
                      "组织安装完工自检和报检。",
    "维保部经理": "制定设备维保计划并组织实施，落实半月维保和应急救援24小时值守，统计分析故障和困人事件，督促维保人员规范"
                  "作业并按时填写记录。",
    "安全运营部经理": "负责道路运输安全管理日常工作，组织驾驶员安全教育和每月安全例会，落实车辆动态监控和违规行为处理，开展"
                      "车辆出车前安全检查，建立驾驶员安全档案。",
    "车辆技术部经理": "负责营运车辆技术管理，组织车辆定期维护、二级维护和综合性能检测，落实车辆技术档案管理，确保车辆制动、"
                      "灯光、轮胎等安全部件技术状况良好。",
    "调度中心主任": "负责运输调度中的安全管理，合理安排运输任务和驾驶员作息，防止超时驾驶和疲劳驾驶；落实恶劣天气停运和线路"
                    "风险提示制度，组织动态监控人员24小时值守。",
    "政教处主任": "负责学生安全教育和日常安全管理，组织开展防溺水、交通、消防、防欺凌等专题教育；落实学生上下学和课间安全值日"
                  "制度，组织应急疏散演练，及时处置学生安全事件。",
    "总务处主任": "负责校舍、教学设施设备、用电、消防器材和食堂的安全管理，组织每月校舍和设施安全检查，建立隐患台账并及时维修"
                  "整改，落实食堂食品安全管理制度。",
    "教务处主任": "负责教学活动中的安全管理，落实实验室危险化学品管理、体育课和课外活动安全规定；将安全教育纳入课程计划并检查"
                  "课时落实情况，组织校外活动安全预案审核。",
    "办公室主任": "负责安全生产会议组织、文件收发和安全管理档案建立归档，督促各部门按时报送安全检查记录和隐患整改情况；负责"
                  "来访人员登记和车辆出入管理，协助开展应急值守。",
    "护理部主任": "负责护理服务安全管理，组织老人入院评估和护理等级确定，落实防跌倒、防噎食、防走失、防压疮措施；检查护理员"
                  "夜间巡查记录，组织护理人员应急救护培训。",
    "后勤保障部主任": "负责院内用电、用气、消防设施、电梯和膳食的安全管理，落实厨房燃气报警装置和电动车集中充电管理，每周组织"
                      "后勤设施安全检查并督促维修整改。",
    "餐饮部经理": "负责餐饮区域安全管理，落实厨房燃气使用、油烟管道定期清洗和食品安全制度；督促后厨每日关火断气检查，组织餐饮"
                  "员工消防和燃气泄漏应急处置培训。",
    "客房部经理": "负责客房区域的安全管理，落实客房消防设施检查和禁烟提示，督促服务员做好客房电器、门锁和窗户限位检查；发现"
                  "可疑情况及时报告，配合组织旅客疏散。",
    "客服部经理": "负责业主装修和入住安全告知，受理安全隐患报修并跟踪处理，组织开展小区消防安全宣传，配合清理电动自行车违规"
                  "停放充电。",
    "维修车间主任": "负责维修车间安全管理，落实举升机、轮胎拆装机等设备操作规程，管理喷漆房、废机油和易燃物品储存，督促维修"
                    "人员规范使用劳动防护用品。",
    "配件部经理": "负责配件和油料、油漆等易燃物品采购、储存和发放管理，落实易燃物品专库存放和限量领用，督促配件库防火检查。",
    # 班组长 (@…: a template for parallel teams, {team} the team's name)
    "@生产班": "组织{team}班前安全讲话和交接班检查，合理安排本班作业人员，监督班组成员遵守操作规程、正确佩戴劳动防护用品；"
                  "发现隐患立即处置或报告车间，班组发生险情时组织人员撤离。",
    "机加工班班长": "负责机加工班设备开机前安全检查，确保机床防护罩、急停按钮完好；督促员工不戴手套操作旋转设备，工件装夹"
                    "牢固；每班做好设备点检和安全活动记录。",
    "仓储组组长": "负责本组仓库物品收发和堆码安全，检查货架承重、堆垛高度和消防通道；督促叉车司机规范驾驶，每日下班前检查"
                  "断电和门窗关闭情况。",
    "维修班班长": "组织维修班开展设备检维修作业，作业前办理检维修作业票，落实停电、挂牌、专人监护；检查维修工具和登高用具"
                  "完好，组织维修人员安全技能培训。",
    "储运班班长": "组织储运班执行装卸作业规程，检查槽车静电接地、车辆熄火和防护用品佩戴；监护罐区进出料操作，巡检罐区液位、"
                  "温度和可燃气体报警仪。",
    "@加油班": "负责{team}当班安全，组织交接班检查加油机、静电接地和消防器材；制止加油现场吸烟、接打手机和用不合格"
                      "容器加注汽油等行为，发生油品泄漏立即组织处置。",
    "卸油组组长": "组织卸油作业前检查油罐车静电接地和计量，卸油全过程现场监护，严禁卸油时加油；检查卸油口、量油孔密封和油气"
                  "回收设施。",
    "生鲜组组长": "负责生鲜区用电、冷库和刀具使用安全，检查冷库门内开启装置和报警按钮完好；督促员工湿手不操作电器，地面湿滑"
                  "及时处理并设置警示。",
    "收货组组长": "负责收货区装卸作业安全，指挥送货车辆倒车停靠，监督搬运人员规范使用液压搬运车，防止货物坠落和挤压伤害。",
    "保安班班长": "负责安排保安员岗位和巡逻路线，检查夜间防火巡查记录和消防控制室值班情况，发现火情立即报警并组织初起火灾"
                  "扑救和人员疏散。",
    "工程维修班班长": "组织工程维修人员对配电室、电梯机房、空调机组进行日常巡检，落实电工作业监护和登高作业安全措施，记录"
                      "设备运行异常并及时处理。",
    "钢筋班班长": "组织钢筋班作业前安全交底，检查钢筋切断机、弯曲机等机具防护和接地；监督钢筋吊运捆绑牢固，高处绑扎钢筋时"
                  "正确系挂安全带。",
    "木工班班长": "组织木工班模板支设和拆除作业，按专项方案搭设模板支撑，拆模时设置警戒区；检查电锯、电刨防护装置，督促作业"
                  "层及时清理木屑。",
    "架子工班班长": "组织架子工按方案搭设和拆除脚手架，检查连墙件、剪刀撑和脚手板设置，督促架子工持证上岗、系挂安全带，"
                    "恶劣天气停止作业。",
    "机械班班长": "负责塔式起重机、施工升降机等机械的日常检查和交接班记录，监督司机和信号司索工持证上岗，落实“十不吊”规定"
                  "和限位装置完好。",
    "安装一组组长": "组织电梯（起重机械）安装作业前安全交底，设置作业区域围挡和警示标志，检查井道防护、安全带和吊装索具，"
                    "作业中落实专人监护。",
    "维保一组组长": "按维保计划组织设备日常维护保养，落实维保作业前断电挂牌和轿顶操作规范，及时处置困人故障，做好维保记录。",
    "货运一班班长": "组织本班驾驶员出车前安全检查和安全告诫，核查驾驶员身体和精神状态，严禁酒后驾驶和疲劳驾驶；督促货物"
                    "装载规范，不超载、不超限。",
    "危货运输班班长": "组织危险货物运输车辆出车前检查罐体、阀门和应急器材，核对运单和押运人员，督促按规定路线和时间行驶，"
                      "发生泄漏时组织应急处置并报告。",
    "@年级组": "组织{team}教师开展课间、午休和放学时段安全巡查，落实每日学生安全提醒和防溺水、交通安全教育；学生缺勤及时"
                  "联系家长，发现安全隐患立即报告。",
    "后勤组组长": "负责校舍门窗、电器、水电线路的日常巡查和维修，管理消防器材台账，保持疏散通道畅通，发现设施损坏当天报修或"
                  "设置警示。",
    "食堂班长": "负责食堂日常安全管理，检查燃气灶具、燃气报警装置和排烟设施，落实食品留样、原料索证和从业人员晨检，每日"
                "收工后关闭燃气阀门。",
    "@护理组": "组织{team}护理员落实交接班和夜间两小时一次巡房制度，检查老人房间电器、呼叫器和床护栏，防范跌倒、"
                      "噎食、走失等意外，发现异常立即处置并报告。",
    "厨房班班长": "负责厨房燃气、电器使用安全和食品安全，落实燃气泄漏报警器定期检查、油烟机每月清洗，督促厨师规范用火，收工"
                  "后关火断气断电。",
    "后勤维修组组长": "负责院内供电线路、电梯、热水器等设施的日常巡检和维修，管理电动车集中充电场所，检查消防器材完好，发现"
                      "隐患及时维修或上报。",
    "客房服务组组长": "组织客房服务员每日检查客房电器、消防设施和疏散图，督促落实客房禁烟提示和可疑情况报告，清扫作业时注意"
                      "用电和登高安全。",
    "保洁组组长": "组织保洁员规范使用清洁剂和清洁机械，湿滑地面设置警示标志，高处保洁作业落实安全带和专人监护，定期检查保洁"
                  "用品储存。",
    "机修组组长": "组织机修组作业前检查举升机、千斤顶等设备，督促车底作业放置安全支架，发动机试车时保持通风，防止尾气中毒。",
    "钣喷组组长": "负责钣金喷漆作业安全，督促喷漆在喷漆房内进行并开启通风，油漆稀料按当班用量领用，打磨作业佩戴防尘口罩，"
                  "严禁烟火。",
    "种植一组组长": "组织本组社员开展田间作业安全检查，监督农药配制和喷洒时穿戴防护用品，农机下田前检查制动和防护装置，雷雨"
                    "天气停止田间作业。",
    # 岗位人员
    "操作工": "严格遵守本岗位安全操作规程，上岗前检查设备防护装置和急停按钮完好；正确佩戴劳动防护用品，不擅自拆除安全装置；"
              "发现设备异常或隐患立即停机并报告班长。",
    "冲压工": "操作冲床前检查光电保护、双手按钮和离合制动装置，严禁手伸入模具区域；换模、调模时切断电源并使用专用工具，发现"
              "连冲等异常立即停机报告。",
    "浇注工": "浇注前检查浇包、吊具和砂型干燥情况，穿戴隔热防护服、防护面罩和防护鞋，浇注场地保持干燥无积水，防止铁水飞溅"
              "和爆炸烫伤。",
    "搅拌机操作工": "开机前检查搅拌机防护罩、急停和料门限位，清理搅拌罐内部必须切断电源、上锁挂牌并专人监护，严禁将身体伸入"
                    "运转中的搅拌机。",
    "石材切割工": "操作石材切割机前检查锯片防护罩和喷水降尘装置，佩戴防尘口罩和护目镜，吊运石材时检查吊具并远离吊物下方。",
    "包装工": "按规程操作封口机、打包机等包装设备，不在设备运转时清理卡料，保持作业区域整洁，纸箱等可燃物按规定位置堆放。",
    "缝纫工": "正确使用缝纫设备，不私自拆卸针护罩和皮带防护罩，下班时关闭设备电源；保持车间通道畅通，不在车间内吸烟和使用"
              "明火。",
    "木工机械操作工": "操作木工机械前检查防护罩和锯片，严禁徒手推送短小木料，每班清理设备和地面积尘，发现除尘系统故障立即"
                      "停机报告。",
    "叉车司机": "持特种设备作业人员证上岗，每班作业前检查叉车制动、转向、喇叭和灯光；严禁超载、超速、载人和货叉下站人，停车"
                "时货叉落地、拉紧手刹。",
    "电工": "持电工特种作业操作证上岗，严格执行停电、验电、挂接地线和悬挂警示牌制度；定期检查配电箱、线路绝缘和漏电保护器，"
            "严禁私拉乱接和带电作业，做好电气巡检记录。",
    "焊工": "持焊接与热切割特种作业操作证上岗，动火作业前办理动火审批并清理周边可燃物；配备灭火器材和专人监护，作业结束后"
            "检查确认无火种方可离开。",
    "仓管员": "负责仓库物品分类存放和出入库登记，危险物品单独存放、双人双锁；每日巡查仓库温湿度和消防器材，保持通道和安全"
              "出口畅通，下班前切断仓库电源。",
    "维修工": "检维修作业前确认设备已停机断电并上锁挂牌，使用合格的工具和登高器具；作业中不拆除安全防护装置，作业后及时恢复"
              "防护设施并试车确认。",
    "内操员": "负责中控室DCS系统监控，严格控制工艺指标在安全范围内，发现报警和异常工况及时分析处置并通知外操；不擅自修改"
              "联锁设定值，认真填写操作记录。",
    "外操员": "按巡检路线检查设备、管道、阀门的运行状况和泄漏情况，严格执行操作票制度；进入装置区穿戴防静电工作服，发现泄漏"
              "立即报告并按应急预案处置。",
    "装卸工": "装卸危险化学品前检查槽车静电接地和车辆熄火，轻装轻卸，不撞击、不拖拉包装容器；作业时穿戴防护用品，严禁在装卸"
              "区吸烟或使用明火。",
    "充装工": "持气瓶充装作业人员证上岗，充装前逐只检查气瓶检验日期和外观，严禁超装、错装，充装过程监视压力，发现泄漏立即关阀"
              "处置。",
    "加油员": "按规程为车辆加油，提示车辆熄火并禁止吸烟、接打手机；不为不合格容器加注汽油，发现油品滴漏立即处理，熟练使用"
              "灭火器材。",
    "卸油员": "卸油前检查油罐车静电接地、卸油管连接和油罐液位，卸油时全程监护，防止溢油、冒罐；卸油结束静置后方可计量和恢复"
              "加油。",
    "便利店收银员": "遵守收银区域用电安全规定，不在收银台私接电器；熟悉加油站紧急停机按钮位置和疏散路线，发生火情时协助疏散"
                    "顾客并报警。",
    "营业员": "上岗前检查货架、冷柜、电器插座等设施完好，商品堆码稳固不超高；保持卖场通道和安全出口畅通，发现顾客受伤或设施"
              "隐患及时报告处理。",
    "收银员": "遵守收银区用电安全规定，不私接电器和充电设备；熟悉就近安全出口和消防器材位置，遇火灾等突发事件时引导顾客有序"
              "疏散。",
    "保安员": "按时开展防火巡查和治安巡逻，检查安全出口、疏散通道和消防设施，制止吸烟、违规用火用电行为；发现火情立即报警并"
              "扑救初起火灾，引导人员疏散。",
    "架子工": "持建筑架子工特种作业操作资格证上岗，严格按专项方案搭设拆除脚手架，高处作业正确系挂安全带，不在恶劣天气和夜间"
              "无照明条件下作业。",
    "钢筋工": "按交底要求加工和绑扎钢筋，使用钢筋机械前检查防护罩和接地，不在钢筋骨架上攀爬，高处作业系好安全带，材料堆放"
              "整齐。",
    "塔式起重机司机": "持建筑起重机械司机证上岗，作业前检查限位、力矩限制器和钢丝绳，严格执行“十不吊”，听从信号司索工指挥，"
                      "风力六级以上停止作业。",
    "信号司索工": "持证上岗，吊装前检查吊索具和捆绑方式，正确发出指挥信号，吊物下方设置警戒区域禁止人员停留，吊物未落稳不得"
                  "摘钩。",
    "电梯安装维修工": "持电梯作业人员证上岗，进入井道和轿顶作业前切断电源、设置警示，正确使用安全带和工作灯；不在无监护情况下"
                      "单人进入底坑作业。",
    "起重机械安装维修工": "持起重机械作业人员证上岗，安装拆卸作业按方案进行，高处作业系挂安全带，吊装时设置警戒区，不在大风"
                          "雨雪天气进行安装作业。",
    "驾驶员": "持有效驾驶证和从业资格证上岗，出车前检查车辆制动、轮胎、灯光，不超速、不超载、不疲劳驾驶，连续驾驶4小时停车"
              "休息不少于20分钟，遇事故及时报告。",
    "押运员": "持危险货物道路运输押运人员资格证上岗，全程监管所运危险货物，检查罐体阀门和安全标志，不擅离车辆，发生泄漏按应急"
              "处置卡处置并报警。",
    "动态监控员": "24小时监控车辆运行状态，对超速、疲劳驾驶、偏离路线等违规行为及时提醒纠正并记录，发现车辆离线立即核查，按"
                  "规定上报违规处理情况。",
    "修理工": "按维修工艺规范作业，举升车辆时确认支撑牢固，车底作业放置安全支架；检修制动、转向等安全部件严格试验验收，废机油"
              "等危险废物按规定存放。",
    "汽车维修工": "使用举升机前检查保险锁止装置，车辆举升后及时落锁；不在车间内吸烟或动用明火，规范存放油料和废机油，试车时"
                  "限速行驶。",
    "喷漆工": "在喷漆房内进行喷漆作业，佩戴防毒面具和防护手套，调漆时远离火源，作业完毕将剩余油漆和废稀料放入专用容器，不在"
              "喷漆区吸烟。",
    "班主任": "每日开展晨午检和安全提醒，掌握学生出勤和健康状况；落实班级防溺水、交通、消防安全教育，组织学生参加应急疏散演练，"
              "发现学生安全问题及时报告并联系家长。",
    "宿舍管理员": "负责学生宿舍安全管理，落实就寝点名和夜间巡查，严禁学生在宿舍使用大功率电器和明火，保持宿舍疏散通道畅通，"
                  "发现异常立即报告值班领导。",
    "门卫": "严格执行外来人员、车辆登记查验制度，上下学时段在校门口护导，会使用防暴器械，遇突发事件第一时间报警并报告学校。",
    "厨师": "遵守食品加工操作规程，规范使用燃气灶具和刀具，不离火作业，每日收工后关闭燃气阀门和电源，保持厨房地面清洁防滑。",
    "实验员": "负责实验室危险化学品和仪器设备管理，化学品双人双锁、领用登记，实验前检查通风和消防器材，实验结束清点药品并关闭"
              "水电。",
    "护理员": "按护理等级为老人提供生活照料，协助行动不便老人如厕、洗浴，防止跌倒和烫伤；喂饭时防止噎食，夜间按时巡房，发现"
              "老人身体异常立即报告。",
    "护士": "按医嘱为老人发放和管理药品，防止错服漏服；监测老人生命体征，掌握心肺复苏等急救技能，发现病情变化及时处置并通知"
            "家属。",
    "服务员": "熟悉餐厅安全出口和灭火器位置，规范使用卡式炉、酒精炉等加热器具，上菜时提醒顾客防烫，发现燃气异味立即报告并"
              "疏散顾客。",
    "客房服务员": "清扫客房时检查电器、插座和烟感报警器状况，发现私拉电线、使用大功率电器等情况及时报告；熟悉本楼层疏散路线，"
                  "发生火情时逐房通知旅客疏散。",
    "保洁员": "规范使用清洁剂和清洁设备，不混用化学清洁剂；湿拖地面时放置防滑警示牌，高处擦拭使用合格登高工具，清洁配电箱"
              "周边时不触碰电气设备。",
    "农机手": "持拖拉机和联合收割机驾驶证上岗，作业前检查农机制动、转向和防护装置，不酒后驾驶农机，不在农机运转时清理堵塞物，"
              "不违规载人。",
    "植保员": "配制和喷洒农药时穿戴防护服、口罩和手套，严格按说明用量配药，喷药后及时清洗，剩余农药和包装废弃物回收入库，"
              "不在田间进食吸烟。",
}  # fmt: skip

# Posts that need a 特种作业 / 特种设备作业 certificate: their own assessment standard and a note.
_SPECIAL_WORK = ("电工", "焊工", "架子工")
_SPECIAL_EQUIP = (
    "叉车司机",
    "塔式起重机司机",
    "信号司索工",
    "电梯安装维修工",
    "起重机械安装维修工",
    "充装工",
)

_STANDARDS: dict[str, tuple[str, ...]] = {
    "主要负责人": (
        "全年不发生生产安全责任事故；隐患整改率100%；安全生产投入足额到位；每半年至少组织一次应急演练；全员安全生产责任制"
        "考核覆盖率100%。",
        "未发生一般及以上生产安全事故；重大事故隐患动态清零；每季度至少主持召开一次安全生产专题会议；安全生产标准化达标并保持。",
        "年度安全生产目标全部完成；安全培训计划完成率100%；主要负责人安全生产知识和管理能力考核合格；隐患排查治理台账完整。",
    ),
    "分管负责人": (
        "分管范围内未发生生产安全事故；每月组织安全检查不少于1次；一般隐患按期整改率100%，重大隐患整改率100%；年度安全培训"
        "计划完成率100%。",
        "分管领域安全生产目标完成；每季度组织一次专项检查；应急预案每年评审修订；违章行为查处记录完整。",
    ),
    "部门负责人": (
        "本部门全年无轻伤以上事故；每周组织检查1次，隐患按期整改率100%；员工安全教育培训合格率100%；特种作业人员持证率100%。",
        "部门安全目标责任书指标全部完成；安全检查记录、隐患整改记录齐全；发现隐患当日登记、限期整改；不发生违章指挥。",
    ),
    "班组长": (
        "本班组无违章作业和轻伤事故；班前安全讲话每班开展并有记录；岗位隐患当班发现当班上报；劳动防护用品佩戴率100%。",
        "班组安全活动每周不少于1次；交接班记录完整；本班组人员安全培训考试合格；无“三违”行为。",
    ),
    "岗位人员": (
        "严格遵守操作规程，全年无违章作业；正确佩戴劳动防护用品；安全培训考试合格；发现隐患及时报告。",
        "全年无违章操作和责任事故；掌握岗位应急处置卡内容；参加安全培训和应急演练；设备点检记录完整。",
    ),
    "特种作业": (
        "特种作业（特种设备作业）证件在有效期内，持证上岗率100%；全年无违章作业和责任事故；作业前安全检查记录完整。",
    ),
}  # fmt: skip
_METHODS = ("季度考核与年度考核相结合", "月度检查、年终考核", "年度考核", "日常检查与年终考评相结合")


@dataclass(frozen=True)
class _RespProfile:
    head: str  # title of the 主要负责人 (总经理, 校长 …); 91 companies may get 董事长 instead
    leaders: str  # 部门 of the 主要负责人 and 分管负责人 rows
    deputies: tuple[str, ...]
    depts: tuple[tuple[str, str], ...]  # (部门, 岗位); the first (the safety department) is always present
    teams: tuple[tuple[str, str], ...]  # (班组, 岗位); duty key "{team}…" for parallel teams
    workers: tuple[tuple[str, str], ...]  # (部门, 岗位)


_FACTORY_TEAMS = (("一车间甲班", "一车间甲班班长"), ("一车间乙班", "一车间乙班班长"), ("二车间机加工班", "机加工班班长"),
                  ("仓储组", "仓储组组长"), ("设备维修班", "维修班班长"))  # fmt: skip
_PROFILES: dict[str, _RespProfile] = {
    "factory": _RespProfile(
        "总经理", "公司领导", ("安全总监", "分管安全副总经理", "生产副总经理"),
        (("安全环保部", "安全环保部部长"), ("生产部", "生产部经理"), ("设备部", "设备部经理"), ("一车间", "一车间主任"),
         ("二车间", "二车间主任"), ("仓储部", "仓储部经理")),
        _FACTORY_TEAMS,
        (("一车间", "操作工"), ("仓储部", "叉车司机"), ("设备部", "电工"), ("设备部", "焊工"), ("仓储部", "仓管员"),
         ("设备部", "维修工")),
    ),
    "small_factory": _RespProfile(
        "厂长", "厂部", ("分管安全副厂长", "生产副厂长"),
        (("安全环保部", "安全环保部部长"), ("生产部", "生产部经理"), ("一车间", "一车间主任"), ("仓储部", "仓储部经理")),
        _FACTORY_TEAMS,
        (("一车间", "操作工"), ("仓储部", "叉车司机"), ("设备部", "电工"), ("一车间", "焊工"), ("仓储部", "仓管员")),
    ),
    "chem": _RespProfile(
        "总经理", "公司领导", ("安全总监", "分管安全副总经理", "生产副总经理"),
        (("安全环保部", "安全环保部部长"), ("生产技术部", "生产技术部经理"), ("储运部", "储运部经理"), ("一车间", "一车间主任"),
         ("设备部", "设备部经理")),
        (("一车间甲班", "一车间甲班班长"), ("一车间乙班", "一车间乙班班长"), ("储运班", "储运班班长"), ("设备维修班", "维修班班长")),
        (("中控室", "内操员"), ("一车间", "外操员"), ("储运部", "装卸工"), ("设备部", "电工"), ("储运部", "仓管员"),
         ("设备部", "维修工")),
    ),
    "station": _RespProfile(
        "总经理", "公司领导", ("安全总监", "运营副总经理"),
        (("安全部", "安全部经理"), ("加油站", "站长"), ("营业部", "营业部经理"), ("综合部", "综合部主任")),
        (("加油一班", "加油一班班长"), ("加油二班", "加油二班班长"), ("卸油组", "卸油组组长")),
        (("加油一班", "加油员"), ("卸油组", "卸油员"), ("营业部", "便利店收银员"), ("安全部", "电工")),
    ),
    "retail": _RespProfile(
        "总经理", "公司领导", ("分管安全副总经理", "运营副总经理"),
        (("安全保卫部", "安全保卫部经理"), ("营运部", "营运部经理"), ("工程部", "工程部经理"), ("仓储部", "仓储部经理")),
        (("生鲜组", "生鲜组组长"), ("收货组", "收货组组长"), ("仓储组", "仓储组组长"), ("保安班", "保安班班长")),
        (("营运部", "营业员"), ("营运部", "收银员"), ("仓储部", "仓管员"), ("仓储部", "叉车司机"), ("工程部", "电工"),
         ("安全保卫部", "保安员")),
    ),
    "small_shop": _RespProfile(
        "经理", "店部", ("分管安全副经理",),
        (("安全保卫部", "安全保卫部经理"), ("营运部", "营运部经理"), ("仓储部", "仓储部经理")),
        (("生鲜组", "生鲜组组长"), ("收货组", "收货组组长"), ("仓储组", "仓储组组长")),
        (("营运部", "营业员"), ("营运部", "收银员"), ("仓储部", "仓管员"), ("安全保卫部", "保安员")),
    ),
    "build": _RespProfile(
        "总经理", "公司领导", ("安全总监", "分管安全副总经理", "总工程师"),
        (("安全部", "安全部部长"), ("工程技术部", "工程技术部经理"), ("设备物资部", "设备物资部经理"), ("第一项目部", "项目经理")),
        (("钢筋班", "钢筋班班长"), ("木工班", "木工班班长"), ("架子工班", "架子工班班长"), ("机械班", "机械班班长")),
        (("架子工班", "架子工"), ("钢筋班", "钢筋工"), ("机械班", "塔式起重机司机"), ("机械班", "信号司索工"),
         ("第一项目部", "电工"), ("钢筋班", "焊工")),
    ),
    "equip": _RespProfile(
        "总经理", "公司领导", ("安全总监", "分管安全副总经理"),
        (("安全质量部", "安全质量部部长"), ("安装工程部", "安装工程部经理"), ("维保部", "维保部经理")),
        (("安装一组", "安装一组组长"), ("维保一组", "维保一组组长"), ("仓储组", "仓储组组长")),
        (("安装一组", "{lift}"), ("维保部", "电工"), ("安装工程部", "焊工"), ("仓储部", "仓管员")),
    ),
    "transport": _RespProfile(
        "总经理", "公司领导", ("安全总监", "分管安全副总经理", "运营副总经理"),
        (("安全运营部", "安全运营部经理"), ("车辆技术部", "车辆技术部经理"), ("调度中心", "调度中心主任")),
        (("货运一班", "货运一班班长"), ("危货运输班", "危货运输班班长"), ("车辆维修班", "维修班班长")),
        (("货运一班", "驾驶员"), ("危货运输班", "押运员"), ("调度中心", "动态监控员"), ("车辆技术部", "修理工")),
    ),
    "school": _RespProfile(
        "校长", "校级领导", ("分管安全副校长", "分管后勤副校长"),
        (("政教处", "政教处主任"), ("总务处", "总务处主任"), ("教务处", "教务处主任"), ("办公室", "办公室主任")),
        (("{grade1}", "{grade1}组长"), ("{grade2}", "{grade2}组长"), ("后勤组", "后勤组组长"), ("食堂", "食堂班长")),
        (("{grade1}", "班主任"), ("总务处", "宿舍管理员"), ("总务处", "门卫"), ("食堂", "厨师"), ("教务处", "实验员")),
    ),
    "care": _RespProfile(
        "院长", "院领导", ("分管安全副院长", "业务副院长"),
        (("护理部", "护理部主任"), ("后勤保障部", "后勤保障部主任"), ("办公室", "办公室主任")),
        (("护理一组", "护理一组组长"), ("护理二组", "护理二组组长"), ("厨房班", "厨房班班长"), ("后勤维修组", "后勤维修组组长")),
        (("护理一组", "护理员"), ("护理部", "护士"), ("厨房班", "厨师"), ("后勤保障部", "电工"), ("后勤保障部", "保安员")),
    ),
    "hotel": _RespProfile(
        "总经理", "公司领导", ("分管安全副总经理", "运营副总经理"),
        (("安全保卫部", "安全保卫部经理"), ("工程部", "工程部经理"), ("餐饮部", "餐饮部经理"), ("客房部", "客房部经理")),
        (("厨房班", "厨房班班长"), ("保安班", "保安班班长"), ("工程维修班", "工程维修班班长"), ("客房服务组", "客房服务组组长")),
        (("厨房班", "厨师"), ("餐饮部", "服务员"), ("客房部", "客房服务员"), ("安全保卫部", "保安员"), ("工程部", "电工")),
    ),
    "property": _RespProfile(
        "总经理", "公司领导", ("分管安全副总经理", "运营副总经理"),
        (("安全保卫部", "安全保卫部经理"), ("工程部", "工程部经理"), ("客服部", "客服部经理")),
        (("保安班", "保安班班长"), ("工程维修班", "工程维修班班长"), ("保洁组", "保洁组组长")),
        (("安全保卫部", "保安员"), ("工程部", "电工"), ("保洁组", "保洁员"), ("工程部", "维修工")),
    ),
    "catering": _RespProfile(
        "总经理", "公司领导", ("分管安全副总经理", "运营副总经理"),
        (("餐饮部", "餐饮部经理"), ("工程部", "工程部经理"), ("办公室", "办公室主任")),
        (("厨房班", "厨房班班长"), ("保洁组", "保洁组组长"), ("保安班", "保安班班长")),
        (("厨房班", "厨师"), ("餐饮部", "服务员"), ("保洁组", "保洁员"), ("工程部", "电工")),
    ),
    "repair": _RespProfile(
        "经理", "经理室", ("分管安全副经理", "业务副经理"),
        (("维修车间", "维修车间主任"), ("配件部", "配件部经理"), ("办公室", "办公室主任")),
        (("机修组", "机修组组长"), ("钣喷组", "钣喷组组长"), ("设备维修班", "维修班班长")),
        (("维修车间", "汽车维修工"), ("钣喷组", "喷漆工"), ("配件部", "仓管员"), ("维修车间", "电工")),
    ),
    "coop": _RespProfile(
        "理事长", "理事会", ("分管安全副理事长", "生产副理事长"),
        (("生产部", "生产部经理"), ("仓储部", "仓储部经理"), ("办公室", "办公室主任")),
        (("种植一组", "种植一组组长"), ("仓储组", "仓储组组长"), ("设备维修班", "维修班班长")),
        (("种植一组", "农机手"), ("种植一组", "植保员"), ("仓储部", "仓管员"), ("生产部", "电工")),
    ),
}  # fmt: skip

# Parallel teams share a duty template, filled with the team's name ({team}).
_TEAM_TEMPLATES: dict[str, str] = {
    "一车间甲班班长": "@生产班", "一车间乙班班长": "@生产班", "加油一班班长": "@加油班", "加油二班班长": "@加油班",
    "护理一组组长": "@护理组", "护理二组组长": "@护理组",
}  # fmt: skip

# Posts in the form a list without a 层级 column writes them (the level must show in the post); None:
# the post is not used there. Posts not listed are written as they are.
_PLAIN_POSTS: dict[str, str | None] = {
    "分管安全副总经理": None, "生产副总经理": "生产副总", "运营副总经理": "运营副总", "总工程师": None,
    "一车间甲班班长": "甲班班长", "一车间乙班班长": "乙班班长", "站长": None, "生产副理事长": None,
}  # fmt: skip
# Sector-specific workers added to the pool (first matching name keyword wins).
_EXTRA_WORKERS: dict[str, tuple[tuple[str, tuple[str, str]], ...]] = {
    "机械": (("", ("二车间", "冲压工")),),
    "冶金": (("", ("一车间", "浇注工")),),
    "建材": (("石材", ("一车间", "石材切割工")), ("", ("一车间", "搅拌机操作工"))),
    "轻工": (("木业", ("一车间", "木工机械操作工")), ("家具", ("一车间", "木工机械操作工")), ("", ("一车间", "包装工"))),
    "纺织": (("", ("一车间", "缝纫工")),),
    "危险化学品": (("气体", ("充装车间", "充装工")),),
}  # fmt: skip

# Keywords that tell a post's level, longest match wins (副总经理 → 分管, not 总经理 → 主要); no match → 岗位人员.
RESP_POST_KEYWORDS: dict[str, tuple[str, ...]] = {
    "主要负责人": ("法定代表人", "实际控制人", "董事长", "总经理", "厂长", "校长", "园长", "院长", "理事长"),
    "分管负责人": ("安全总监", "副总经理", "副总", "分管", "副厂长", "副校长", "副园长", "副院长", "副经理",
                  "总工程师", "副理事长"),
    "部门负责人": ("部长", "经理", "主任", "站长"),
    "班组长": ("班长", "组长"),
}  # fmt: skip


def infer_level(post: str) -> str:
    """The level a post implies: the longest keyword found decides, 岗位人员 when none is found."""
    best, best_len = "岗位人员", 0
    for level, words in RESP_POST_KEYWORDS.items():
        for w in words:
            if w in post and len(w) > best_len:
                best, best_len = level, len(w)
    return best


def duty_key(text: str) -> str:
    """A duty as compared for copy-paste: NFKC, without whitespace and punctuation."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PSZ")


def _resp_profile(ent: Enterprise) -> str:
    n, sector = ent.name, ent.sector
    kind = (ent.uscc or "91")[:2]
    if sector == "教育":
        return "school"
    if sector == "养老机构":
        return "care"
    if sector == "建筑施工":
        return "build"
    if sector == "道路运输":
        return "transport"
    if sector == "特种设备":
        return "equip"
    if sector in ("危险化学品", "城镇燃气"):
        return "station" if ("加油站" in n or "液化气站" in n) else "chem"
    if sector == "商贸":
        return "small_shop" if kind == "92" else "retail"
    if sector == "文化旅游":
        return "hotel"
    if sector == "其他":
        if "合作社" in n:
            return "coop"
        if "物业" in n:
            return "property"
        if "餐饮" in n:
            return "catering"
        return "repair"
    return "small_factory" if kind == "92" else "factory"


def make_responsibility(
    county: County,
    seed: int,
    *,
    coverage: float = 0.8,
    plain_towns: Sequence[str] = (),
    dual_share: float = 0.25,
) -> dict[str, list[dict]]:
    """全员安全生产责任清单 per enterprise name (the keys of ``RESP_KEYS``), in county order.

    About ``coverage`` of the enterprises get a list (the others none; enterprises without a code always
    get one). ``dual_share`` of them name the 法定代表人 and a different 实际控制人 on two 主要负责人 rows
    (91 companies only). Towns in ``plain_towns`` write posts so that the level shows in the post (their
    lists have no 层级 column): 总经理（法定代表人）, 生产副总, 甲班班长. Uses its own ``random.Random(seed)``,
    so it does not change any other data of the county. The enterprise's owners (the hazard ledgers'
    整改责任人) fill its first rows in order: the first owner is the 法定代表人, the others the first
    分管负责人/部门负责人 (an 实际控制人 is always somebody else).
    """
    rng = random.Random(seed)
    ents = county.enterprises
    used: set[str] = set()
    for t in county.towns:
        used.update(t.verifiers)
        used.update((t.clerk, t.reviewer))
        for e in t.enterprises:
            used.update(e.owners)
    n_without = round((1 - coverage) * len(ents))
    without = set(e.name for e in rng.sample([e for e in ents if e.uscc], n_without))
    listed = [e for e in ents if e.name not in without]
    eligible = [e for e in listed if (e.uscc or "")[:2] == "91"]
    dual = set(e.name for e in rng.sample(eligible, min(len(eligible), round(dual_share * len(listed)))))
    out: dict[str, list[dict]] = {}
    for ent in listed:
        out[ent.name] = _one_list(ent, rng, used, dual=ent.name in dual, plain=ent.town in plain_towns)
    return out


def _one_list(ent: Enterprise, rng: random.Random, used: set[str], *, dual: bool, plain: bool) -> list[dict]:
    prof = _PROFILES[_resp_profile(ent)]
    owners = list(ent.owners)
    method = rng.choice(_METHODS)
    standard = {lv: rng.choice(pool) for lv, pool in _STANDARDS.items()}
    base = _weekday(RESP_SIGN_START + dt.timedelta(days=rng.randint(0, 74)), RESP_SIGN_START, RESP_SIGN_END)
    grades = ("七年级组", "八年级组") if "中学" in ent.name else ("一年级组", "三年级组")
    lift = "起重机械安装维修工" if "起重" in ent.name else "电梯安装维修工"

    def fill(s: str) -> str:
        return s.replace("{grade1}", grades[0]).replace("{grade2}", grades[1]).replace("{lift}", lift)

    def new_name() -> str:
        for _ in range(200):
            p = person_name(rng)
            if p not in used:
                used.add(p)
                return p
        raise RuntimeError("ran out of names")

    def person() -> str:
        return owners.pop(0) if owners else new_name()

    def shown(post: str) -> str | None:
        return _PLAIN_POSTS.get(post, post) if plain else post

    def duty_of(dept: str, post: str) -> str:
        template = _TEAM_TEMPLATES.get(post) or ("@年级组" if post.endswith("年级组组长") else None)
        return _DUTY[template].replace("{team}", dept) if template else _DUTY[post]

    rows: list[dict] = []

    def add(level: str, dept: str, post: str, duty: str, name: str | None = None) -> None:
        li = RESP_LEVELS.index(level)
        signed = min(
            _weekday(base + dt.timedelta(days=rng.randint(0, 2 * li)), RESP_SIGN_START, RESP_SIGN_END),
            RESP_SIGN_END,
        )
        special = post in _SPECIAL_WORK or post in _SPECIAL_EQUIP
        note = (
            "特种作业人员" if post in _SPECIAL_WORK else "特种设备作业人员" if post in _SPECIAL_EQUIP else ""
        )
        rows.append({
            "unit": ent.name, "uscc": ent.uscc, "level": level, "dept": dept, "post": post,
            "name": name or person(), "duty": duty,
            "standard": standard["特种作业" if special else level], "method": method, "signed_on": signed,
            "note": note,
        })  # fmt: skip

    # 主要负责人
    head = prof.head
    if (ent.uscc or "")[:2] == "91" and head == "总经理" and rng.random() < 0.3:
        head = "董事长"
    if dual:
        add("主要负责人", prof.leaders, "法定代表人", _MAIN_DUTY["法定代表人"])
        add("主要负责人", prof.leaders, "实际控制人", _MAIN_DUTY["实际控制人"], new_name())
    else:
        post = f"{head}（法定代表人）" if plain else f"法定代表人、{head}"
        add("主要负责人", prof.leaders, post, _MAIN_DUTY[head])
    # 分管负责人
    options = [p for p in prof.deputies if shown(p)]
    k = rng.randint(1, min(2, len(options)))
    for p in sorted(rng.sample(options, k), key=options.index):
        add("分管负责人", prof.leaders, shown(p), _DUTY[p])
    # 部门负责人: the safety department and one or two others
    options = [d for d in prof.depts if shown(d[1])]
    k = rng.randint(2, min(3, len(options)))
    for dept, p in [options[0], *sorted(rng.sample(options[1:], k - 1), key=options.index)]:
        add("部门负责人", dept, shown(p), _DUTY[p])
    # 班组长
    options = [(fill(d), fill(p)) for d, p in prof.teams if shown(p)]
    k = rng.randint(2, min(3, len(options)))
    for dept, p in sorted(rng.sample(options, k), key=options.index):
        add("班组长", dept, shown(p), duty_of(dept, p))
    # 岗位人员: 3–6 people on 2–4 posts (several people may share a post, always in one department)
    pool = [(fill(d), fill(p)) for d, p in prof.workers]
    for key, extra in _EXTRA_WORKERS.get(ent.sector, ()):
        if key in ent.name:
            pool.insert(0, extra)
            break
    n_people = rng.randint(3, 6)
    m = rng.randint(2, min(4, n_people, len(pool)))
    posts = sorted(rng.sample(pool, m), key=pool.index)
    counts = [1] * m
    for _ in range(n_people - m):
        counts[rng.randrange(m)] += 1
    for (dept, p), c in zip(posts, counts, strict=True):
        for _ in range(c):
            add("岗位人员", dept, shown(p), _DUTY[p])
    return rows


def responsibility_problems(rows: Sequence[dict], *, plain: bool = False) -> list[tuple[str, str]]:
    """Rule findings for one enterprise's list: [(code, detail)], empty for clean generated data.

    Codes: keys, required, short_duty, bad_level, level_order, no_main, level_missing, name_twice,
    two_levels, copy_duty (one duty on two or more different posts), date_range, uscc, unit. With
    ``plain`` the level must also follow from the post (``infer_level``): plain_level.
    """
    out: list[tuple[str, str]] = []
    if not rows:
        return [("empty", "no rows")]
    units = {r.get("unit") for r in rows}
    codes = {r.get("uscc") for r in rows}
    if len(units) != 1 or len(codes) != 1:
        out.append(("unit", f"names {sorted(map(str, units))} codes {sorted(map(str, codes))}"))
    code = next(iter(codes))
    if code is not None and not is_valid_uscc(code):
        out.append(("uscc", f"invalid {code}"))
    order = []
    level_of: dict[str, set[str]] = {}
    by_duty: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if set(r) != set(RESP_KEYS):
            out.append(("keys", f"row {i}: {sorted(set(r) ^ set(RESP_KEYS))}"))
        for k in RESP_REQUIRED:
            if r.get(k) in (None, ""):
                out.append(("required", f"row {i}: {k} empty"))
        lv = r.get("level")
        if lv not in RESP_LEVELS:
            out.append(("bad_level", f"row {i}: {lv!r}"))
            continue
        order.append(RESP_LEVELS.index(lv))
        if plain and infer_level(r.get("post") or "") != lv:
            out.append(
                ("plain_level", f"row {i}: {r.get('post')} → {infer_level(r.get('post') or '')}, not {lv}")
            )
        if len(duty_key(r.get("duty") or "")) < RESP_MIN_DUTY:
            out.append(("short_duty", f"row {i}: {r.get('duty')!r}"))
        level_of.setdefault(r.get("name") or "", set()).add(lv)
        by_duty.setdefault(duty_key(r.get("duty") or ""), []).append(i)
        d = r.get("signed_on")
        if not isinstance(d, dt.date) or not RESP_SIGN_START <= d <= RESP_SIGN_END:
            out.append(("date_range", f"row {i}: {d!r}"))
    if order != sorted(order):
        out.append(("level_order", "levels out of order"))
    present = {RESP_LEVELS[i] for i in order}
    if "主要负责人" not in present:
        out.append(("no_main", "no 主要负责人 row"))
    for lv in RESP_LEVELS[1:]:
        if lv not in present:
            out.append(("level_missing", lv))
    names = [r.get("name") for r in rows]
    for n in sorted({n for n in names if names.count(n) > 1}, key=str):
        out.append(("name_twice", str(n)))
    for n, lvs in level_of.items():
        if len(lvs) > 1:
            out.append(("two_levels", f"{n}: {sorted(lvs)}"))
    for idx in by_duty.values():
        posts = {(rows[i].get("dept"), rows[i].get("post")) for i in idx}
        if len(posts) > 1:
            out.append(("copy_duty", ",".join(str(i) for i in idx)))
    return out
