"""Analysis: merged hazard ledgers and an as-of date in, figures out (overdue, repeats, statistics, the
通报's context, which letters go to whom). Nothing here reads a file or draws a document."""
