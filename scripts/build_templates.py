"""Regenerate the default document templates in templates/ (run: make templates).

The committed .docx and .md.j2 files are this script's output; tests/test_documents.py checks they are
in sync. Counties customise the copies that `anquan init` writes, in Word or WPS, not this script.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from anquan_cli.render.docx_build import Layout, build  # noqa: E402

# 函 in 信函格式 (GB/T 9704 10.2): the office's name over a red double line, the 发文字号 flush right.
LETTER_HEAD = [
    ("letterhead", "{{ office }}"),
    ("number", "{{ doc_number }}", "right"),
    ("blank",),
]
# The monthly 通报 as [brief] head says: a 文件 (the office's name + 文件, its 发文字号, a red line) or a
# 简报 (its name, the issue number, the issuing office and the date on one line, a red line).
BRIEF_HEAD = [
    ("if", 'head == "文件"'),
    ("mark", "{{ office }}文件"),
    ("blank",),
    ("number", "{{ doc_number }}"),
    ("rule",),
    ("else",),
    ("mark", "{{ bulletin }}"),
    ("number", "{{ doc_number }}"),
    ("split", "{{ office }}", "{{ date|cn_date }}"),
    ("rule",),
    ("endif",),
    ("blank",),
]


def signature(attachment: str | None) -> list[tuple]:
    """附件说明, then the signature and the date (GB/T 9704 7.3.5: 附件 after them, 版记 last)."""
    blocks = [("blank",)]
    if attachment:
        blocks += [("attach", f"附件：{attachment}")]
    return [*blocks, ("blank",), ("blank",), ("sign", "{{ office }}"), ("date", "{{ date|cn_date }}")]


def annex(title: str, columns: list[tuple[str, str, int]], loop: str, note: str | None = None) -> list[tuple]:
    """The annex on landscape pages of its own, its table's header repeated on each page."""
    blocks = [("landscape",), ("annex", "附件"), ("title", title)]
    if note:
        blocks += [("if", note), ("p", f"{{{{ {note} }}}}"), ("endif",)]
    return [*blocks, ("table", columns, loop)]


# 版记 of a 函: 抄送 alone; of the 通报: 抄送 and 印发 between rules. On the last even page's foot.
LETTER_COLOPHON = [("colophon", "抄送：{{ cc }}。")]
BRIEF_COLOPHON = [("colophon", "抄送：{{ cc }}。", "{{ office }}　　　　{{ date|cn_date }}印发")]

# Widths in mm of the 225 mm a landscape page holds, for what each column holds (五号 type).
HAZARD_COLUMNS = [
    ("序号", "h.index", 10),
    ("隐患编号", "h.hazard_id", 26),
    ("隐患描述", "h.description", 64),
    ("等级", "h.level", 10),
    ("整改期限", "h.deadline|cn_date", 27),
    ("逾期天数", "h.days_overdue", 11),
    ("来源", "h.source", 29),
]


def hazard_columns(*extra: tuple[str, str, int]) -> list[tuple[str, str, int]]:
    """序号, the extra columns (who), then the hazard's own; its description gives up a third of the room
    they take (the table is scaled to fill the page)."""
    given = sum(width for *_, width in extra)
    own = [(h, e, w - round(given / 3) if h == "隐患描述" else w) for h, e, w in HAZARD_COLUMNS[1:]]
    return [HAZARD_COLUMNS[0], *extra, *own]


LEGAL_BASIS = (
    "根据《中华人民共和国安全生产法》《安全生产事故隐患排查治理暂行规定》（原国家安全生产监督管理总局令第16号）"
    "和全县安全生产隐患大排查快整治严执法专项行动部署，县安委办对各镇（街道）报送的隐患排查治理台账进行了汇总分析。"
)

