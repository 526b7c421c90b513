"""安全监管力量统计表 (staffing, plan 三(八)3, domain.md §8): one row per safety supervisor of a town or a
county department, counted against the plan's minimum of full-time supervisors per unit.

Told from the other kinds by what only a staffing table has: 专职/兼职, 专业背景, 执法证号 (the key
fields). Its rows are about people (姓名), as a responsibility list's are, but a list has duties, tiers
and 考核标准 and never 专职/兼职 or 执法证号; a roster or hazard ledger has no 姓名 column at all.
"""

from anquan_cli.schema import TOWN_SYNONYMS, Field, FieldType, Schema

T = FieldType

SCHEMA = Schema(
    kind="staffing",
    title="安全监管力量统计表",
    fields=(
        # A town or a department, never an enterprise: no 企业名称 here, so an enterprise's list of its
        # own safety staff is not counted as a town's supervisors.
        Field(
            "unit",
            "单位",
            (
                "单位名称",
                "所在单位",
                "工作单位",
                "所属单位",
                "镇(街道)/部门",
                "镇(街道)、部门",
                "镇(街道)或部门",
                "镇街/部门",
                "镇街或部门",
                "镇街(部门)",
                "乡镇(街道)/部门",
                "单位(部门)",
                "部门",
                "所在部门",
                "填报单位",
                "报送单位",
                "镇街",
                *TOWN_SYNONYMS,
            ),
            T.TEXT,
            required=True,
        ),
        Field("person", "姓名", ("人员姓名", "监管人员姓名", "执法人员姓名", "名字"), T.TEXT, required=True),
        Field(
            "post", "职务", ("岗位", "职务/岗位", "岗位/职务", "职务(岗位)", "岗位(职务)", "职位", "岗位职务")
        ),
        Field(
            "fulltime",
            "专职/兼职",
            (
                "专兼职",
                "专职或兼职",
                "专职兼职",
                "专(兼)职",
                "是否专职",
                "专兼职情况",
                "人员性质",
                "人员类别",
                "在岗性质",
            ),
            T.TEXT,
            required=True,
        ),
        Field(
            "background",
            "专业背景",
            (
                "所学专业",
                "专业",
                "是否具有专业背景",
                "是否具备专业背景",
                "有无专业背景",
                "学历及专业",
                "学历/专业",
                "专业及学历",
                "毕业专业",
                "专业名称",
            ),
        ),
        Field(
            "cert_no",
            "执法证号",
            ("行政执法证号", "执法证件号", "执法证编号", "执法证件号码", "行政执法证件号", "执法证号码"),
        ),
        Field("phone", "联系电话", ("电话", "联系方式", "手机", "手机号码")),
        Field("note", "备注", ("说明",)),
    ),
    min_fields=3,
    key_fields=("fulltime", "background", "cert_no"),
    identity_fields=("person",),
    # A town's own table names the town only in its title or 填报单位 line ("填报单位：青石镇人民政府").
    context_fields=("unit",),
)
