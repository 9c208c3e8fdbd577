"""The ``humas`` command. Each command parses, calls one use case, and renders."""
