"""Built-in checks: one area per folder, each check's metadata (YAML) beside its logic."""
