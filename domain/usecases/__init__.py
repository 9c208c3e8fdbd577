"""The use cases, one module per family, on one thin application (base.py)."""