WARNING = [
    *LETTER_HEAD,
    ("title", "{{ title }}"),
    ("blank",),
    ("to", "{{ recipient }}："),
    ("p", LEGAL_BASIS + "截至{{ as_of|cn_date }}，你单位存在以下问题："),
    ("for", "fact in facts"),
    ("p", "{{ fact }}"),
    ("endfor",),
    (
        "p",
        "上述问题反映出你单位安全生产主体责任落实不到位，隐患排查治理工作存在走过场的问题。现予以警示，并提出如下要求：",
    ),
    (
        "hp",
        "一、立即组织整改。",
        "对附件所列{{ hazard_count }}项逾期未整改隐患，逐项落实整改责任、措施、资金、时限和预案，"
        "整改完成后及时报{{ town }}复查验收"
        "{% if major_count %}；其中{{ major_count }}项重大事故隐患，{{ major_order }}，整改验收合格前不得恢复生产{% endif %}。",
    ),
    (
        "hp",
        "二、深刻分析原因。",
        "{% if repeat_topics %}针对{{ repeat_topics }}等反复出现的问题，{% endif %}深入分析隐患产生和反复出现的根本原因，"
        "举一反三，全面排查同类隐患，完善隐患排查治理制度，落实全员安全生产责任制。",
    ),
    (
        "hp",
        "三、按时书面报告。",
        "请于{{ report_back|cn_date }}前将原因分析、整改方案和整改情况书面报县安委办，同时报{{ town }}。",
    ),
    ("p", "对拒不整改或整改不到位的，将依照《中华人民共和国安全生产法》第一百零二条等规定依法处理。"),
    *signature("{{ recipient }}逾期未整改隐患清单"),
    *annex(
        "{{ recipient }}逾期未整改隐患清单",
        hazard_columns(("镇（街道）", "h.town", 18)),
        "h in hazards",
    ),
    *LETTER_COLOPHON,
]

SUPERVISION = [
    *LETTER_HEAD,
    ("title", "{{ title }}"),
    ("blank",),
    ("to", "{{ recipient }}："),
    ("p", LEGAL_BASIS + "截至{{ as_of|cn_date }}，你单位辖区内："),
    ("for", "fact in facts"),
    ("p", "{{ fact }}"),
    ("endfor",),
    ("p", "重大事故隐患逾期未整改的，依法必须责令停产整顿。现将上述事项列入县安委办督办，请按以下要求办理："),
    (
        "hp",
        "一、逐项督促整改。",
        "对附件所列{{ hazard_count }}项隐患逐一落实属地监管责任，督促企业按责任、措施、资金、时限、预案“五落实”要求限期整改"
        "{% if major_count %}；对其中{{ major_count }}项重大事故隐患，依法责令相关企业停产停业整顿，整改验收合格前不得恢复生产{% endif %}。",
    ),
    (
        "hp",
        "二、严格复查销号。",
        "整改完成一项、复查验收一项、销号一项，重大事故隐患须经现场复查合格后方可销号。",
    ),
    (
        "hp",
        "三、按时反馈结果。",
        "请于{{ report_back|cn_date }}前（{{ working_days }}个工作日内）将督办事项办理情况书面报县安委办。",
    ),
    ("p", "逾期未办结的，县安委会将约谈你单位主要负责人，并在全县范围内通报批评，纳入年度安全生产工作考核。"),
    *signature("{{ town }}逾期未整改隐患清单"),
    *annex(
        "{{ town }}逾期未整改隐患清单",
        hazard_columns(("企业名称", "h.unit", 34)),
        "h in hazards",
    ),
    *LETTER_COLOPHON,
]

REMINDER = [
    *LETTER_HEAD,
    ("title", "{{ title }}"),
    ("blank",),
    ("to", "{{ recipient }}："),
    (
        "p",
        "{{ month_label }}，全县共发现安全生产隐患{{ stats.found }}项；截至{{ as_of|cn_date }}，"
        "全县累计逾期未整改隐患{{ stats.overdue }}项。当前正值{{ season }}，{{ risk_summary }}。为切实防范化解重大安全风险，坚决遏制各类生产安全事故，现就有关工作提醒如下：",
    ),
    ("for", "r in risks"),
    ("hp", "{{ loop.index|cn_number }}、{{ r.topic }}。", "{{ r.text }}"),
    ("endfor",),
    (
        "p",
        "请各镇（街道）、各有关部门对照上述风险组织开展针对性排查，发现隐患立即整改，"
        "并于{{ report_back|cn_date }}前将工作开展情况报县安委办。",
    ),
    *signature(None),
    *LETTER_COLOPHON,
]

