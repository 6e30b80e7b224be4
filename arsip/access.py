"""Who may see which record: the one place E-Arsip decides it.

Order of the door (Perbawaslu 32/2018 jo. 12/2020, ANRI model):
1. the user's own office, always and first: another office's records never show;
2. then any of: the access matrix (role x class -> own unit / all units), an active explicit
   grant to the user or the user's unit, or the user's own registration of the record (the
   archivist who registers a Rahasia record on behalf of a unit keeps sight of it; nobody else
   gains anything from that rule).
Everything that lists, searches, counts, shows, downloads or exports records starts from
``Naskah.objects.visible_to(user)``; nothing else in the app filters for access.

Changing a record (edit, re-class, move to another unit, a new version) is a narrower door,
``Naskah.objects.editable_by(user)``: the user's own registrations and the matrix, never a
grant (a grant is a temporary permission to read).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from sisp import roles

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sisp.models import User

    from .models import HakAkses

    AnyUser = User | AnonymousUser

_M = TypeVar("_M", bound=Model)

# (class ids readable in all units, class ids readable in own scope, scope unit ids)
AccessRules = tuple[frozenset[int], frozenset[int], tuple[int, ...]]

# The internal auditor (pengawas internal, e.g. the Inspektorat) reads every class for audits
# (ANRI model, Pasal 20-23).
AUDITOR = roles.PENGAWAS_INTERNAL

SEMUA = "semua"
UNIT = "unit"
TIDAK = "tidak"

# Defaults loaded into AksesMatrix (editable data afterwards). Our reading of the domain note:
# - Ketua and Anggota are top leaders: every class, every unit of their office;
# - Koordinator Sekretariat and Kepala Subbagian lead a scope: every class within their own
#   unit and the units beneath it, and Biasa everywhere;
# - Staf, Arsiparis and Petugas PPPS are pelaksana: Biasa of their own unit only;
# - the internal auditor reads everything (for audits);
# - Administrator is a technical role and reads no records.
DEFAULT_MATRIX: dict[str, dict[str, str]] = {
    roles.KETUA: {"SR": SEMUA, "R": SEMUA, "T": SEMUA, "B": SEMUA},
    roles.ANGGOTA: {"SR": SEMUA, "R": SEMUA, "T": SEMUA, "B": SEMUA},
    roles.KOORDINATOR_SEKRETARIAT: {"SR": UNIT, "R": UNIT, "T": UNIT, "B": SEMUA},
    roles.KEPALA_SUBBAGIAN: {"SR": UNIT, "R": UNIT, "T": UNIT, "B": SEMUA},
    roles.STAF: {"B": UNIT},
    roles.ARSIPARIS: {"B": UNIT},
    roles.PETUGAS_PPPS: {"B": UNIT},
    AUDITOR: {"SR": SEMUA, "R": SEMUA, "T": SEMUA, "B": SEMUA},
}


def access_rules(user: User) -> AccessRules:
    """(class ids readable in all units, class ids readable in own scope, scope unit ids),
    computed once per user object (i.e. once per request)."""
    cached: AccessRules | None = getattr(user, "_arsip_access_rules", None)
    if cached is not None:
        return cached
    from .models import AksesMatrix

    everywhere: set[int] = set()
    own_scope: set[int] = set()
    rows = AksesMatrix.objects.filter(role__in=user.groups.all()).values_list("kelas_id", "lingkup")
    for kelas_id, lingkup in rows:
        if lingkup == SEMUA:
            everywhere.add(kelas_id)
        elif lingkup == UNIT:
            own_scope.add(kelas_id)
    own_scope -= everywhere
    from sisp.models import Unit

    scope_units = sorted(Unit.scope_of(user)) if own_scope else []
    rules = (frozenset(everywhere), frozenset(own_scope), tuple(scope_units))
    user._arsip_access_rules = rules  # type: ignore[attr-defined]  # a cache for this request
    return rules


def active_grants_for(user: User, today: date | None = None) -> QuerySet[HakAkses]:
    from .models import HakAkses

    who = Q(user_id=user.pk)
    if user.unit_id:
        who |= Q(unit_id=user.unit_id)
    return HakAkses.objects.active(today).filter(who, office_id=user.office_id)


def visible_naskah(queryset: QuerySet[_M], user: AnyUser) -> QuerySet[_M]:
    if not user.is_authenticated or not user.is_active or not user.office_id:
        return queryset.none()
    today = timezone.localdate()
    door = Q(created_by_id=user.pk) | Q(pk__in=active_grants_for(user, today).values("naskah_id"))
    matrix = matrix_door(user)
    if matrix is not None:
        door |= matrix
    return queryset.filter(office_id=user.office_id).filter(door)


def matrix_door(user: User) -> Q | None:
    """The Q of records the access matrix opens to ``user`` (None when it opens none)."""
    everywhere, own_scope, scope_units = access_rules(user)
    door: Q | None = None
    if everywhere:
        door = Q(kelas_id__in=everywhere)
    if own_scope and scope_units:
        scoped = Q(kelas_id__in=own_scope, unit_id__in=scope_units)
        door = scoped if door is None else door | scoped
    return door


# Above this many (unit, class) pairs the scoped part stays one part (see door_parts).
MAX_SCOPED_PARTS = 6


# A user with at least this many registrations in the office searches the door whole.
MANY_OWN = 20_000
_MANY_OWN_SECONDS = 600


def registers_much(user: User) -> bool:
    """Whether the user registered at least ``MANY_OWN`` records of the office (a bounded
    count, remembered for ten minutes: it only picks the faster plan, never what is seen)."""
    from django.core.cache import cache

    from .models import Naskah

    key = f"arsip:registers-much:{user.office_id}:{user.pk}"
    much: bool | None = cache.get(key)
    if much is None:
        # Only reached through door_parts, for a user with an office (visible_naskah).
        own = Naskah.objects.filter(office_id=user.office_id, created_by_id=user.pk)  # type: ignore[misc]
        much = own.values("pk")[:MANY_OWN].count() >= MANY_OWN
        cache.set(key, much, _MANY_OWN_SECONDS)
    return much


def door_parts(user: User) -> list[Q] | None:
    """The door split into parts for a list's first matches, or None to search it whole.

    Each part is ANDed onto a queryset that already went through ``visible_naskah``, so a
    part never opens anything: it only lets Postgres read each part in the list's order
    from its own index (a pelaksana sees one unit's Biasa records, a tenth of the office,
    and the whole door as one OR is read by scanning the office newest first). The parts
    together are the whole door: the user's own registrations, the active grants, and the
    matrix's scope, one part per (unit, class) pair. None when the matrix opens a class in
    every unit, or when the user registered much of the office (an archivist): the door then
    covers most of the office and one scan is cheapest."""
    everywhere, own_scope, scope_units = access_rules(user)
    if everywhere or registers_much(user):
        return None
    parts = [
        Q(created_by_id=user.pk),
        Q(pk__in=active_grants_for(user, timezone.localdate()).values("naskah_id")),
    ]
    if own_scope and scope_units:
        pairs = [(unit, kelas) for unit in scope_units for kelas in sorted(own_scope)]
        if len(pairs) <= MAX_SCOPED_PARTS:
            parts.extend(Q(unit_id=unit, kelas_id=kelas) for unit, kelas in pairs)
        else:
            parts.append(Q(kelas_id__in=own_scope, unit_id__in=scope_units))
    return parts


def editable_naskah(queryset: QuerySet[_M], user: AnyUser) -> QuerySet[_M]:
    """Records the user may change (edit, re-class, move, add a version): the user's own
    registrations and what the matrix opens to the user's roles. A grant opens a record for
    reading only, so it is not part of this door."""
    if not user.is_authenticated or not user.is_active or not user.office_id:
        return queryset.none()
    door = Q(created_by_id=user.pk)
    matrix = matrix_door(user)
    if matrix is not None:
        door |= matrix
    return queryset.filter(office_id=user.office_id).filter(door)


def matrix_covers(user: User, kelas_id: int | None, unit_id: int | None) -> bool:
    """Whether the matrix lets ``user`` read a record of this class in this unit."""
    everywhere, own_scope, scope_units = access_rules(user)
    return kelas_id in everywhere or (kelas_id in own_scope and unit_id in scope_units)


def readable_kelas_ids(user: User) -> frozenset[int]:
    everywhere, own_scope, _ = access_rules(user)
    return everywhere | own_scope


def scope_unit_ids(user: User) -> set[int]:
    """Units where the matrix lets the user read something: every unit of the office when
    some class is open everywhere, else the user's own unit and those beneath it."""
    from sisp.models import Unit

    everywhere, own_scope, scope_units = access_rules(user)
    if everywhere:
        # A user without an office matches no unit (every unit has one).
        return set(Unit.objects.filter(office_id=user.office_id).values_list("pk", flat=True))  # type: ignore[misc]
    return set(scope_units) if own_scope else set()


def visible_berkas(queryset: QuerySet[_M], user: AnyUser) -> QuerySet[_M]:
    from .models import Naskah

    if not user.is_authenticated or not user.is_active or not user.office_id:
        return queryset.none()
    return queryset.filter(office_id=user.office_id).filter(
        Q(created_by_id=user.pk) | Q(pk__in=Naskah.objects.visible_to(user).values("berkas_id"))
    )


def wholly_visible_berkas(queryset: QuerySet[_M], user: User) -> QuerySet[_M]:
    """Files of which the user sees every record (and the empty files the user opened): the
    only files a user may close, propose for disposal, or print a Berita Acara of."""
    from .models import Naskah

    # A user without an office matches no record (every record has one).
    unseen = Naskah.objects.filter(office_id=user.office_id).exclude(  # type: ignore[misc]
        pk__in=Naskah.objects.visible_to(user).values("pk")
    )
    return visible_berkas(queryset, user).exclude(pk__in=unseen.values("berkas_id"))
