"""全员安全生产责任清单: fields and header variants (domain.md §4).

A workbook holds one enterprise or many: stacked with the name merged down its rows, or one sheet per
enterprise with the name and code in a line above the header (or only in the title or sheet name).
"""

from anquan_cli.schema import Field, FieldType, Schema

T = FieldType

SCHEMA = Schema(
    kind="responsibility",
    title="全员安全生产责任清单",
    fields=(
        Field(
            "unit",
            "企业名称",
            ("单位名称", "企业(单位)名称", "公司名称", "生产经营单位"),
            T.TEXT,
            required=True,
        ),
        Field("uscc", "统一社会信用代码", ("社会信用代码", "信用代码", "统一信用代码"), T.USCC),
        Field("tier", "层级", ("责任层级", "人员层级", "层次", "责任人层级", "岗位层级"), T.TIER),
        Field(
            "dept",
            "部门(车间/班组)",
            (
                "部门",
                "车间/班组",
                "部门/车间",
                "部门(车间)",
                "所在部门",
                "部门(车间、班组)",
                "科室",
                "部门/车间/班组",
            ),
        ),
        Field("post", "岗位(职务)", ("岗位", "职务", "岗位名称", "职位", "岗位/职务"), T.TEXT, required=True),
        Field("name", "姓名", ("姓名(责任人)", "责任人", "责任人姓名", "责任人员"), T.TEXT, required=True),
        Field(
            "duty",
            "安全生产职责",
            (
                "责任内容",
                "责任范围",
                "岗位安全职责",
                "安全职责",
                "安全生产责任",
                "主要职责",
                "岗位职责",
                "职责",
                "安全生产责任内容",
            ),
            T.TEXT,
            required=True,
        ),
        Field("standard", "考核标准", ("考核内容", "考核指标", "考核要求", "考核标准及要求")),
        Field("method", "考核方式", ("考核办法",)),
        Field("signature", "签字", ("本人签字", "责任人签字", "签名")),
        Field(
            "signed_on",
            "签订日期",
            ("签字日期", "签订时间", "签字/签订日期", "签订日期(签字)", "签订"),
            T.DATE,
        ),
        Field("note", "备注", ("说明",)),
    ),
    min_fields=3,
    key_fields=("duty", "tier", "standard"),
    multi_sheet=True,
    context_fields=("unit", "uscc"),
)
