"""生产经营单位底数 (the enterprise roster): one row per enterprise a town or department supervises
(domain.md §10). The base of 应查未查 and of the coverage figures of the national form.

Told from a hazard ledger by what a roster has and a ledger has not: 主要负责人, 联系电话, 地址, 状态,
是否高危 — and no hazard description, level or deadline (the hazard kind's key fields).
"""

from anquan_cli.schema import TOWN_SYNONYMS, Field, FieldType, Schema

T = FieldType

SCHEMA = Schema(
    kind="roster",
    title="生产经营单位底数台账",
    fields=(
        Field(
            "unit",
            "企业名称",
            (
                "单位名称",
                "企业(单位)名称",
                "企业全称",
                "单位全称",
                "生产经营单位",
                "生产经营单位名称",
                "公司名称",
                "市场主体名称",
            ),
            T.TEXT,
            required=True,
        ),
        Field(
            "uscc", "统一社会信用代码", ("社会信用代码", "信用代码", "统一信用代码", "营业执照号码"), T.USCC
        ),
        Field("town", "镇街", TOWN_SYNONYMS),
        Field("dept", "监管部门", ("行业主管部门", "主管部门", "行业监管部门", "监管单位", "负责监管部门")),
        Field("industry", "行业领域", ("行业", "行业类别", "所属行业", "监管行业", "行业分类", "行业类型")),
        Field(
            "high_risk",
            "是否高危",
            ("高危企业", "是否高危企业", "高危行业", "风险等级", "安全风险等级", "风险分级", "企业风险等级"),
        ),
        Field(
            "principal",
            "主要负责人",
            ("法定代表人", "法人代表", "企业负责人", "单位负责人", "负责人", "法人", "实际控制人"),
        ),
        Field("phone", "联系电话", ("电话", "联系方式", "手机", "手机号码", "负责人电话", "联系人电话")),
        Field(
            "address", "地址", ("经营地址", "生产经营地址", "注册地址", "详细地址", "企业地址", "单位地址")
        ),
        Field("status", "状态", ("经营状态", "企业状态", "生产状态", "在营状态", "登记状态")),
        Field("note", "备注", ("说明",)),
    ),
    min_fields=3,
    key_fields=("principal", "phone", "address", "status", "high_risk"),
    identity_fields=("unit", "uscc"),
)
