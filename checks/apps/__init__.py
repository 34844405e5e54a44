"""Built-in checks: apps."""
