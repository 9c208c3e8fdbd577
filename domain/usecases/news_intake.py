"""Intake of news items: keep each as a coverage item and link it to what it reports.

The coverage and incident modules are imported where a news item is taken in, not with
the application: most commands never use them (domain/model/topics.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from domain.flags import Flag, FlagCode, StoredFlag, upcast
from domain.model.activity import Activity
from domain.model.errors import DomainError
from domain.model.policies import PREPARATION_CATEGORIES, lifecycle_on
from domain.model.provenance import Recorder, recording_as
from domain.model.values import Review
from domain.ports import ActivityFilter
from domain.usecases.activities import ActivityUseCases
from domain.usecases.base import cycle_collection_paused
from domain.usecases.news_pending import PendingIntake, proposed_row

if TYPE_CHECKING:
    from domain.model.coverage import NewsItem
    from domain.model.incident import Incident
    from domain.model.operation import Operation


class NewsIntake(ActivityUseCases):
    def ingest_news(
        self, by: Recorder, item: NewsItem, operation: str | None = None, dry_run: bool = False
    ) -> dict[str, Any]:
        """Keep a news item as a coverage item and link it to what it reports.

        A new activity (or incident) is proposed for a person to review, unless one
        already recorded is the same thing (same kind and day, same unit or place): then
        the item is linked to it. The same text or address again is a duplicate.
        """
        self._require(by, "write")
        return self._retrying(lambda: self._ingest_one(by, item, operation, dry_run))

    def ingest_news_batch(
        self,
        by: Recorder,
        items: Sequence[NewsItem],
        operation: str | None = None,
        dry_run: bool = False,
    ) -> list[dict[str, Any] | DomainError]:
        """Several items, saved in one transaction: each item's outcome, or why the
        rules refused it (that item alone is left out). Items see the earlier ones of
        the batch as if they were stored: a copy is a duplicate, a second report of one
        activity links to it. ``dry_run`` judges each item against the store alone."""
        self._require(by, "write")
        if dry_run:
            return [
                _refusal_or(partial(self.ingest_news, by, item, operation, True)) for item in items
            ]
        try:
            return self._ingest_batch(by, items, operation)
        except IntegrityError:
            # another process saved one of these records first: item by item, retried
            return [_refusal_or(partial(self.ingest_news, by, item, operation)) for item in items]

    def _ingest_batch(
        self, by: Recorder, items: Sequence[NewsItem], operation: str | None
    ) -> list[dict[str, Any] | DomainError]:
        self.read_model.catch_up()
        pending = PendingIntake(self.repository)
        outcomes: list[dict[str, Any] | DomainError] = []
        with cycle_collection_paused():  # the batch's records all live until saved
            for item in items:
                pending.begin()
                try:
                    outcomes.append(self._ingest_news(by, item, operation, pending))
                except DomainError as refused:
                    pending.take_back()
                    outcomes.append(refused)
            if pending.aggregates:
                self._save(*pending.aggregates.values())
        return outcomes

    def _ingest_one(
        self, by: Recorder, item: NewsItem, operation_ref: str | None, dry_run: bool
    ) -> dict[str, Any]:
        # Checked on every attempt: a concurrent ingest of the same item is a duplicate.
        self.read_model.catch_up()
        pending = PendingIntake(self.repository)
        outcome = self._ingest_news(by, item, operation_ref, pending)
        if not dry_run and pending.aggregates:
            self._save(*pending.aggregates.values())
        return outcome

    def _ingest_news(
        self, by: Recorder, item: NewsItem, operation_ref: str | None, pending: PendingIntake
    ) -> dict[str, Any]:
        """The item's outcome; what it makes or changes is left in ``pending`` to save."""
        from domain.model.coverage import CoverageItem, coverage_id, same_copy

        known = self.read_model.coverage_matching(item.content_hash, item.url)
        known = known or pending.coverage_matching(item.content_hash, item.url)
        if known and same_copy(known, item):
            return {
                "outcome": "duplicate",
                "coverage_id": known["id"],
                "duplicate_of": known["id"],
                "record_type": known["record_type"],  # what the earlier copy reports
                "record_id": known["record_id"],
            }
        facts = dict(item.facts)
        flags = list(facts.get("flags") or [])
        operation = self._operation_of(item, operation_ref, flags)
        # the same text from another outlet: a coverage item of its own, reporting what
        # the first copy reports (a wire story counts once per outlet that ran it)
        original = known
        # a copy's id comes from its outlet: the same outlet's copy again is a duplicate
        outlet = (item.facts.get("outlet") or "").casefold()
        new_id = coverage_id(
            item.content_hash, (outlet or item.url or item.source) if original else None
        )
        if original and (new_id in pending or new_id in self.repository):
            copy: CoverageItem = pending.peek(new_id)
            return {
                "outcome": "duplicate",
                "coverage_id": str(new_id),
                "duplicate_of": str(new_id),
                "record_type": copy.record_type,
                "record_id": copy.record_id,
            }
        with recording_as(Recorder(by.actor, "news")):
            # The record first, so the item keeps every flag (figures the store disagrees with).
            if original:
                facts["syndicated_from"] = original["id"]
                reported = self._record_of_original(original, new_id, flags, pending)
            else:
                reported = self._record_reported_by(item, new_id, operation, flags, pending)
            facts["flags"] = flags
            coverage = CoverageItem.receive(replace(item, facts=facts), id=new_id)
            record, how = reported or (None, None)
            if reported:
                coverage.link_to(type(reported[0]).__name__, reported[0].id, reported[1])
        pending.add(coverage)
        pending.keep_coverage(
            {
                "id": str(coverage.id),
                "url": item.url,
                "content_hash": item.content_hash,
                "outlet": item.facts.get("outlet"),
                "record_type": coverage.record_type,
                "record_id": coverage.record_id,
            }
        )
        return {
            "outcome": "linked" if how == "matched" or original else "ingested",
            "coverage_id": str(coverage.id),
            "syndicated_from": original["id"] if original else None,
            "record_type": type(record).__name__ if record else None,
            "record_id": str(record.id) if record else None,
            "operation": operation.slug if operation else None,
            "flags": flags,
        }

    def _operation_of(
        self, item: NewsItem, ref: str | None, flags: list[StoredFlag]
    ) -> Operation | None:
        """The stored operation the item belongs to: the one named on the command line,
        else the one the article names. An item after the operation's end, or before its
        start (beyond a preparation drill or parade, see PREPARATION_DAYS), is not."""
        if ref:
            operation = self.get_operation(ref)
        else:
            named = item.facts.get("operation") or {}
            # the extractor names the stored operation by its slug; older facts by name
            stored = self._operation_by_slug(named["slug"]) if named.get("slug") else None
            if stored is None:
                found = self._operation_ids({ref for ref in named.values() if ref})
                matches = [value for value in found.values() if isinstance(value, UUID)]
                if not matches:
                    return None
                stored = self.repository.get(matches[0])
            operation = stored
        day = item.occurred_on
        preparation = item.facts.get("category") in PREPARATION_CATEGORIES
        flag = operation.window_flag(day, preparation) if day else None
        if flag and flag["code"] == FlagCode.BEFORE_OPERATION_START:
            # The store's rule names the operation as every channel does (by its slug), so
            # the same flag raised by an officer's log is one flag, not two.
            flags[:] = [known for known in flags if upcast(known).code != flag["code"]]
            flags.append(flag)
        elif flag:
            flags.append(flag)
            return None  # the article's guess of the operation does not hold
        stated = item.stated_days
        if stated and operation.stated_days and stated != operation.stated_days:
            flags.append(
                Flag.of(
                    FlagCode.STORE_CONFLICT, field="days", reported=stated,
                    stored=operation.stated_days, operation=operation.slug,
                ).as_dict()
            )  # fmt: skip
        return operation

    def _operation_by_slug(self, slug: str) -> Operation | None:
        """The stored operation with this slug, kept between items of one run while its
        version in the read model stays the same (an ingest of many items reports on the
        same few operations)."""
        row = next((r for r in self.read_model.operations() if r["slug"] == slug), None)
        if row is None:
            return None
        cache: dict[str, Operation] = self.__dict__.setdefault("_news_operations", {})
        cached = cache.get(row["id"])
        if cached is None or cached.version != row.get("version"):
            cached = cache[row["id"]] = self.repository.get(UUID(row["id"]))
        return cached

    def _record_reported_by(
        self,
        item: NewsItem,
        coverage: UUID,
        operation: Operation | None,
        flags: list[StoredFlag],
        pending: PendingIntake,
    ) -> tuple[Activity | Incident, str] | None:
        """The record the item reports and how: ``created`` or ``matched``; None when it
        reports nothing the unit tracks, or has no date to place it."""
        from domain.model.coverage import activity_values, reports_same_activity

        category = item.facts.get("category")
        day = item.occurred_on
        if category == "unrelated" or day is None:
            return None
        operation_id = operation.id if operation else None
        if category == "incident":
            return self._incident_reported_by(item, day, coverage, operation_id, flags, pending)
        values = activity_values(item)
        kind = values["kind"].value
        same_day = self.read_model.activities(ActivityFilter(kind=kind, date_from=day, date_to=day))
        for row in [*same_day, *pending.activities(kind, day)]:
            if row["review"] in (Review.REJECTED, Review.MERGED):
                continue
            if reports_same_activity(row, values):
                activity: Activity = pending.get(UUID(row["id"]))
                _refuse_if_stored_meanwhile(coverage, activity.coverage_ids)
                flags += _figure_conflicts(activity, values)
                activity.link_coverage(coverage, list(flags))
                return activity, "matched"
        proposed = Activity.log(
            status=lifecycle_on(day, self.clock()),
            review=Review.PROPOSED,
            source={"coverage_id": str(coverage), "file": item.source},
            coverage_id=coverage,
            flags=list(flags),
            evidence={
                key: text for key, text in (item.facts.get("evidence") or {}).items() if text
            },
            operation_id=operation_id,
            **values,
        )
        pending.add(proposed)
        pending.keep_activity(
            proposed_row(proposed.id, kind, day, units=values["units"], place=values["place"])
        )
        return proposed, "created"

    def _record_of_original(
        self,
        original: dict[str, Any],
        coverage: UUID,
        flags: list[StoredFlag],
        pending: PendingIntake,
    ) -> tuple[Activity | Incident, str] | None:
        """A syndicated copy reports what its original reports: link it there too."""
        from domain.model.incident import Incident

        if not original.get("record_id"):
            return None
        record: Activity | Incident = pending.get(UUID(original["record_id"]))
        if isinstance(record, Activity):
            _refuse_if_stored_meanwhile(coverage, record.coverage_ids)
            record.link_coverage(coverage, list(flags))
        elif isinstance(record, Incident):
            _refuse_if_stored_meanwhile(coverage, record.coverage_ids)
            record.link_coverage(str(coverage))
        else:
            return None
        return record, "matched"

    def _incident_reported_by(
        self,
        item: NewsItem,
        day: date,
        coverage: UUID,
        operation_id: UUID | None,
        flags: list[StoredFlag],
        pending: PendingIntake,
    ) -> tuple[Incident, str]:
        from domain.model.coverage import place_of, record_title
        from domain.model.incident import Incident

        place = place_of(item.facts)
        stored = self.read_model.incidents(date_from=day, date_to=day)
        for row in [*stored, *pending.incidents(day)]:
            if row["review"] == Review.REJECTED:
                continue
            district = row["place"].get("district")
            if district and district.lower() == (place.get("district") or "").lower():
                incident: Incident = pending.get(UUID(row["id"]))
                _refuse_if_stored_meanwhile(coverage, incident.coverage_ids)
                incident.link_coverage(str(coverage))
                return incident, "matched"
        facts = item.facts
        incident = Incident(
            title=record_title(item),
            occurred_on=day,
            date_precision=facts.get("date_precision") or "day",
            place=place,
            what_happened=(facts.get("evidence") or {}).get("category"),
            actors=[*(facts.get("stakeholders") or []), *(facts.get("units") or [])],
            police_intervened=item.police_intervened,
            operation_id=str(operation_id) if operation_id else None,
            coverage_ids=[str(coverage)],
            flags=list(flags),
            review=Review.PROPOSED.value,
            source={"coverage_id": str(coverage), "file": item.source},
        )
        pending.add(incident)
        pending.keep_incident(proposed_row(incident.id, "incident", day, place=place))
        return incident, "created"


def _refusal_or(attempt: Callable[[], dict[str, Any]]) -> dict[str, Any] | DomainError:
    """An item's outcome, or why the rules refused it."""
    try:
        return attempt()
    except DomainError as refused:
        return refused


def _refuse_if_stored_meanwhile(coverage: UUID, linked: list[str]) -> None:
    """The record already holds this item: another ingest of the same item saved it
    after we looked. Raised as the store's own conflict, so the attempt is retried and
    finds the item as a duplicate."""
    if str(coverage) in linked:
        raise IntegrityError(f"coverage item {str(coverage)[:8]} was stored meanwhile")


def _figure_conflicts(activity: Activity, values: dict[str, Any]) -> list[StoredFlag]:
    """Figures in the item that disagree with what the store holds for the activity."""
    conflicts: list[StoredFlag] = []
    for name in ("personnel", "audience_size"):
        held, given = getattr(activity, name), values.get(name)
        if held is not None and given is not None and held != given:
            conflicts.append(
                Flag.of(FlagCode.STORE_CONFLICT, field=name, reported=given, stored=held).as_dict()
            )
    return conflicts
