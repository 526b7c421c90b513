"""Expected, user-facing failures.

An AnquanError carries a catalogue code and its parameters, so the CLI can print one Chinese line
(and exit 2) while scripts can branch on the stable code.
"""

from __future__ import annotations


class AnquanError(Exception):
    def __init__(self, code: str, exit_code: int = 2, **params: object) -> None:
        from anquan_cli.core.messages import render

        self.code = code
        self.params = params
        self.exit_code = exit_code
        self.message = render(code, **params)
        super().__init__(self.message)

    def __reduce__(self):  # survives the trip back from a worker process (letters are rendered in parallel)
        return (_rebuild, (self.code, self.exit_code, self.params))


def _rebuild(code: str, exit_code: int, params: dict) -> AnquanError:
    return AnquanError(code, exit_code, **params)
