"""anquan: county work-safety ledgers in, findings, lists and letters out."""

__version__ = "0.1.0"