BRIEF = [
    *BRIEF_HEAD,
    ("title", "{{ title }}"),
    ("blank",),
    ("to", "{{ recipient }}："),
    (
        "p",
        "按照全县安全生产隐患大排查快整治严执法专项行动部署，现将{{ month_label }}全县隐患排查整治情况通报如下：",
    ),
    ("h1", "一、总体情况"),
    (
        "p",
        "{% if total.found %}{{ month_label }}，全县共检查企业{{ total.enterprises }}家，其中存在隐患企业{{ total.enterprises_with_hazards }}家，"
        "本月发现隐患{{ total.found }}项，其中重大事故隐患{{ total.major }}项。"
        "本月发现的隐患中，截至{{ as_of|cn_date }}已整改{{ total.closed }}项，整改率{{ total.rectification_rate|percent }}；"
        "到期应改{{ total.due }}项，按期整改{{ total.closed_on_time }}项，按期整改率{{ total.on_time_rate|percent }}；"
        "整改中未到期{{ total.not_due }}项，已逾期{{ total.overdue }}项"
        "{% if total.no_deadline %}，未明确整改期限{{ total.no_deadline }}项{% endif %}。"
        "{% else %}{{ no_hazard_text }}{% endif %}{{ cumulative_text }}{{ left_out_text }}",
    ),
    ("h1", "二、各镇（街道）情况"),
    ("p", "{{ town_text }}"),
    (
        "table",
        [
            ("排名", "r.rank", 12),
            ("镇（街道）", "r.name", 34),
            ("发现隐患", "r.found", 18),
            ("重大", "r.major", 12),
            ("已整改", "r.closed", 16),
            ("整改率", "r.rectification_rate|percent", 18),
            ("累计逾期", "r.overdue_all", 20),
            ("屡查屡有", "r.repeat_groups", 16),
        ],
        "r in towns",
    ),
    ("image", "chart"),
    ("h1", "三、排查覆盖情况"),
    ("p", "{{ coverage_text }}"),
    ("if", "coverage"),
    (
        "table",
        [
            ("镇（街道）", "g.name", 34),
            ("应排查企业", "g.roster", 22),
            ("实际排查企业", "g.inspected", 24),
            ("应查未查", "g.uninspected", 20),
            ("排查覆盖率", "g.rate_text", 22),
        ],
        "g in coverage",
    ),
    ("endif",),
    ("h1", "四、行业领域情况"),
    ("p", "{{ industry_text }}"),
    (
        "table",
        [
            ("行业领域", "r.name", 34),
            ("发现隐患", "r.found", 20),
            ("重大", "r.major", 14),
            ("已整改", "r.closed", 18),
            ("整改率", "r.rectification_rate|percent", 20),
            ("累计逾期", "r.overdue_all", 22),
        ],
        "r in industries",
    ),
    ("h1", "五、重大事故隐患整改情况"),
    ("p", "{{ major_text }}"),
    ("if", "majors"),
    (
        "table",
        [
            ("镇（街道）", "m.town", 24),
            ("企业名称", "m.unit", 40),
            ("隐患描述", "m.description", 50),
            ("整改期限", "m.deadline|cn_date", 26),
            ("状态", "m.state", 20),
        ],
        "m in majors",
    ),
    ("endif",),
    ("h1", "六、逾期未整改隐患"),
    ("p", "{{ overdue_text }}"),
    ("if", "overdue_top"),
    (
        "table",
        [
            ("镇（街道）", "h.town", 24),
            ("企业名称", "h.unit", 40),
            ("隐患描述", "h.description", 56),
            ("逾期天数", "h.days_overdue", 20),
        ],
        "h in overdue_top",
    ),
    ("endif",),
    ("h1", "七、屡查屡有问题"),
    ("p", "{{ repeat_text }}"),
    ("if", "repeats"),
    (
        "table",
        [
            ("镇（街道）", "g.town", 24),
            ("企业名称", "g.unit", 44),
            ("问题类别", "g.topic", 30),
            ("次数", "g.count", 12),
            ("最近一次", "g.latest", 30),
        ],
        "g in repeats",
    ),
    ("endif",),
    ("h1", "八、台账报送质量"),
    ("p", "{{ quality_text }}"),
    (
        "table",
        [
            ("镇（街道）", "q.town", 34),
            ("报送文件", "q.files", 20),
            ("数据行", "q.rows", 20),
            ("错误", "q.errors", 18),
            ("警告", "q.warnings", 18),
        ],
        "q in quality",
    ),
    ("if", "mechanisms"),
    ("h1", "九、长效机制落实情况"),
    ("for", "m in mechanisms"),
    ("p", "{{ m }}"),
    ("endfor",),
    ("endif",),
    ("h1", "{{ next_number }}、下一步工作要求"),
    ("for", "step in next_steps"),
    ("h2p", "（{{ loop.index|cn_number }}）", "{{ step }}"),
    ("endfor",),
    *signature("逾期未整改隐患清单"),
    *annex(
        "逾期未整改隐患清单",
        hazard_columns(("镇（街道）", "h.town", 18), ("企业名称", "h.unit", 34)),
        "h in overdue",
        note="overdue_note",
    ),
    *BRIEF_COLOPHON,
]

