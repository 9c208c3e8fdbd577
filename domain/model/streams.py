"""The ids of the streams a store holds one of.

Kept apart from their aggregates: the roles check before every write asks whether the
roster exists by its id, and most commands never need the roster's classes.
"""

from uuid import NAMESPACE_URL, uuid5

ROSTER_ID = uuid5(NAMESPACE_URL, "humas:roster")
