"""The one catalogue of user-facing text.

Every finding and every expected failure has a stable code; the Chinese wording lives here only, so
wording can improve without breaking scripts that branch on codes (the frictionless-py split of an
error's type from its text).
"""

from __future__ import annotations

from collections import defaultdict

# code -> (default severity, template). Severity None: a failure (AnquanError), not a finding.
CATALOGUE: dict[str, tuple[str | None, str]] = {
    # --- files and usage (AnquanError) ---
    "path-not-found": (None, "找不到文件或文件夹：{path}"),
    "no-ledger-files": (None, "没有找到台账文件（支持 xlsx、xlsm、xls、ods、csv）：{path}"),
    "format-unsupported": (None, "不支持的文件类型“{ext}”，请另存为 xlsx、xls 或 csv"),
    "file-empty": (None, "文件是空的（0 字节），请对方重新报送"),
    "file-encrypted": (None, "文件设置了打开密码，无法读取；请对方取消密码后另存一份再报送"),
    "file-too-large": (
        None,
        "文件解压后过大（{part} 约 {size} MB，上限 {limit} MB），可能已损坏或是恶意构造的文件；"
        "如确为真实台账，请拆分后报送，或在 anquan.toml 的 [limits] 中调高上限",
    ),
    "sheet-too-large": (
        None,
        "工作表的使用范围过大（{rows} 行 × {cols} 列，超过 {limit} 个单元格），多半是远处有误填的单元格；"
        "请对方删除多余的行列后另存再报送，或在 anquan.toml 的 [limits] 中调高上限",
    ),
    "file-unreadable": (
        None,
        "无法读取：{reason}；请对方用 Excel 或 WPS 打开后另存为 xlsx 再报送",
    ),
    "encoding-unknown": (
        None,
        "无法识别 CSV 文件的编码（已尝试 UTF-8、GB18030、UTF-16），请用 Excel 另存为 xlsx 后再报送",
    ),
    "sheet-not-found": (None, "工作表“{sheet}”不存在（文件中有：{names}）"),
    "header-not-found": (
        None,
        "未找到{title}的表头（已检查每个可见工作表的前 {scan} 行），请确认文件内容或用 --sheet 指定工作表",
    ),
    "header-hidden-only": (
        None,
        "可见工作表中没有{title}；隐藏工作表“{sheet}”中有，如需读取请加参数 --sheet {sheet}",
    ),
    "internal-error": (None, "程序内部错误（{reason}）。请加 --debug 重新运行，并把输出发给维护人员"),
    "interrupted": (None, "已中断，未完成的输出文件已丢弃"),
    "worker-died": (
        None,
        "后台处理进程意外退出（多半是内存不足），本次成果未全部生成；请关闭其他程序后重新运行",
    ),
    "no-hazard-ledgers": (None, "在 {count} 个文件中没有读到可用的隐患台账，无法统计{details}"),
    "template-syntax": (None, "模板“{template}”第 {line} 行有语法错误：{reason}"),
    "template-undefined": (
        None,
        "模板“{template}”使用了程序不提供的变量：{reason}（运行 anquan templates check 查看可用变量）",
    ),
    "template-unsafe": (None, "模板“{template}”中有不允许的操作：{reason}"),
    "template-failed": (None, "模板“{template}”无法生成文档：{reason}"),
    "template-missing": (None, "找不到模板文件：{path}（可运行 anquan init 生成一套模板）"),
    "register-unreadable": (None, "发文登记簿 {path} 无法读取：{reason}"),
    "register-locked": (None, "发文登记簿 {path} 正被另一次运行使用，请稍后再试"),
    "letter-kind-unknown": (
        None,
        "未知的函件种类“{kind}”，可选：warning（警示函）、supervision（督办函）、reminder（提醒函）",
    ),
    "output-suffix": (None, "无法写入 {path}：通报只能写成 {allowed} 文件"),
    "output-pdf-no-office": (
        None,
        "无法写入 {path}：生成 PDF 需要本机安装 LibreOffice（或 WPS 另存为 PDF）；可先写成 .docx，在 Word/WPS 中另存为 PDF",
    ),
    "output-pdf-failed": (None, "无法把通报转换为 PDF（{reason}）；可先写成 .docx，在 Word/WPS 中另存为 PDF"),
    "output-exists": (None, "{path} 已存在，如需覆盖请加 --force"),
    "out-inside-input": (
        None,
        "输出文件夹 {out} 位于输入 {path} 之内，已拒绝（成果不能写进报送台账的文件夹，请换一个输出位置）",
    ),
    "out-other-month": (
        None,
        "输出文件夹 {out} 中是 {previous} 的月度成果，本次是 {month}，已拒绝覆盖（请换一个输出文件夹，或加 --force 覆盖）",
    ),
    "monthly-no-input": (None, "请给出报送台账所在的文件夹（或加 --demo 使用内置示例数据）"),
    "kind-unknown": (None, "未知的台账类型“{kind}”，可选：{choices}"),
    "option-month-invalid": (None, "参数 --month 无法识别：{value}（请写成 2026-10，或 2026年10月）"),
    "option-month-missing": (None, "缺少 --month（报告月份，请写成 2026-10）"),
    "option-quarter-invalid": (None, "参数 --quarter 无法识别：{value}（请写成 2026Q4，或 2026年第四季度）"),
    "option-period-missing": (
        None,
        "缺少 --month 或 --quarter（统计期间，如 --month 2026-10 或 --quarter 2026Q4）",
    ),
    "option-period-both": (None, "--month 和 --quarter 只能给一个"),
    "roster-missing": (
        None,
        "输入中没有生产经营单位底数台账（表头含企业名称、镇街、主要负责人、联系电话、状态等），无法计算应查未查；"
        "可用 --roster 指定底数文件",
    ),
    "option-date-invalid": (None, "参数 {option} 的日期无法识别：{value}（示例：2026-10-31）"),
    "config-not-found": (None, "找不到配置文件：{path}"),
    "config-syntax": (None, "配置文件 {path} 格式错误（第 {line} 行）：{reason}"),
    "config-invalid": (None, "配置文件 {path} 中的“{key}”有误：{reason}"),
    "criteria-unreadable": (None, "无法读取判定标准表 {path}：{reason}"),
    "criteria-invalid": (None, "判定标准表 {path} 中的“{key}”有误：{reason}"),
    "criteria-unknown-id": (
        None,
        "[major] disable 中的判定标准编号不存在：{ids}（运行 anquan criteria 查看全部编号）",
    ),
    "output-is-input": (None, "输出文件 {path} 与输入文件相同，已拒绝写入（不会改动报送的原件）"),
    "output-unwritable": (None, "无法写入 {path}：{reason}"),
    "output-not-file": (None, "无法写入 {path}：它已存在，但不是普通文件（{what}），请换一个文件名"),
    "template-kind-unknown": (None, "未知的模板类型“{kind}”，可选：{choices}"),
    # --- structure of a ledger ---
    "column-missing": ("error", "缺少必填列“{field}”"),
    "column-duplicate": ("warning", "与 {other} 列同为“{field}”，采用 {other} 列（{reason}）"),
    "column-guessed": ("warning", "表头“{header}”不是常见写法，已按其中的关键词当作“{field}”读取，请核实"),
    "closed-date-column-missing": (
        "warning",
        "台账没有“整改完成日期”列，无法核对 {count} 条已整改隐患的完成时间",
    ),
    # --- cells ---
    "required-empty": ("error", "必填项为空"),
    "formula-no-value": (
        "error",
        "单元格是公式，但文件中没有保存计算结果（anquan 不计算公式）；请在 Excel 或 WPS 中打开、保存后再报送",
    ),
    "deadline-missing": ("error", "未整改完成的隐患必须填写整改期限"),
    "date-invalid": ("error", "日期无法识别（应写成 2026-09-03、2026/9/3 或 2026年9月3日）"),
    "date-out-of-range": ("error", "日期不合理（年份应在 {min_year} 年至 {max_year} 年之间）"),
    "date-year-assumed": ("warning", "未写年份，已按排查日期的年份计为 {date}，请补全年份"),
    "date-year-unknown": ("error", "未写年份，无法确定是哪一年，请补全年份"),
    "date-year-from-file": (
        "warning",
        "未写年份，本行也没有可用的排查日期，已按{source}中的年份计为 {date}，请补全年份",
    ),
    "date-day-missing": (
        "error",
        "只写到月份，不知道是哪一天，不能作为{field}；请写明具体日期（如 2026年9月3日）",
    ),
    "date-ambiguous": (
        "error",
        "数字 {value} 可能是{first}，也可能是{second}（Excel 会去掉小数末尾的 0）；"
        "请把单元格设为文本或日期格式，写成 2026年10月1日 这样的完整日期",
    ),
    "deadline-month-end": (
        "warning",
        "整改期限只写到月份，已按该月最后一天（{date}）判断是否逾期，请写明具体日期",
    ),
    "date-future": ("warning", "日期晚于统计截止日 {as_of}"),
    "deadline-invalid": ("error", "整改期限无法识别（应为日期，或“立即整改”“15日内”等）"),
    "deadline-vague": ("warning", "整改期限不是具体日期，无法判断是否逾期，请写明完成日期"),
    "deadline-before-found": ("error", "整改期限早于排查日期（{found}）"),
    "closed-before-found": ("error", "整改完成日期早于排查日期（{found}）"),
    "level-invalid": ("error", "隐患等级不在规定范围内（应为“一般事故隐患”或“重大事故隐患”）"),
    "level-nonstandard": (
        "warning",
        "非标准隐患等级，已按“{mapped}事故隐患”统计（安监总局令第16号：隐患只分一般、重大两级）",
    ),
    "status-invalid": (
        "error",
        "整改状态“{value}”无法识别（应为“已整改”“整改中”或“未整改”，或以“已整改”“正在整改”“未整改”等开头的说明）",
    ),
    "uscc-length": ("error", "统一社会信用代码应为 18 位，实为 {length} 位"),
    "uscc-charset": ("error", "统一社会信用代码含非法字符“{chars}”（代码不使用 I、O、Z、S、V）"),
    "uscc-checksum": ("error", "统一社会信用代码校验位错误（按前 17 位计算，第 18 位应为“{expected}”）"),
    "uscc-number": (
        "error",
        "统一社会信用代码被存成了数字，后几位已丢失；请将该列设为文本格式后重新填写，不能直接改回",
    ),
    "closed-no-date": ("error", "整改状态为已整改，但未填整改完成日期"),
    "closed-date-from-status": (
        "warning",
        "未填整改完成日期，已按整改状态中写的日期计为 {date}；请把完成日期填入“整改完成日期”",
    ),
    "duplicate-id": ("error", "隐患编号与第 {first} 行重复"),
    "date-but-open": ("warning", "已填整改完成日期（{date}），但整改状态不是已整改，请核实"),
    "closed-no-verifier": ("warning", "已整改但未填复查人（整改结果应经复查验收）"),
    # --- 应急演练记录 (drill) ---
    "drill-type-invalid": ("warning", "演练类型应为“综合”“专项”或“现场处置”"),
    "drill-annual-missing": (
        "error",
        "{unit}在{since}至{as_of}的12个月内没有综合或专项应急演练记录（应急管理部令第2号第三十三条：每年至少一次）",
    ),
    "drill-halfyear-missing": (
        "error",
        "{unit}属高危行业（{industry}），{since}至{as_of}的6个月内没有综合或专项应急演练记录（应每半年至少一次）",
    ),
    "drill-onsite-missing": (
        "warning",
        "{unit}在{since}至{as_of}的6个月内没有现场处置方案演练记录（应每半年至少一次）",
    ),
    "drill-no-evaluation": ("warning", "演练没有评估总结（演练后应对演练效果进行评估，撰写评估报告）"),
    "first-lesson-missing": (
        "warning",
        "{unit}没有开工“第一课”记录（{year}年春节后第一个工作日为{first}，应在{deadline}前开展）",
    ),
    # --- 安全培训档案 (training) ---
    "id-checksum": (
        "warning",
        "不是有效的18位居民身份证号码（位数或校验位不对，GB 11643）；请核对，并把该列设为文本格式",
    ),
    "training-hours-short": (
        "warning",
        "{name}（{category}{risk}）{since}至{as_of}共培训{hours}学时，少于每年{minimum}学时的要求",
    ),
    "cert-expired": ("error", "证书有效期至{date}，已过期"),
    "cert-review-overdue": (
        "warning",
        "特种作业操作证{issued}发证，{reviewed}；每{years}年应复审一次，应于{due}前复审，已逾期",
    ),
    "cert-missing": ("error", "{who}应持证上岗，但未填证书编号"),
    "training-failed": ("warning", "{name}考核结果为不合格，之后没有合格记录"),
    # --- 安全监管力量 (staffing) ---
    "staffing-below-minimum": (
        "error",
        "{unit}专职安全监管人员{fulltime}人，少于{minimum}人（{basis}）",
    ),
    "staffing-professional-share": (
        "warning",
        "{unit}专职安全监管人员{fulltime}人，其中具有相关专业背景的{professional}人，占{share}，"
        "低于{minimum}（{basis}）",
    ),
    "staffing-fulltime-invalid": ("warning", "专职/兼职应填“专职”或“兼职”，本行未计入专职人数"),
    "staffing-duplicate-person": (
        "warning",
        "与第 {first} 行是同一单位的同一人（姓名相同），重复登记；统计人数时只计一次",
    ),
    # --- 重大事故隐患 (判定标准, 五落实, 销号) ---
    "level-suspect-major": (
        "warning",
        "登记为一般隐患，但描述中有“{words}”，符合{basis}“{text}”的情形，疑似重大事故隐患，请核实隐患等级{scope}",
    ),
    "major-five-missing": (
        "error",
        "重大事故隐患未写明{item}（五落实：责任、措施、资金、时限、预案，本行缺{missing}；安监总局令第16号第十五条）",
    ),
    "major-five-unverifiable": (
        "warning",
        "台账有 {count} 项重大事故隐患，但没有“{columns}”列，无法核查五落实（责任、措施、资金、时限、预案）",
    ),
    "major-closed-unverified": (
        "warning",
        "重大事故隐患已整改，但未填{missing}（重大事故隐患须经核查验收后方可销号）",
    ),
    "duplicate-row": ("warning", "与第 {first} 行内容完全相同（重复录入？）"),
    "uscc-many-names": ("warning", "同一统一社会信用代码在本表中对应多个企业名称：{names}"),
    "name-many-uscc": ("warning", "同一企业在本表中填了多个统一社会信用代码：{codes}"),
    "town-unknown": ("warning", "镇街不在配置的镇街名单中"),
    # --- responsibility lists (全员安全生产责任清单) ---
    "principal-missing": (
        "error",
        "{unit}的责任清单没有主要负责人（安全生产法第五条：主要负责人是本单位安全生产第一责任人）",
    ),
    "tier-missing": (
        "warning",
        "{unit}的责任清单缺少“{tier}”层级（责任应细化到主要负责人、分管负责人、部门车间、班组和岗位）",
    ),
    "principal-ambiguous": (
        "warning",
        "{unit}有 {count} 名主要负责人（{names}），但未注明谁是法定代表人、谁是实际控制人",
    ),
    "principal-incomplete": (
        "warning",
        "{unit}的法定代表人（{legal}）与实际控制人（{controller}）不是同一人，主要负责人层级应同时列明二人（中发〔2016〕32号）",
    ),
    "duty-copied": ("warning", "与第 {rows} 行职责内容相同（岗位：{posts}），照抄照搬，请按岗位分别细化"),
    "duty-short": ("warning", "职责内容只有 {length} 个字（少于 {min} 个字），过于笼统"),
    "person-multi-tier": ("warning", "{name}在本企业同时列在“{tiers}”层级"),
    "standard-empty": ("warning", "未填写考核标准"),
    "tier-empty": ("warning", "层级为空，已根据岗位推断为“{tier}”"),
    "tier-invalid": ("warning", "层级无法识别，已根据岗位推断为“{tier}”"),
    "tier-inferred": (
        "info",
        "清单没有“层级”列，已根据岗位推断每人的层级（关键词可在 anquan.toml 的 [responsibility.tier_keywords] 中调整）",
    ),
    "no-responsibility-list": ("warning", "{unit}出现在隐患台账中，但没有报送全员安全生产责任清单"),
    "industry-unknown": ("warning", "行业领域不在配置的行业名单中"),
    # --- 生产经营单位底数 (roster) ---
    "roster-place-empty": ("error", "未填镇街，也未填监管部门：无法确定由谁负责检查"),
    "roster-duplicate": ("error", "与第 {first} 行是同一企业（统一社会信用代码相同），底数中重复登记"),
    "roster-duplicate-name": ("error", "与第 {first} 行企业名称相同、镇街相同，底数中重复登记"),
    "roster-status-invalid": ("error", "状态无法识别（应为在营、停产、停业、关闭或注销）"),
    "roster-high-risk-invalid": (
        "warning",
        "是否高危无法识别（应填“是”或“否”，或风险等级 重大/较大/一般/低）",
    ),
    "roster-phone-invalid": ("warning", "联系电话格式不对（应为 11 位手机号或带区号的固定电话）"),
    # --- 一企一档 (anquan enterprise) ---
    "enterprise-query-empty": (None, "请写出企业名称（或名称中的一段）或统一社会信用代码"),
    "enterprise-not-found": (
        None,
        "在输入的隐患台账和生产经营单位底数中没有找到企业“{query}”（可写统一社会信用代码，或企业名称中的一段）",
    ),
    "enterprise-ambiguous": (
        None,
        "“{query}”对应 {count} 家企业：{names}；请写出完整名称或统一社会信用代码",
    ),
    "enterprise-output-suffix": (None, "无法写入 {path}：一企一档只能写成 {allowed} 文件"),
}

SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}

# Why column-duplicate kept the other column: the first criterion on which the two columns differ.
DUPLICATE_REASONS = {
    "values": "可识别 {kept}，本列 {this}",
    "values-tie": "两列都可识别 {kept}，",
    "header": "表头更贴切",
    "filled": "已填 {kept}，本列 {this}",
    "filled-tie": "两列都已填 {kept}，",
    "left": "取靠左的一列",
}

# What staffing-below-minimum and staffing-professional-share cite ({minimum} from [mechanisms]).
STAFFING_BASIS = {
    "town": "县安全生产专项行动方案三（八）3：每个镇（街道）不少于{minimum}名专职安全监管人员",
    "dept": "县安全生产专项行动方案三（八）3：负有安全监管职责的有关部门不少于{minimum}名专职安全监管人员",
    "share": "县安全生产专项行动方案三（八）3：执法人员中具有相关专业背景和实践经验的不少于{minimum}",
}

# Labels for tables and summaries, kept here so every heading reads the same everywhere.
LABELS = {
    "file": "文件",
    "kind": "类型",
    "sheet": "工作表",
    "header_rows": "表头行",
    "rows": "数据行",
    "errors": "错误",
    "warnings": "警告",
    "total": "合计",
    "hazard": "隐患台账",
    "responsibility": "责任清单",
    "roster": "底数台账",
    "drill": "应急演练记录",
    "training": "安全培训档案",
    "staffing": "安全监管力量",
    "unreadable": "无法读取",
    "clean": "未发现问题",
    "more": "…… 另有 {n} 条未显示（用 --limit 0 显示全部，或 --annotate 生成标注副本）",
    "summary": "共 {files} 个文件，{rows} 行数据：错误 {errors} 条，警告 {warnings} 条",
    "annotated": "已生成 {n} 份标注副本（<原名>_校验.xlsx），位于：{path}",
    "encoding": "编码 {encoding}",
    "unmapped": "未使用的列：{columns}",
    "unmapped-column": "{column} 列“{header}”",
    "template-written": "已生成模板：{path}",
    "written": "已写入：{path}",
    "no-cjk-font": "未找到中文字体（如黑体、微软雅黑、Noto Sans CJK），通报中未插入柱状图；安装中文字体后重新生成即可",
    "letters-planned": "拟发函件 {n} 件（未写入任何文件）：",
    "register-clash": "注意：{path} 中的 {number} 在发文登记簿中已是另一份函件的文号（此前各文件夹各自编号造成的重号），请核对",
    "date-before-as-of": "注意：成文日期 {date} 早于统计截止日 {as_of}，请核对 --date",
    "next-returned": "把 退回修改/ 中的 {n} 份标注副本发回报送单位，按标注更正后重新报送",
    "next-letters": "核对 函告/ 中的 {n} 件函件后签发（文号已记入发文登记簿）",
    "next-brief": "核对 月度通报.docx 后提交例会",
    "next-steps": "下一步：{steps}。",
    "register-at": "发文登记簿：{path}",
    "letters-written": "已生成函件 {n} 件，发文登记簿：{register}",
    "init-written": "已生成配置文件和模板：{path}",
    "stage-read": "读取并校验台账",
    "stage-analyse": "合并、统计逾期和屡查屡有",
    "stage-documents": "生成通报和清单",
    "stage-letters": "生成函告",
    "findings-sheet": "校验结果",
    "copy-category": "anquan 标注副本",
    "superseded": "{path}：已由更正后的副本 {by} 取代，本次读取副本",
    "superseded-row": "被更正副本取代的文件",
    "superseded-count": "{n} 个（改读更正后的副本）",
    "sheet-skipped": "工作表“{sheet}”未读取：{reason}",
    "sheets-skipped": "{path}：未读取的工作表 {sheets}",
    "account-skipped-rows": "另有 {count} 行未作为数据读取（{reasons}），请用 anquan validate 查看",
    "account-hidden-sheet": "{path} 中的隐藏工作表“{sheet}”表头像隐患台账，未读取（如需读取请用 --sheet 指定）",
    "sheet-skipped-short": "“{sheet}”（{reason}）",
    "sheets-left-out": "工作表 {sheets}",
    "rows-left-out": "{count} 行{reason}",
    "rows-left-out-copy": "另有 {count} 行未作为数据读取（{reason}），请核实",
    "rows-skipped": "{path}{sheet}：{count} 行未作为数据读取（{reason}）",
    "missing-lists": "隐患台账中有 {n} 家企业没有报送全员安全生产责任清单：",
    "no-missing-lists": "隐患台账中的企业都已报送全员安全生产责任清单",
}


