"""Stored topics name classes by short names ("humas:Incident.Recorded"); a command
that has not defined a class yet still reads its records (domain/model/topics.py)."""

import importlib
import inspect
import subprocess
import sys

from eventsourcing.domain import Aggregate

from domain.model.topics import CLASSES

MODEL_MODULES = sorted({module for module, _ in CLASSES.values()})


def test_every_aggregate_with_a_short_topic_is_found_by_it():
    for name in MODEL_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if not (inspect.isclass(value) and value.__module__ == name):
                continue
            topic = value.__dict__.get("TOPIC", "")
            if issubclass(value, Aggregate) and topic.startswith("humas:"):
                short = topic.removeprefix("humas:")
                assert CLASSES[short] == (name, value.__name__), topic


def test_a_fresh_process_resolves_every_stored_topic_without_importing_the_model_first():
    script = f"""
import sys
import domain.model.topics
from eventsourcing.utils import resolve_topic
names = {MODEL_MODULES!r}
assert not any(name in sys.modules for name in ("domain.model.incident",
    "domain.model.coverage", "domain.model.seal_stream", "domain.model.units")), "loaded early"
for short, (module, attribute) in domain.model.topics.CLASSES.items():
    cls = resolve_topic("humas:" + short)
    assert cls is getattr(sys.modules[module], attribute), short
    for event in vars(cls).values():
        topic = getattr(event, "TOPIC", None) if isinstance(event, type) else None
        if topic and topic.startswith("humas:" + short + "."):
            assert resolve_topic(topic) is event, topic
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_application_loads_no_aggregate_an_activity_s_record_does_not_need():
    script = """
import sys
import domain.application
print(sorted(name for name in ("domain.model.incident", "domain.model.coverage",
    "domain.model.units", "domain.model.operation", "domain.model.roster",
    "domain.model.seal_stream")
    if name in sys.modules))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_opening_a_store_for_a_write_loads_no_process_pool():
    """The recorder every write opens checks big stores on two cores, but only ``audit
    verify`` needs the process pool: a write does not pay for importing it."""
    script = """
import sys
import adapters.audit.digests, adapters.bootstrap
print(sorted(name for name in ("multiprocessing", "concurrent.futures") if name in sys.modules))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
