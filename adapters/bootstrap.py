"""The one place that wires a ready application: store, read model, settings."""

from adapters.store import StoreConfig, StoreError
from domain.application import HumasApplication


def open_application(config: StoreConfig) -> HumasApplication:
    from eventsourcing.persistence import PersistenceError

    from adapters.read_model import SqlReadModel

    try:
        app = HumasApplication(env=config.env)
        app.attach(SqlReadModel(app))
    except (PersistenceError, OSError) as error:
        first_line = (
            str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        )
        raise StoreError(f"cannot open store {config.location}: {first_line}") from None
    return app
