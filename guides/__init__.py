"""Guides and first-aid flows: data files shipped inside the wheel (no code here)."""
