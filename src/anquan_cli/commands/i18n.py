"""Chinese for the help screens and usage errors that typer/click print in English.

Typer vendors click (typer._click) in recent releases and imports plain click in older ones; both
expose the same formatter class and exception `show` methods, which is where the text is made.
"""

from __future__ import annotations

import contextlib
import re
import sys

_WORDS = {
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "required": "必填",
    "default: {default}": "默认：{default}",
}
_ERRORS = (
    (
        re.compile(
            r"^No such option: (\S+)(?:\s+Did you mean (\S+)\?)?(?:\s+\(Possible options: (.+)\))?$", re.S
        ),
        None,
    ),
    (re.compile(r"^Missing argument '(.+)'\.?$"), "缺少参数 {0}"),
    (re.compile(r"^Missing option '(.+)'\.?$"), "缺少选项 {0}"),
    (re.compile(r"^Missing parameter '(.+)'\.?$"), "缺少参数 {0}"),
    (re.compile(r"^Invalid value for '(.+?)': (.+)$", re.S), "{0} 的值无效：{1}"),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), "多余的参数：{0}"),
    (re.compile(r"^Option '(.+)' requires an argument\.?$"), "选项 {0} 需要一个值"),
    (re.compile(r"^Option '(.+)' requires (\d+) arguments\.?$"), "选项 {0} 需要 {1} 个值"),
    (
        re.compile(r"^No such command '(.+?)'\.(?:\s*Did you mean '(.+)'\?)?$"),
        "没有这个命令：{0}（是否想输入 {1}？）",
    ),
    (re.compile(r"^Input should be a valid integer.*$"), "应为整数"),
    (re.compile(r"^Input should be a valid number.*$"), "应为数字"),
    (re.compile(r"^'(.+)' is not a valid integer(?: range)?\.?$"), "“{0}”不是有效的整数"),
    (re.compile(r"^'(.+)' is not one of (.+)\.$"), "“{0}”不是可选值（{1}）之一"),
    (re.compile(r"^'(.+)' is not (.+)\.$"), "“{0}”不是 {1}"),
    (re.compile(r"^(?:File|Path|Directory) '(.+)' does not exist\.?$"), "“{0}”不存在"),
)


def translate(message: str) -> str:
    message = message.strip().removeprefix("Value error, ")
    for pattern, template in _ERRORS:
        m = pattern.match(message)
        if not m:
            continue
        if template is None:  # no such option, with click's suggestions
            text = f"没有这个选项：{m.group(1)}"
            if m.group(2):
                text += f"，是否想输入 {m.group(2)}？"
            elif m.group(3):
                text += f"（可能是：{m.group(3)}）"
            return text
        groups = [translate(g) if i and g else g for i, g in enumerate(m.groups())]
        if len(groups) > 1 and groups[-1] is None:  # an optional suggestion that click did not make
            template = template.split("（")[0]
        return template.format(*groups)
    return message


def _word(message: str) -> str:
    return _WORDS.get(message, message)


def install() -> None:
    import importlib

    import typer.core

    try:
        ck = importlib.import_module("typer._click")
    except ImportError:  # older typer depends on click itself
        ck = importlib.import_module("click")
    for name in ("core", "exceptions", "formatting", "decorators"):
        with contextlib.suppress(ImportError):
            importlib.import_module(f"{ck.__name__}.{name}")

    base = ck.formatting.HelpFormatter

    class ChineseHelpFormatter(base):  # type: ignore[valid-type,misc]  # typer's vendored click or click
        def write_usage(self, prog, args="", prefix=None):
            super().write_usage(prog, args, "用法：" if prefix is None else prefix)

        def write_heading(self, heading):
            super().write_heading(_word(heading))

        def write_dl(self, rows, *args, **kwargs):
            rows = [(term, _localise_help(text)) for term, text in rows]
            super().write_dl(rows, *args, **kwargs)

    ck.core.Context.formatter_class = ChineseHelpFormatter

    def show_usage_error(self, file=None):
        out = file or sys.stderr
        if self.ctx is not None:
            print(self.ctx.get_usage(), file=out)
            if self.ctx.command.get_help_option(self.ctx) is not None:
                print(f"运行 '{self.ctx.command_path} {self.ctx.help_option_names[0]}' 查看帮助。", file=out)
        print(f"错误：{translate(self.format_message())}", file=out)

    def show_error(self, file=None):
        print(f"错误：{translate(self.format_message())}", file=file or sys.stderr)

    ck.exceptions.UsageError.show = show_usage_error
    ck.exceptions.ClickException.show = show_error
    for name in ("core", "exceptions", "decorators", "formatting"):
        module = getattr(ck, name, None)
        if module is not None and hasattr(module, "_"):
            module._ = _word
    if hasattr(typer.core, "_"):
        typer.core._ = _word


def _localise_help(text: str) -> str:
    text = text.replace("Show this message and exit.", _WORDS["Show this message and exit."])
    text = re.sub(r"\[default: (.*?)\]", r"[默认：\1]", text)
    text = text.replace("[required]", "[必填]")
    return text