COVERAGE = [
    *LETTER_HEAD,
    ("title", "{{ title }}"),
    ("blank",),
    ("to", "{{ recipient }}："),
    (
        "p",
        "按照全县安全生产隐患大排查快整治严执法专项行动“全覆盖、零容忍”和应查尽查的要求，县安委办将各镇（街道）报送的"
        "隐患排查治理台账与生产经营单位底数逐家比对。你单位辖区内：",
    ),
    ("for", "fact in facts"),
    ("p", "{{ fact }}"),
    ("endfor",),
    ("p", "应查未查属于专项行动严肃查处的问题。现将上述事项列入县安委办督办，请按以下要求办理："),
    (
        "hp",
        "一、逐家开展排查。",
        "对附件所列{{ hazard_count }}家企业逐家开展安全生产隐患排查，高危企业优先，发现隐患的建立台账、限期整改。",
    ),
    (
        "hp",
        "二、核准企业底数。",
        "已关闭、注销或迁出的企业，在生产经营单位底数中改为相应状态；新发现的企业及时补录，做到底数清、情况明。",
    ),
    (
        "hp",
        "三、按时反馈结果。",
        "请于{{ report_back|cn_date }}前（{{ working_days }}个工作日内）将排查情况和更新后的底数书面报县安委办。",
    ),
    ("p", "逾期未落实的，县安委会将约谈你单位主要负责人，并纳入年度安全生产工作考核。"),
    *signature("{{ town }}应查未查企业清单"),
    *annex(
        "{{ town }}应查未查企业清单",
        [
            ("序号", "h.index", 10),
            ("企业名称", "h.unit", 50),
            ("统一社会信用代码", "h.uscc", 42),
            ("行业领域", "h.industry", 24),
            ("高危", "h.level", 12),
            ("未检查的周期", "h.windows", 52),
            ("最近一次排查", "h.last", 28),
        ],
        "h in hazards",
    ),
    *LETTER_COLOPHON,
]

TEMPLATES = {
    "月度通报": BRIEF,
    "警示函": WARNING,
    "督办函": SUPERVISION,
    "提醒函": REMINDER,
    "排查督办函": COVERAGE,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "templates")
    args = parser.parse_args(argv)
    for name, blocks in TEMPLATES.items():
        build(blocks, Layout(), args.out / f"{name}.docx", args.out / f"{name}.md.j2", core_title=name)
    print(f"wrote {len(TEMPLATES)} templates to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
