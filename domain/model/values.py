"""Value types of the domain: kinds, statuses, precisions and places."""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, TypeVar

E = TypeVar("E", bound=StrEnum)


def member_of(kind: type[E]) -> Callable[[Any], E]:
    """``kind(value)`` by a look-up in the members' values: the same member, or the same
    ValueError for a value that names none. (The enum's own call costs about 0.6 µs and
    an activity logged or replayed converts eight values; a look-up, under 0.1 µs.)"""
    members: dict[Any, E] = {member.value: member for member in kind}

    def convert(value: Any) -> E:
        try:
            return members[value]
        except (KeyError, TypeError):
            return kind(value)

    return convert


class ActivityKind(StrEnum):
    """What the police did (jenis kegiatan)."""

    SIMULATION = "simulation"  # drill: Simulasi Sispam Kota, latihan
    OUTREACH = "outreach"  # sosialisasi, edukasi, cooling system, Jumat Curhat …
    DEPLOYMENT = "deployment"  # apel, gelar pasukan, pergeseran pasukan
    COORDINATION = "coordination"  # rapat koordinasi with stakeholders
    PRESS = "press"  # press conference or release
    OTHER = "other"


class Lifecycle(StrEnum):
    """Whether the activity is still ahead, took place, or was called off."""

    PLANNED = "planned"
    CONDUCTED = "conducted"
    CANCELLED = "cancelled"


class Review(StrEnum):
    """How far a person has checked the record.

    ``proposed`` records were made by the machine (from news); ``reported`` ones by an
    officer or a field report. A supervisor turns either into ``verified`` or
    ``rejected``, or merges a duplicate record into the one that survives.
    """

    PROPOSED = "proposed"
    REPORTED = "reported"
    VERIFIED = "verified"
    REJECTED = "rejected"
    MERGED = "merged"  # folded into another record of the same activity


# Records a person recorded or confirmed: the ones reports count.
COUNTED_REVIEWS = (Review.REPORTED, Review.VERIFIED)
AWAITING_REVIEW = (Review.PROPOSED, Review.REPORTED)


class Role(StrEnum):
    """What a person on the roster may do (see domain.model.roster.PERMISSIONS)."""

    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class PlacePrecision(StrEnum):
    """The finest level of the place that is known."""

    VENUE = "venue"
    VILLAGE = "village"
    SUBDISTRICT = "subdistrict"
    DISTRICT = "district"
    PROVINCE = "province"


@dataclass(frozen=True)
class Place:
    """Where something really happened (tempat): a venue and its administrative areas."""

    venue: str | None = None
    village: str | None = None  # desa / kelurahan
    subdistrict: str | None = None  # kecamatan
    district: str | None = None  # kabupaten / kota
    province: str | None = None

    @property
    def precision(self) -> PlacePrecision | None:
        for level in PlacePrecision:
            if getattr(self, level.value):
                return level
        return None

    def label(self) -> str:
        return ", ".join(part for part in asdict(self).values() if part)

    def as_dict(self) -> dict[str, Any]:
        # Every part is text or None, so a flat copy is what asdict() would give, faster
        # (it runs twice for every activity of a 10,000-row field-report import).
        parts = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return {**parts, "precision": self.precision}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Place":
        return cls(**{key: data.get(key) for key in cls.__dataclass_fields__})
