"""Built-in checks: system."""
