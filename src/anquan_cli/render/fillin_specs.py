"""What each fill-in template contains: columns, help texts, dropdowns, instructions, example rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from anquan_cli.core.config import Config
from anquan_cli.core.vocab import INDUSTRIES, TIERS


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

SPECS = {
    "hazards": HAZARD,
    "hazard": HAZARD,
    "responsibility": RESPONSIBILITY,
    "responsibilities": RESPONSIBILITY,
    "roster": ROSTER,
}
