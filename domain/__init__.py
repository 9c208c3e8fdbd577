"""The humas domain: operations, activities and the use cases that record them.

Nothing in this package does I/O or imports from ``adapters``.
"""
