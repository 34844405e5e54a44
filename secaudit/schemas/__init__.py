"""JSON Schemas shipped with secaudit (the report format)."""
