"""安全培训档案 / 持证情况 (training, domain.md §8; issue 21): one row per training (or certificate) of a
person — 一企一档、一人一档, so one person has as many rows as trainings.

Told from the other kinds by what only a training archive has: 培训日期, 学时, 考核结果, 证书编号,
发证日期, 有效期至, 复审日期 (the key fields), about a person (姓名, the identity field). A
responsibility list also names people and posts but has none of these; a staffing table's 执法证号 is
not a 证书编号; a hazard ledger, a roster and a drill record have no 姓名 column. 岗位 and 人员类别 are
synonyms of other kinds' fields too (staffing's 岗位 and 专职/兼职): harmless, since a training header
names more fields than any of those can find in it.
"""

from anquan_cli.schema import Field, FieldType, Schema

T = FieldType

SCHEMA = Schema(
    kind="training",
    title="安全培训档案",
    fields=(
        Field(
            "unit",
            "单位名称",
            (
                "企业名称",
                "单位",
                "企业(单位)名称",
                "生产经营单位",
                "生产经营单位名称",
                "所在单位",
                "工作单位",
                "公司名称",
                "单位全称",
                "企业全称",
            ),
            T.TEXT,
            required=True,
        ),
        Field("uscc", "统一社会信用代码", ("社会信用代码", "信用代码", "统一信用代码"), T.USCC),
        Field(
            "person",
            "姓名",
            (
                "人员姓名",
                "学员姓名",
                "参训人员",
                "参训人员姓名",
                "受训人员",
                "培训人员",
                "持证人",
                "持证人姓名",
            ),
            T.TEXT,
            required=True,
        ),
        Field(
            "id_number",
            "身份证号",
            ("身份证号码", "公民身份号码", "证件号码", "身份证", "身份证件号码", "居民身份证号码"),
            T.ID,
        ),
        Field(
            "category",
            "岗位类别",
            ("人员类别", "人员类型", "岗位", "类别", "工种", "培训类别", "人员分类", "岗位类型", "培训对象"),
            T.TEXT,
            required=True,
        ),
        Field("trained_on", "培训日期", ("培训时间", "参训日期", "参训时间", "培训起止时间"), T.DATE),
        Field("content", "培训内容", ("培训项目", "培训名称", "培训主题", "内容")),
        Field("hours", "学时", ("培训学时", "课时", "学时数", "培训课时", "学时(小时)", "培训时长")),
        Field("result", "考核结果", ("考试结果", "考核情况", "成绩", "考核成绩", "考试成绩", "是否合格")),
        Field(
            "cert_name",
            "证书名称",
            ("证件名称", "资格证书", "证书类别", "证书种类", "持证名称", "操作项目", "准操项目", "作业类别"),
        ),
        Field(
            "cert_no",
            "证书编号",
            (
                "证号",
                "证件编号",
                "操作证号",
                "证书号",
                "证书号码",
                "资格证书编号",
                "操作证编号",
                "合格证编号",
            ),
        ),
        Field(
            "issued_on", "发证日期", ("发证时间", "取证日期", "初领日期", "取证时间", "初次领证日期"), T.DATE
        ),
        Field(
            "valid_until",
            "有效期至",
            (
                "有效期",
                "证书有效期",
                "有效期截止日期",
                "有效期限",
                "有效截止日期",
                "证书有效期至",
                "到期日期",
            ),
            T.DATE,
        ),
        Field("reviewed_on", "复审日期", ("复审时间", "最近复审日期", "复审", "最近复审时间"), T.DATE),
        Field("industry", "行业领域", ("行业", "行业类别", "所属行业")),
        Field("high_risk", "是否高危", ("高危企业", "是否高危企业", "是否高危行业")),
        Field("note", "备注", ("说明",)),
    ),
    min_fields=4,
    key_fields=(
        "trained_on",
        "hours",
        "result",
        "cert_name",
        "cert_no",
        "issued_on",
        "valid_until",
        "reviewed_on",
    ),
    identity_fields=("person",),
    # 一企一档: an enterprise's own archive names it once above the header ("单位名称：XX有限公司").
    context_fields=("unit", "uscc"),
)
