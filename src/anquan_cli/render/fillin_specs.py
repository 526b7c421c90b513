"""What each fill-in template contains: columns, help texts, dropdowns, instructions, example rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from anquan_cli.core.config import Config
from anquan_cli.core.vocab import INDUSTRIES, TIERS, TRAINING_CATEGORIES


@dataclass(frozen=True)
class TemplateSpec:
    kind: str  # schema kind
    title: str
    sheet: str
    help: dict[str, str]
    notes: tuple[str, ...]
    widths: dict[str, int] = field(default_factory=dict)
    options: Callable[[Config], dict[str, tuple[str, ...]]] = lambda config: {}
    strict: tuple[str, ...] = ()  # dropdowns that refuse other values (the rest only warn)
    omit: tuple[str, ...] = ()  # schema fields the template leaves out
    fill_line: bool = True  # a "填报单位：… 填报日期：…" line above the header
    example: tuple[dict, ...] = ()  # rows shown filled in, in grey, to copy from
    default_name: str = "模板.xlsx"
    # Columns formatted as text: long digit strings (身份证号) typed into a number cell lose digits.
    text: tuple[str, ...] = ()


HAZARD = TemplateSpec(
    kind="hazard",
    title="安全生产隐患排查治理台账",
    sheet="隐患台账",
    default_name="隐患台账模板.xlsx",
    help={
        "hazard_id": "本单位（镇街）内唯一，如 QS-202610-001；同一隐患在以后各月报送中保持不变",
        "town": "隐患所在镇（街道）",
        "unit": "企业（单位）全称，与营业执照一致",
        "uscc": "18 位统一社会信用代码（本列为文本格式，请勿改为数字）",
        "industry": "从下拉列表选择",
        "found_on": "日期，如 2026-10-05",
        "source": "从下拉列表选择：企业自查、镇街检查、部门执法等",
        "category": "基础管理类或现场管理类",
        "level": "一般事故隐患或重大事故隐患（安监总局令第16号只分两级）",
        "place": "如 一车间东侧、仓库",
        "description": "写清具体问题，如“一车间东侧安全出口被货物堵塞”",
        "measure": "整改措施；重大事故隐患写明治理方案（目标任务、方法措施、机构人员）",
        "owner": "整改责任人姓名",
        "deadline": "日期；当场整改的可写“立即整改”；未整改完成的必须填写",
        "status": "已整改、整改中或未整改",
        "closed_on": "整改完成的日期；状态为已整改时必填",
        "verifier": "复查验收人姓名；已整改的隐患应填写",
        "verified_on": "复查验收日期",
        "funds": "整改资金（万元）；重大事故隐患必填",
        "contingency": "整改期间的安全措施和应急预案；重大事故隐患必填",
        "note": "其他说明",
    },
    notes=(
        "1. 一条隐患填一行；同一企业的多条隐患请逐行填写企业名称，不要合并单元格。",
        "2. 日期一律填写日期格式（如 2026-10-05），不要写“9月5日”“长期”等。",
        "3. 隐患等级只分一般事故隐患和重大事故隐患两级（安监总局令第16号第三条）。",
        "4. 整改状态为“已整改”的，须填写整改完成日期和复查人；重大事故隐患须经属地或部门现场复查后方可销号。",
        "5. 重大事故隐患须落实责任、措施、资金、时限和预案（五落实），对应的整改责任人、整改措施、整改资金、整改期限、应急预案各列都要填写。",
        "6. 请勿修改表头、增删列；表格下方可填写填表人、审核人和联系电话。",
    ),
    widths={"description": 36, "measure": 30, "place": 16, "unit": 28, "uscc": 22, "hazard_id": 16},
    options=lambda config: {
        "level": ("一般事故隐患", "重大事故隐患"),
        "status": ("已整改", "整改中", "未整改"),
        "industry": tuple(config.industries) or INDUSTRIES,
        "source": ("企业自查", "镇街检查", "部门执法", "联合执法", "第三方", "举报"),
        "category": ("基础管理类", "现场管理类"),
        **({"town": tuple(config.towns)} if config.towns else {}),
    },
    strict=("level", "status"),
    # Read when a ledger has them; an enterprise's template has no use for them: the department and the
    # 挂牌督办 the authority decides.
    omit=("dept", "listing_level", "listing_by", "listing_doc", "listing_due"),
)

_EXAMPLE_UNIT = "示例：XX机械制造有限公司（填写时请删除示例行）"
_SIGNED = dt.date(2026, 1, 5)
_EXAMPLE = (
    (
        "主要负责人",
        "公司",
        "法定代表人、总经理",
        "张某",
        "建立健全并落实本单位全员安全生产责任制，组织制定并实施安全生产规章制度和操作规程，保证安全投入有效实施",
    ),
    (
        "分管负责人",
        "公司",
        "安全总监",
        "李某",
        "协助主要负责人履行安全生产管理职责，组织开展安全生产检查和隐患排查治理，督促落实整改措施",
    ),
    (
        "部门负责人",
        "一车间",
        "车间主任",
        "王某",
        "组织本车间安全生产检查，及时排除生产安全事故隐患，组织本车间人员安全培训和应急演练",
    ),
    (
        "班组长",
        "一车间甲班",
        "班长",
        "赵某",
        "组织班前安全讲话和交接班检查，检查班组成员正确佩戴和使用劳动防护用品，制止违章作业",
    ),
    (
        "岗位人员",
        "一车间甲班",
        "操作工",
        "刘某",
        "严格遵守本岗位安全操作规程，正确使用劳动防护用品，发现事故隐患立即报告班组长",
    ),
)

RESPONSIBILITY = TemplateSpec(
    kind="responsibility",
    title="全员安全生产责任清单",
    sheet="责任清单",
    default_name="责任清单模板.xlsx",
    help={
        "unit": "企业（单位）全称，与营业执照一致；每一行都要填写",
        "uscc": "18 位统一社会信用代码（本列为文本格式，请勿改为数字）",
        "tier": "从下拉列表选择：主要负责人、分管负责人、部门负责人、班组长、岗位人员",
        "dept": "所在部门、车间或班组",
        "post": "岗位或职务，如 法定代表人、安全总监、车间主任、班长、操作工",
        "name": "责任人姓名，一人一行",
        "duty": "本岗位的安全生产职责，按岗位具体填写，不要照抄",
        "standard": "考核标准（考核内容、考核指标）",
        "method": "考核方式，如 季度考核、年度考核",
        "signature": "责任人本人签字",
        "signed_on": "签订日期，如 2026-01-05",
        "note": "法定代表人与实际控制人不是同一人的，二人都列为主要负责人，并在岗位中注明",
    },
    notes=(
        "1. 责任清单应从主要负责人（含法定代表人、实际控制人）细化到分管负责人、各部门和车间、各班组和岗位，直至每一名从业人员（安全生产法第五条、第二十二条）。",
        "2. 一人一行；同一企业的多名人员请逐行填写企业名称和信用代码，不要合并单元格。",
        "3. 安全生产职责要写明本岗位具体做什么，不同岗位不要照抄同一段文字。",
        "4. 每人都要填写考核标准，并本人签字、注明签订日期。",
        "5. 表格前几行灰色文字是填写示例，填写时请删除。",
    ),
    widths={"unit": 30, "uscc": 22, "duty": 48, "standard": 30, "post": 18, "dept": 16},
    options=lambda config: {"tier": TIERS},
    strict=("tier",),
    omit=("signature",),
    example=tuple(
        {
            "unit": _EXAMPLE_UNIT,
            "tier": tier,
            "dept": dept,
            "post": post,
            "name": name,
            "duty": duty,
            "standard": "全年未发生生产安全事故，隐患整改率100%，按期参加安全培训和应急演练",
            "method": "年度考核",
            "signed_on": _SIGNED,
        }
        for tier, dept, post, name, duty in _EXAMPLE
    ),
)

ROSTER = TemplateSpec(
    kind="roster",
    title="生产经营单位底数台账",
    sheet="底数台账",
    default_name="底数台账模板.xlsx",
    help={
        "unit": "企业（单位）全称，与营业执照一致；一家企业只登记一行",
        "uscc": "18 位统一社会信用代码（本列为文本格式，请勿改为数字）",
        "town": "企业所在镇（街道）",
        "dept": "负责监管的行业部门（部门报送时填写）",
        "industry": "从下拉列表选择",
        "high_risk": "危险化学品、城镇燃气、烟花爆竹、矿山、建筑施工等高危行业填“是”，其他填“否”",
        "principal": "主要负责人（法定代表人）姓名",
        "phone": "11 位手机号或带区号的固定电话，如 0539-1234567",
        "address": "生产经营地址",
        "status": "在营、停产、停业、关闭或注销；关闭、注销的企业不再列入应查名单",
        "note": "其他说明",
    },
    notes=(
        "1. 辖区内全部生产经营单位一家一行（全覆盖、摸清底数），不要遗漏，也不要重复登记。",
        "2. 统一社会信用代码请按营业执照填写 18 位文本，用于与隐患台账逐一比对（应查未查）。",
        "3. 企业停产、停业、关闭或注销时及时修改“状态”；关闭、注销的企业不计入应排查企业数。",
        "4. 表格第一行灰色文字是填写示例，填写时请删除。",
    ),
    widths={"unit": 30, "uscc": 22, "address": 30, "industry": 14, "phone": 16},
    options=lambda config: {
        "industry": tuple(config.industries) or INDUSTRIES,
        "high_risk": ("是", "否"),
        "status": ("在营", "停产", "停业", "关闭", "注销"),
        **({"town": tuple(config.towns)} if config.towns else {}),
    },
    strict=("high_risk", "status"),
    example=(
        {
            "unit": _EXAMPLE_UNIT,
            "town": "示例镇",
            "industry": "工贸",
            "high_risk": "否",
            "principal": "张某",
            "phone": "0539-1234567",
            "address": "示例镇工业园区1号",
            "status": "在营",
        },
    ),
)

# One town's full staff, clean as it stands: 7 full-time supervisors (the plan's minimum for a town), 6 of
# them with a professional background (85.7%), and one part-time member, who is not counted.
_STAFF = (
    ("张某", "安监站站长", "专职", "安全工程", "37132120260001"),
    ("李某", "安监站副站长", "专职", "化学工程与工艺", "37132120260002"),
    ("王某", "安全监管员", "专职", "机械设计制造及其自动化", "37132120260003"),
    ("赵某", "安全监管员", "专职", "消防工程", "37132120260004"),
    ("刘某", "安全监管员", "专职", "电气工程及其自动化", "37132120260005"),
    ("陈某", "安全监管员", "专职", "土木工程", None),
    ("杨某", "安全监管员", "专职", "否", None),
    ("周某", "包村干部", "兼职", "行政管理", None),
)

STAFFING = TemplateSpec(
    kind="staffing",
    title="安全监管力量统计表",
    sheet="监管力量",
    default_name="监管力量统计表模板.xlsx",
    help={
        "unit": "所在镇（街道、开发区）或县直部门的名称，如 青石镇、县住建局；每一行都要填写",
        "person": "姓名，一人一行；同一人不要重复填写",
        "post": "职务或岗位，如 安监站站长、安全监管员",
        "fulltime": "从下拉列表选择“专职”或“兼职”；只有专职人员计入配备人数",
        "background": "所学专业，如 安全工程、化学工程、机械；没有相关专业背景的填“否”",
        "cert_no": "行政执法证号；没有执法证的不填",
        "phone": "11 位手机号或带区号的固定电话",
        "note": "其他说明，如 借调、挂职",
    },
    notes=(
        "1. 本单位全部安全监管人员一人一行，专职、兼职都要填写；每一行都要填写所在单位。",
        "2. 每个镇（街道、开发区）应配备专职安全监管人员不少于7名，负有安全监管职责的有关部门不少于3名（县安全生产专项行动方案三（八）3）。",
        "3. 专职安全监管人员中具有相关专业背景的应不少于75%：专业背景请填写所学专业；没有的填“否”。",
        "4. 表格前几行灰色文字是填写示例，填写时请删除。",
    ),
    widths={"unit": 20, "post": 16, "background": 24, "cert_no": 18, "phone": 16},
    options=lambda config: {
        "fulltime": ("专职", "兼职"),
        **({"unit": (*config.towns, *config.departments)} if config.towns or config.departments else {}),
    },
    strict=("fulltime",),
    example=tuple(
        {
            "unit": "示例镇",
            "person": person,
            "post": post,
            "fulltime": kind,
            "background": background,
            "cert_no": cert,
        }
        for person, post, kind, background, cert in _STAFF
    ),
)

DRILL = TemplateSpec(
    kind="drill",
    title="应急演练记录",
    sheet="演练记录",
    default_name="应急演练记录模板.xlsx",
    help={
        "unit": "企业（单位）全称，与营业执照一致；每次演练一行",
        "uscc": "18 位统一社会信用代码（本列为文本格式，请勿改为数字）",
        "town": "企业所在镇（街道）",
        "industry": "从下拉列表选择",
        "high_risk": "危险化学品、矿山、金属冶炼、建筑施工、城镇燃气等高危行业填“是”，其他填“否”",
        "name": "演练名称，如 危化品泄漏现场处置方案演练；开工“第一课”请写明“开工第一课”",
        "type": "从下拉列表选择：综合、专项或现场处置",
        "held_on": "演练日期，如 2026-06-20",
        "place": "演练地点",
        "organizer": "组织人（总指挥）姓名",
        "participants": "参加人数",
        "evaluation": "评估总结情况，如 已评估，形成评估报告；未评估的如实填写“无”",
        "problems": "演练中发现的问题；没有的填“无”",
        "note": "其他说明",
    },
    notes=(
        "1. 每次演练填一行：每年至少一次综合或专项应急预案演练，每半年至少一次现场处置方案演练（应急管理部令第2号第三十三条）。",
        "2. 危险化学品、矿山、金属冶炼、建筑施工、城镇燃气等高危行业企业，每半年至少一次综合或专项应急预案演练。",
        "3. 春节后开工“第一课”也请登记一行，演练名称写明“开工第一课”。",
        "4. 每次演练后应进行评估，填写评估总结；表格第一行灰色文字是填写示例，填写时请删除。",
    ),
    widths={"unit": 30, "uscc": 22, "name": 30, "evaluation": 26, "problems": 26},
    options=lambda config: {
        "industry": tuple(config.industries) or INDUSTRIES,
        "high_risk": ("是", "否"),
        "type": ("综合", "专项", "现场处置"),
        **({"town": tuple(config.towns)} if config.towns else {}),
    },
    strict=("type", "high_risk"),
    example=(
        {
            "unit": _EXAMPLE_UNIT,
            "town": "示例镇",
            "industry": "工贸",
            "high_risk": "否",
            "name": "车间火灾事故专项应急预案演练",
            "type": "专项",
            "held_on": dt.date(2026, 6, 20),
            "place": "一车间",
            "organizer": "张某",
            "participants": 45,
            "evaluation": "已评估，形成评估报告",
            "problems": "疏散集合时间偏长，已组织复训",
        },
    ),
)

# A machinery works (not high-risk): its principal and safety manager trained 12 h this year, an
# electrician with a certificate reviewed in time, and one worker. Clean as of the end of 2026.
_TRAINED = (
    ("张某", "主要负责人", dt.date(2026, 3, 10), "安全生产法律法规和安全管理知识再培训", "12", None),
    ("李某", "安全生产管理人员", dt.date(2026, 3, 10), "安全生产管理知识再培训", "12", None),
    ("王某", "特种作业人员", dt.date(2026, 4, 15), "低压电工作业复审培训", "8", "11010519491231002X"),
    ("赵某", "其他从业人员", dt.date(2026, 1, 5), "年度安全教育再培训", "8", None),
)

TRAINING = TemplateSpec(
    kind="training",
    title="安全培训档案",
    sheet="培训档案",
    default_name="安全培训档案模板.xlsx",
    help={
        "unit": "企业（单位）全称，与营业执照一致；每一行都要填写",
        "uscc": "18 位统一社会信用代码（本列为文本格式，请勿改为数字）",
        "person": "参训人员姓名；一人多次培训的逐行填写，姓名保持一致",
        "id_number": "18 位居民身份证号码（本列为文本格式）；用于区分同名人员，可不填",
        "category": "从下拉列表选择：主要负责人、安全生产管理人员、特种作业人员、其他从业人员",
        "trained_on": "培训日期，如 2026-03-10；培训持续多日的填结束日期",
        "content": "培训内容，如 安全生产法律法规再培训、低压电工作业复审培训",
        "hours": "本次培训学时，填数字，如 8 或 8.5；没有数字的按 0 学时统计",
        "result": "从下拉列表选择：合格或不合格；补考合格的另起一行填写",
        "cert_name": "持证人员填写，如 特种作业操作证（低压电工作业）、主要负责人安全生产知识和管理能力考核合格证",
        "cert_no": "证书编号；特种作业人员和高危行业单位的主要负责人、安全生产管理人员必须填写",
        "issued_on": "发证日期（换证的填新证的发证日期）",
        "valid_until": "证书有效期截止日期，如 2029-05-19",
        "reviewed_on": "特种作业操作证最近一次复审日期；未到复审时间的不填",
        "industry": "从下拉列表选择",
        "high_risk": "危险化学品、矿山、烟花爆竹、金属冶炼、建筑施工、城镇燃气等高危行业单位填“是”，其他填“否”",
        "note": "其他说明",
    },
    notes=(
        "1. 一人一档：每人每次培训（或每个证书）填一行；同一人多次培训逐行填写，姓名、身份证号保持一致。",
        "2. 每年再培训学时按近12个月内的培训日期合计：主要负责人和安全生产管理人员不少于12学时（高危行业单位16学时），高危行业单位其他从业人员不少于20学时（生产经营单位安全培训规定；县里另有要求的从其规定）。",
        "3. 特种作业人员必须持特种作业操作证上岗：填写证书名称、证书编号、发证日期和有效期至；操作证有效期6年，每3年复审一次，复审后填写复审日期。",
        "4. 高危行业单位的主要负责人和安全生产管理人员须经考核合格并持证：填写证书编号和有效期至。",
        "5. 证书过期、特种作业操作证逾期未复审、应持证未填证书编号、考核不合格且之后没有合格记录的，校验时会逐条列出。",
        "6. 身份证号和证书编号列为文本格式，请勿改为数字；日期一律填写日期格式（如 2026-03-10）。",
        "7. 表格前几行灰色文字是填写示例，填写时请删除。",
    ),
    widths={"unit": 28, "uscc": 22, "id_number": 22, "content": 28, "cert_name": 28, "cert_no": 22},
    options=lambda config: {
        "category": TRAINING_CATEGORIES,
        "result": ("合格", "不合格"),
        "industry": tuple(config.industries) or INDUSTRIES,
        "high_risk": ("是", "否"),
    },
    strict=("category", "result", "high_risk"),
    text=("id_number", "cert_no"),
    example=tuple(
        {
            "unit": _EXAMPLE_UNIT,
            "person": person,
            "id_number": id_number,
            "category": category,
            "trained_on": trained_on,
            "content": content,
            "hours": hours,
            "result": "合格",
            "industry": "工贸",
            "high_risk": "否",
            **(
                {
                    "cert_name": "特种作业操作证（低压电工作业）",
                    "cert_no": f"T{id_number}",
                    "issued_on": dt.date(2023, 5, 20),
                    "valid_until": dt.date(2029, 5, 19),
                    "reviewed_on": trained_on,
                }
                if id_number
                else {}
            ),
        }
        for person, category, trained_on, content, hours, id_number in _TRAINED
    ),
)

SPECS = {
    "hazards": HAZARD,
    "hazard": HAZARD,
    "responsibility": RESPONSIBILITY,
    "responsibilities": RESPONSIBILITY,
    "roster": ROSTER,
    "training": TRAINING,
    "staffing": STAFFING,
    "drill": DRILL,
}
