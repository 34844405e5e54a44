"""Built-in checks: network."""
