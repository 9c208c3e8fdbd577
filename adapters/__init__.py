"""Adapters: translate the outside world (command line, files, stores) into domain calls."""