# Why a sheet of a workbook gave no ledger (JSON `files[].skipped[].reason` keys are stable).
SHEET_SKIPS = {
    "hidden-ledger": "已隐藏，表头像{title}；如需读取请加参数 --sheet {sheet}",
    "hidden": "已隐藏",
    "no-header": "没有台账表头",
    "partial-header": "表头只有一部分像{title}；如需读取请加参数 --sheet {sheet}",
    "empty": "空白",
    "not-named": "未用 --sheet 指定",
    "check-results": "是 anquan 生成的校验结果表，不是台账",
}
# The head of the 校验结果 sheet of a marked-up copy. Copies written before they carried a property
# are recognised by it, so it is also a marker: a new wording must keep the old one recognised.
FINDINGS_HEADER = ("序号", "级别", "位置", "字段", "原值", "问题说明", "代码")
# Why a non-empty row below the header is not a data row, beyond title, header, label, subtotal and
# footer (JSON `rows_by_role.skipped` keys are stable).
ROW_SKIPS = {
    "numbered-empty": "只有序号、没有内容",
    "unmapped-only": "只在未使用的列中有内容",
    "after-footer": "在表尾的填表人、审核人等之后",
    "example": "模板中的填写示例",
}


# Errors that say what a record lacks, not that its figures cannot be read: the row still counts when
# rows with errors are left out ([analysis] exclude_rows_with_errors). A 重大 hazard without its 预案 is
# still a 重大 hazard, and the 通报 must count it (and its 停产整顿 when overdue).
COUNTED_DESPITE = frozenset({"major-five-missing"})


