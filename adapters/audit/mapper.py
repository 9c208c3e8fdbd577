"""Seals stored in clear, whatever the store's key.

A seal holds hashes, positions, versions and record-id prefixes, nothing a key hides
elsewhere, and an auditor must be able to check the seals of an encrypted store without
its key (README, Audit). So the seal's events are stored without the cipher; seals made
encrypted, before this, are still read with the key.
"""

from typing import Any

from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent

SEAL_TOPICS = "humas:Seal."


class SealsInClearMapper(Mapper[Any]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clear: Mapper[Any] = Mapper(transcoder=self.transcoder, compressor=self.compressor)

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        stored = super().to_stored_event(domain_event)
        if self.cipher is not None and stored.topic.startswith(SEAL_TOPICS):
            return self._clear.to_stored_event(domain_event)
        return stored

    def to_domain_event(self, stored_event: Any) -> Any:
        topic = stored_event.topic
        if not isinstance(topic, str):  # a row changed by hand: the library refuses it
            raise MapperDeserialisationError(f"the stored topic {topic!r} is no topic")
        if topic.startswith(SEAL_TOPICS) and self.cipher is not None:
            try:
                return self._clear.to_domain_event(stored_event)
            except Exception:
                pass  # sealed with the key, before seals were kept in clear
        return super().to_domain_event(stored_event)
