"""Facts collected once per run and shared by several checks."""
