"""Hazard topics: which problem a free-text 隐患描述 is about, for finding 屡查屡有 (recurring) hazards.

The dictionary is ordered: the first topic with a keyword in the description wins, so specific topics
(有限空间, 动火作业) come before broad ones (警示标志, 物料堆放). Counties replace or extend it in
anquan.toml ([analysis.topics]).
"""

from __future__ import annotations

import re

from anquan_cli.core.text import nfkc

DEFAULT_TOPICS: dict[str, tuple[str, ...]] = {
    "有限空间": ("有限空间", "受限空间", "污水池", "化粪池", "污水井", "窨井", "储罐内"),
    "动火作业": ("动火", "电焊", "气割", "焊接作业", "切割作业"),
    "高处作业": ("高处作业", "登高", "安全带", "安全绳", "高空作业"),
    "脚手架": ("脚手架", "架体", "扣件", "剪刀撑"),
    "临边洞口": ("临边", "洞口", "防护栏杆", "护栏缺失", "楼梯口", "电梯井"),
    "燃气/液化气": ("燃气", "液化气", "液化石油气", "气瓶", "煤气", "天然气", "钢瓶", "瓶装气"),
    "危化品储存": (
        "危化品",
        "危险化学品",
        "化学品",
        "易燃易爆",
        "油漆",
        "稀释剂",
        "酒精",
        "储罐",
        "仓库混存",
    ),
    "粉尘": ("粉尘", "除尘", "积尘", "铝镁"),
    "特种作业持证": ("无证", "持证", "特种作业人员", "操作证", "上岗证", "电工证", "焊工证"),
    "特种设备": (
        "特种设备",
        "压力容器",
        "锅炉",
        "起重机",
        "行车",
        "电梯",
        "压力表",
        "安全阀",
        "未检验",
        "定期检验",
    ),
    "叉车/车辆": ("叉车", "车辆", "货车", "机动车", "场内车辆", "倒车"),
    "漏电保护": ("漏电保护", "漏保", "漏电开关", "剩余电流"),
    "接地": ("接地", "接零", "防静电", "等电位"),
    "配电箱/电气线路": (
        "配电箱",
        "配电柜",
        "电线",
        "电气线路",
        "私拉乱接",
        "乱拉乱接",
        "插排",
        "插座",
        "线路老化",
        "电缆",
        "开关",
        "大功率",
    ),
    "消防通道/安全出口": (
        "消防通道",
        "安全出口",
        "疏散通道",
        "疏散楼梯",
        "逃生通道",
        "防火门",
        "疏散指示",
        "应急照明",
    ),
    "灭火器": ("灭火器",),
    "消防设施": (
        "消防栓",
        "消火栓",
        "喷淋",
        "烟感",
        "消防设施",
        "消防水",
        "火灾报警",
        "消防器材",
        "消防水带",
    ),
    "防护罩/防护装置": (
        "防护罩",
        "防护装置",
        "防护网",
        "联锁",
        "急停",
        "传动部位",
        "旋转部位",
        "皮带轮",
        "护罩",
    ),
    "劳动防护用品": (
        "劳动防护用品",
        "劳保用品",
        "防护用品",
        "安全帽",
        "防护眼镜",
        "防护手套",
        "口罩",
        "防尘口罩",
        "耳塞",
    ),
    "警示标志": ("警示标志", "警示标识", "安全标志", "告知牌", "警示牌", "标识牌", "职业危害告知"),
    "物料堆放": ("堆放", "堆垛", "堆积", "乱堆", "超高", "货架", "杂物"),
    "安全培训": ("培训", "三级教育", "安全教育", "班前会"),
    "应急预案/演练": ("应急预案", "预案", "演练", "应急物资", "应急器材"),
    "隐患台账/制度": ("台账", "制度", "操作规程", "记录", "档案", "管理制度", "检查记录"),
    "责任制": ("责任制", "责任清单", "安全管理人员", "安全机构", "安全总监", "主体责任"),
    "电动自行车": ("电动车", "电动自行车", "充电", "飞线"),
    "厨房/餐饮": ("厨房", "油烟", "灶具", "烟道"),
    "安全距离/通风": ("通风", "排风", "防爆", "可燃气体报警"),
}

_CLEAN = re.compile(r"\s+")


def topics_of(configured: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """The county's topic dictionary ([analysis.topics]) when it has one, else the built-in one."""
    return {k: tuple(v) for k, v in configured.items()} if configured else DEFAULT_TOPICS


def topic_of(description: str, topics: dict[str, tuple[str, ...]]) -> str | None:
    text = _CLEAN.sub("", nfkc(description))
    for topic, keywords in topics.items():
        if any(k in text for k in keywords):
            return topic
    return None
