"""Orchestration: each job goes from files and options to written outputs, calling read, rules,
analysis and render in turn. Commands call one job; Python callers can too, without side effects on
their process.

- validate.run_validation: check every ledger (and write marked-up copies)
- report.figures / report.load: the report loader behind overdue, repeats, stats, brief and letters
- brief.make_brief, letters.make_letters, monthly.run_monthly, starter.write_starter
- workers.workers: the one way work runs in other processes
"""
