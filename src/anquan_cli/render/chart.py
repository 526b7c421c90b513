"""The bar chart of hazards found and closed per town, for the 通报.

Chinese labels need a CJK font: the first one found among those Windows, WPS and Linux ship is used.
Without one, no chart is drawn (and the caller says so) rather than a chart of empty boxes.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

CJK_FAMILIES = (
    "Microsoft YaHei",
    "SimHei",
    "DengXian",
    "SimSun",
    "FangSong",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Noto Serif CJK SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
    "Droid Sans Fallback",
    "Noto Sans CJK JP",
)


# Font files that hold one of those families (Windows, macOS and Linux file names).
CJK_FILES = re.compile(
    r"cjk|msyh|simhei|simsun|simfang|deng|sourcehan|wqy|pingfang|heiti|songti|notosanssc", re.I
)


@cache
def cjk_font() -> str | None:
    from matplotlib import font_manager

    manager = font_manager.fontManager
    found = _known(manager)
    if found is None:
        # matplotlib keeps the font list it made on first use: a font installed since (as the note
        # tells the clerk to do) is not in it. Add the CJK files the system has, then look again.
        for path in font_manager.findSystemFonts():
            if CJK_FILES.search(Path(path).name):
                try:
                    manager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue  # an unreadable font file: the next one may do
        found = _known(manager)
    return found


def _known(manager) -> str | None:
    available = {f.name for f in manager.ttflist}
    return next((family for family in CJK_FAMILIES if family in available), None)


def bar_chart(rows: list[dict], target: Path, *, title: str) -> Path | None:
    """rows: [{"name", "found", "closed"}]. Returns the PNG path, or None without a CJK font."""
    font = cjk_font()
    if font is None or not rows:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = [font]
    plt.rcParams["axes.unicode_minus"] = False
    names = [r["name"] for r in rows]
    x = range(len(names))
    fig, ax = plt.subplots(figsize=(7.5, 3.6), dpi=200)
    width = 0.38
    found = ax.bar(
        [i - width / 2 for i in x], [r["found"] for r in rows], width, label="发现隐患", color="#4472C4"
    )
    closed = ax.bar(
        [i + width / 2 for i in x], [r["closed"] for r in rows], width, label="已整改", color="#70AD47"
    )
    ax.bar_label(found, fontsize=7)
    ax.bar_label(closed, fontsize=7)
    ax.set_xticks(list(x), names, fontsize=8, rotation=0 if len(names) <= 8 else 30)
    ax.set_ylabel("项", fontsize=8)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(target, format="png")
    plt.close(fig)
    return target
