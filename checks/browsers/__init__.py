"""Built-in checks: browsers."""
