"""The default 提醒函 calendar: the seasonal risks a county office reminds towns and departments of.

A county replaces any month in anquan.toml ([letters.calendar], [letters.seasons]).
"""

from __future__ import annotations

_SPRING_FESTIVAL = (
    "春节前后",
    (
        ("节前停产检修", "督促企业制定停产检修方案，严格动火、有限空间等危险作业审批，落实专人监护。"),
        ("烟花爆竹安全", "加强烟花爆竹生产、经营、储存、燃放全链条监管，严厉打击非法生产经营行为。"),
        (
            "开工第一课",
            "督促企业复工复产前开展全面安全检查和“开工第一课”全员安全教育，检查合格后方可恢复生产。",
        ),
    ),
)
_WINTER = (
    "冬季防火和燃气安全",
    (
        (
            "冬季防火",
            "加强人员密集场所、“三合一”场所和出租房屋消防检查，确保疏散通道、安全出口畅通，严禁私拉乱接电线。",
        ),
        (
            "城镇燃气",
            "全面排查餐饮场所燃气管道、气瓶、软管和可燃气体报警装置，督促安装使用燃气泄漏报警器和自动切断装置。",
        ),
        ("一氧化碳中毒", "提醒企业和群众规范使用燃煤、燃气取暖设备，保持通风，防范一氧化碳中毒事故。"),
    ),
)
_FLOOD = (
    "汛期",
    (
        ("防汛", "督促在建工地、非煤矿山、尾矿库等落实防汛措施，遇强降雨等极端天气立即停工撤人。"),
        ("有限空间", "污水处理、地下管网等有限空间作业严格执行“先通风、再检测、后作业”，严禁盲目施救。"),
        ("用电安全", "加强雨季电气线路和设备检查，防范漏电触电事故。"),
    ),
)
_HEAT = (
    "高温季节",
    (
        ("防暑降温", "督促企业合理调整作业时间，落实防暑降温措施，防范中暑和高温作业事故。"),
        ("危险化学品", "加强高温期间危险化学品储存场所温度监测和通风降温，严防泄漏、火灾和爆炸。"),
        ("防汛", "做好强对流天气防范，在建工地和户外作业遇雷雨大风立即停止作业。"),
    ),
)
_SPRING = (
    "春季",
    (
        ("森林和野外防火", "加强清明前后林区、墓区野外用火管控，严防森林火灾。"),
        ("复工复产", "对节后复工复产企业开展“回头看”，督促落实全员安全生产责任制。"),
        ("道路交通", "加强春运、春耕期间道路交通安全管理，严查超员超载和农用车违法载人。"),
    ),
)
_AUTUMN = (
    "秋冬季",
    (
        ("秋冬季防火", "开展秋冬季火灾防控，重点检查人员密集场所、仓储物流和电动自行车充电场所。"),
        ("节日安全", "做好国庆等节日期间旅游景区、大型活动和人员密集场所安全防范。"),
        ("岁末年初", "针对岁末年初赶工期、抢进度的情况，督促企业合理安排生产，严防疲劳作业和违章作业。"),
    ),
)

DEFAULT_CALENDAR = {
    1: _SPRING_FESTIVAL,
    2: _SPRING_FESTIVAL,
    3: _SPRING,
    4: _SPRING,
    5: _FLOOD,
    6: _FLOOD,
    7: _HEAT,
    8: _HEAT,
    9: _AUTUMN,
    10: _AUTUMN,
    11: _WINTER,
    12: _WINTER,
}


def season_for(month: int, seasons: dict[str, str], calendar: dict) -> tuple[str, list[dict]]:
    """(season name, [{topic, text}]) for a month, the county's calendar first."""
    default_name, default_risks = DEFAULT_CALENDAR[month]
    name = seasons.get(str(month), default_name)
    risks = calendar.get(str(month))
    if risks:
        return name, [{"topic": r.topic, "text": r.text} for r in risks]
    return name, [{"topic": t, "text": x} for t, x in default_risks]
