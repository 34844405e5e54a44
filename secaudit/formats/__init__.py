"""Output formats: each renders a finished report to a string."""
