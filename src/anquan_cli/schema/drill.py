"""应急演练记录 (drill records, domain.md §8): one row per drill a unit held.

Told from the other kinds by 演练名称 / 演练类型 / 参加人数 / 评估总结, which no hazard ledger, list or
roster has.
"""

from anquan_cli.schema import TOWN_SYNONYMS, Field, FieldType, Schema

T = FieldType

SCHEMA = Schema(
    kind="drill",
    title="应急演练记录",
    fields=(
        Field(
            "unit",
            "单位名称",
            ("企业名称", "单位", "演练单位", "组织单位", "企业(单位)名称", "生产经营单位"),
            T.TEXT,
            required=True,
        ),
        Field("uscc", "统一社会信用代码", ("社会信用代码", "信用代码", "统一信用代码"), T.USCC),
        Field("town", "镇街", TOWN_SYNONYMS),
        Field("industry", "行业领域", ("行业", "行业类别", "所属行业")),
        Field("high_risk", "是否高危", ("高危企业", "是否高危企业")),
        Field(
            "name",
            "演练名称",
            ("演练项目", "演练内容", "演练主题", "演练科目", "演练预案名称", "活动名称", "名称"),
            T.TEXT,
            required=True,
        ),
        Field(
            "type", "演练类型", ("类型", "演练类别", "预案类型", "演练种类", "类别"), T.TEXT, required=True
        ),
        Field(
            "held_on", "演练日期", ("演练时间", "日期", "开展时间", "开展日期", "时间"), T.DATE, required=True
        ),
        Field("place", "演练地点", ("地点",)),
        Field("organizer", "组织人", ("组织者", "负责人", "总指挥")),
        Field("participants", "参加人数", ("参演人数", "参与人数", "参加人员数", "人数")),
        Field(
            "evaluation", "评估总结", ("演练评估", "评估情况", "是否评估", "总结评估", "演练总结", "评估报告")
        ),
        Field("problems", "发现问题", ("演练发现问题", "发现的问题", "暴露问题")),
        Field("note", "备注", ("说明",)),
    ),
    min_fields=3,
    key_fields=("name", "type", "participants", "evaluation"),
    identity_fields=("unit",),
)