def quotes_value(code: str) -> bool:
    """Whether the message quotes the cell itself ({value}), so it differs from cell to cell."""
    return "{value}" in CATALOGUE[code][1]


def render(code: str, **params: object) -> str:
    template = CATALOGUE[code][1]
    try:
        # A missing parameter leaves a gap, never a raw "{name}" or a failure hiding the problem itself.
        return template.format_map(defaultdict(str, params))
    except (IndexError, ValueError):
        return template


def severity_of(code: str) -> str:
    severity = CATALOGUE[code][0]
    if severity is None:
        raise KeyError(f"{code} is a failure code, not a finding")
    return severity


# Ledger kinds as the help texts name them (LABELS gives each its Chinese name).
KIND_NAMES = ("hazard", "responsibility", "roster", "drill", "training", "staffing")


def kinds_help() -> str:
    return "、".join(f"{k}（{LABELS[k]}）" for k in KIND_NAMES)


# The 通报 indicator set (domain.md §6), in report order.
INDICATORS = {
    "enterprises": "检查企业数",
    "enterprises_with_hazards": "存在隐患企业数",
    "found": "发现隐患",
    "major": "其中重大隐患",
    "closed": "已整改",
    "rectification_rate": "整改率",
    "due": "到期应改",
    "closed_on_time": "按期整改",
    "on_time_rate": "按期整改率",
    "not_due": "整改中未到期",
    "overdue": "逾期未整改",
    "major_overdue": "重大隐患逾期",
    "no_deadline": "未明确期限",
    "major_closed": "重大隐患已整改",
    "repeat_groups": "屡查屡有",
    "overdue_all": "累计逾期未整改",
    "major_overdue_all": "其中重大累计逾期",
}
# Column heads for an 80-column console.
INDICATORS_SHORT = {
    "found": "发现",
    "major": "重大",
    "closed": "已改",
    "rectification_rate": "整改率",
    "on_time_rate": "按期率",
    "not_due": "未到期",
    "overdue": "逾期",
    "major_overdue": "重大逾期",
    "repeat_groups": "屡查",
    "overdue_all": "累计逾期",
}
GROUP_LABELS = {"town": "镇街", "industry": "行业领域", "unit": "企业"}

