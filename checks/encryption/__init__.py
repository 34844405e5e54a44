"""Built-in checks: encryption."""
