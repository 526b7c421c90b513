"""隐患排查治理台账: fields and the header variants seen in real town ledgers (domain.md §2)."""

from anquan_cli.schema import TOWN_SYNONYMS, Field, FieldType, Guess, Schema

T = FieldType

SCHEMA = Schema(
    kind="hazard",
    title="隐患排查治理台账",
    fields=(
        # Never plain 序号: that is a row counter, not the hazard's identity.
        Field("hazard_id", "隐患编号", ("编号", "隐患序号", "隐患编码"), T.ID),
        Field("town", "镇街", TOWN_SYNONYMS, T.TEXT, required=True),
        Field(
            "unit",
            "企业名称",
            (
                "单位名称",
                "企业(单位)名称",
                "生产经营单位",
                "被检查单位",
                "企业单位名称",
                "生产经营单位名称",
                "检查单位名称",
                "单位全称",
            ),
            T.TEXT,
            required=True,
        ),
        Field(
            "uscc",
            "统一社会信用代码",
            ("社会信用代码", "信用代码", "统一信用代码", "统一社会信用代码证号"),
            T.USCC,
        ),
        Field("industry", "行业领域", ("行业", "行业类别", "所属行业", "监管行业", "行业分类")),
        # The department that supervises (or, in a department's own ledger, reports) the hazard. Not
        # 责任部门: in an enterprise's rows that is its own workshop or office.
        Field("dept", "监管部门", ("主管部门", "行业主管部门", "监管单位", "行业监管部门", "填报部门")),
        Field(
            "found_on",
            "排查日期",
            ("排查时间", "检查日期", "检查时间", "发现日期", "发现时间", "登记日期", "排查发现时间"),
            T.DATE,
            required=True,
        ),
        Field("source", "排查类型", ("检查类型", "隐患来源", "检查方式", "排查方式")),
        Field("category", "隐患类别", ("隐患类型", "隐患分类")),
        Field("level", "隐患等级", ("隐患级别", "隐患分级", "等级"), T.LEVEL, required=True),
        Field("place", "隐患部位", ("检查地点", "部位", "位置", "隐患位置", "隐患地点")),
        Field(
            "description",
            "隐患描述",
            (
                "隐患内容",
                "隐患名称",
                "存在问题",
                "问题描述",
                "隐患问题描述",
                "主要隐患",
                "隐患情况",
                "存在的问题",
            ),
            T.TEXT,
            required=True,
        ),
        Field("measure", "整改措施", ("治理措施", "整改要求", "整改意见", "整改方案", "治理方案")),
        Field(
            "owner",
            "整改责任人",
            ("责任人", "治理责任人", "负责人", "整改负责人"),
            T.TEXT,
            required=True,
            weak=("包保责任人",),
        ),
        Field(
            "deadline",
            "整改期限",
            (
                "整改时限",
                "治理时限",
                "治理期限",
                "限期整改日期",
                "计划完成时间",
                "要求完成时间",
                "完成时限",
                "整改期限(日期)",
                "计划完成日期",
                # Planned dates that contain a completion-date synonym (完成时间, 整改日期): as exact
                # synonyms here they can never be read as the day the work was done.
                "预计完成时间",
                "预计完成日期",
                "计划整改时间",
                "计划整改日期",
                "要求整改时间",
                "要求整改日期",
                "限期整改时间",
                "限期完成时间",
                "限期完成日期",
                "要求完成日期",
            ),
            T.DEADLINE,
            required=True,
        ),
        Field(
            "status",
            "整改状态",
            (
                "整改情况",
                "整改进度",
                "完成情况",
                "治理结果",
                "销号情况",
                "是否整改",
                "整改进展",
                "是否完成整改",
                "整改结果",
            ),
            T.STATUS,
            required=True,
        ),
        Field(
            "closed_on",
            "整改完成日期",
            (
                "实际完成时间",
                "完成时间",
                "整改完成时间",
                "治理完成时间",
                "整改日期",
                "实际完成日期",
                "完成日期",
            ),
            T.DATE,
        ),
        # 核查 / 验收 / 销号 of a 重大 hazard by the authority (16号令 第二十三条) are the same columns.
        Field(
            "verifier",
            "复查人",
            ("验收人", "复查验收人", "复核人", "复查人员", "核查人", "销号人", "验收销号人", "核查验收人"),
        ),
        Field(
            "verified_on",
            "验收日期",
            (
                "验收时间",
                "复查时间",
                "销号日期",
                "复查日期",
                "销号时间",
                "核查日期",
                "核查时间",
                "验收销号日期",
                "验收销号时间",
            ),
            T.DATE,
        ),
        # The 五落实 of a 重大 hazard (16号令 第十五条): 责任 = owner, 措施 = measure, 时限 = deadline,
        # and these two.
        Field(
            "funds",
            "整改资金",
            (
                "治理资金",
                "资金(万元)",
                "整改资金(万元)",
                "治理资金(万元)",
                "落实资金",
                "落实资金(万元)",
                "整改资金(元)",
                "治理经费",
                "整改经费",
            ),
        ),
        Field(
            "contingency",
            "应急预案",
            (
                "安全措施",
                "应急措施",
                "安全措施和应急预案",
                "安全措施及应急预案",
                "应急预案及安全措施",
                "安全防范措施",
                "临时安全措施",
                "防范措施",
                "应急处置措施",
            ),
        ),
        # 挂牌督办 (issue 20): who listed the hazard, at what level, by which document, by when.
        Field(
            "listing_level", "督办级别", ("挂牌督办级别", "挂牌级别", "督办层级", "挂牌督办", "是否挂牌督办")
        ),
        Field("listing_by", "督办单位", ("挂牌督办单位", "挂牌单位", "督办部门", "挂牌督办部门")),
        Field("listing_doc", "督办文号", ("挂牌督办文号", "督办文件", "督办文件号")),
        Field(
            "listing_due",
            "督办要求完成时间",
            (
                "挂牌督办要求完成时间",
                "督办完成时限",
                "督办期限",
                "督办时限",
                "督办要求完成日期",
                "督办完成时间",
                "挂牌督办期限",
            ),
            T.DATE,
        ),
        Field("note", "备注", ("说明",)),
    ),
    key_fields=("description", "level", "deadline", "status", "found_on"),
    identity_fields=("unit", "description", "hazard_id"),
    # A town's ledger may name its town, and a department's ledger (县住建局 …) its department, only in
    # the title, a 填报单位 line, the sheet name or the file name.
    context_fields=("town", "dept"),
    guesses=(
        # Planned dates before done dates: 要求完成整改时间 is a deadline, not the day the work was done.
        Guess("deadline", (("期限", "时限"),)),
        Guess("deadline", (("计划", "要求", "预计", "限期"), ("完成", "整改"))),
        Guess("closed_on", (("完成", "销号"), ("时间", "日期"))),
        Guess("verified_on", (("复查", "验收", "复核"), ("时间", "日期"))),
        Guess("found_on", (("排查", "检查", "发现", "登记"), ("时间", "日期"))),
        # Before the description: 隐患整改落实情况 says how the rectification stands.
        Guess("status", (("整改",), ("状态", "结果", "情况", "进度", "进展"))),
        Guess("status", (("是否",), ("整改", "完成", "销号"))),
        Guess("description", (("隐患", "问题"), ("描述", "内容", "情况", "名称"))),
        Guess("unit", (("单位", "企业", "公司"), ("名称", "全称"))),
        Guess("owner", (("责任人",),)),
        # No rule for 信用代码: the synonym itself already matches any short header holding it.
        Guess("level", (("等级", "级别"),), none_of=("风险",)),  # 风险等级 is another scale (domain.md §2)
        Guess("measure", (("措施", "方案"),)),
        Guess("verifier", (("复查", "验收", "复核"), ("人",))),
        Guess("industry", (("行业",),), none_of=("部门", "单位")),
    ),
    completion_date="closed_on",
)
