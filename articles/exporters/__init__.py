"""Exporters: stories written out in formats other systems read (see `ninjs.py`)."""