# Sentences that state why a letter is sent, with its figures (警示函, 督办函).
LETTER_REASONS = {
    "many": "{month_label}共排查出隐患{count}项，隐患数量较多；",
    "repeat": "{topics}问题在不同日期被反复发现（{detail}），属于屡查屡有；",
    "overdue": "截至{as_of}，仍有{count}项隐患逾期未整改，最长逾期{days}天。",
    "major_overdue": "有{count}项重大事故隐患逾期未整改（涉及{units}），依法应责令停产整顿；",
    "unit_major_overdue": "有{count}项重大事故隐患逾期未整改（{items}），{order}；",
    "town_overdue": "逾期未整改隐患{count}项，超过督办标准（{threshold}项）；",
    "town_coverage": (
        "对照生产经营单位底数，截至{as_of}应排查企业{roster}家，实际排查{inspected}家，排查覆盖率{rate}，"
        "低于督办标准（{floor}），应查未查企业{uninspected}家；"
    ),
}
# The label names the letter's template and its entries in the 发文登记簿 (one number per label,
# recipient and month): a town's 督办函 on overdue hazards and on 应查未查 are two letters.
LETTER_KINDS = {"warning": "警示函", "supervision": "督办函", "reminder": "提醒函", "coverage": "排查督办函"}
# Document titles (broken into lines for the page by core.text.title_lines).
DOC_TITLES = {
    "brief": "关于{month_label}全县安全生产隐患排查整治情况的通报",
    "warning": "关于{recipient}安全生产隐患问题的警示函",
    "supervision": "关于督促{town}加快逾期未整改隐患整改的督办函",
    "reminder": "关于做好{season}安全防范工作的提醒函",
    "coverage": "关于督促{town}落实应查尽查要求的督办函",
}
