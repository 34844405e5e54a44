"""secaudit: a read-only digital-security self-audit with plain verdicts and concrete steps."""

__version__ = "0.1.0"
