"""Who may set and change a record's class, and who approves access to it: the one place
E-Arsip decides classification authority (issue 10).

Sources (see docs/arsip.md): in the ANRI model (Perka ANRI 17/2011, as KPU 7/2021 and
BKN 17/2020 adopted it) the authorised official sets the class, not the clerk; with
DoD 5015.2 practice (Alfresco Governance): nobody classifies above their own clearance, the
reason is recorded, a downgrade is a decision. Use by another unit needs the creating
official's permission, never from whoever merely sees the record. The text of Perbawaslu
12/2020 itself was not found, so every figure below is installation data
(``BatasKlasifikasi``, ``PejabatKelas``), and these defaults are unconfirmed (?).

The rules:
- registering or raising: up to the user's clearance (the highest class their roles may set);
- lowering a class that has deciding officials ("turun" rows): only such an official, with a
  stated reason;
- approving access: only an official of the record's class ("akses" rows), who sees the record
  through the access matrix (never through a grant or their own registration), never the
  requester, never the grantee, and where the row says so never the record's registrar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from sisp import roles

from .access import matrix_covers

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from sisp.models import User

    from .models import KelasKeamanan, Naskah

KANTOR = "kantor"
UNIT = "unit"
TURUN = "turun"
AKSES = "akses"

# The highest class each role may set (?). Leaders classify up to Sangat Rahasia; the
# archivist registers on behalf of every unit, Sangat Rahasia included (the domain note's
# "the archivist who registers a Rahasia record"); staff and case officers draft Rahasia
# studies and case papers. A role without a row sets only Biasa.
DEFAULT_CLEARANCE: dict[str, str] = {
    roles.KETUA: "SR",
    roles.ANGGOTA: "SR",
    roles.KOORDINATOR_SEKRETARIAT: "SR",
    roles.KEPALA_SUBBAGIAN: "SR",
    roles.ARSIPARIS: "SR",
    roles.STAF: "R",
    roles.PETUGAS_PPPS: "R",
}

# (class, action) -> [(role, scope, except the registrar)] (?). Sangat Rahasia: the Ketua;
# Rahasia: the Ketua or the head of the creating unit (Kepala Subbagian, Koordinator
# Sekretariat for the units beneath the Sekretariat). Terbatas and Biasa are not guarded
# against lowering; access to them is approved by the same officials as Rahasia.
_RAHASIA_OFFICIALS = [
    (roles.KETUA, KANTOR),
    (roles.KOORDINATOR_SEKRETARIAT, UNIT),
    (roles.KEPALA_SUBBAGIAN, UNIT),
]
DEFAULT_OFFICIALS: dict[tuple[str, str], list[tuple[str, str, bool]]] = {
    ("SR", TURUN): [(roles.KETUA, KANTOR, False)],
    ("R", TURUN): [(role, scope, False) for role, scope in _RAHASIA_OFFICIALS],
    # "Never the registrar alone for Rahasia and above": a second person decides access.
    ("SR", AKSES): [(roles.KETUA, KANTOR, True)],
    ("R", AKSES): [(role, scope, True) for role, scope in _RAHASIA_OFFICIALS],
    ("T", AKSES): [(role, scope, False) for role, scope in _RAHASIA_OFFICIALS],
    ("B", AKSES): [(role, scope, False) for role, scope in _RAHASIA_OFFICIALS],
}

# (class id, action) -> [(scope, except registrar)] of the user's roles; cached per request.
_Rows = dict[tuple[int, str], list[tuple[str, bool]]]


def _official_rows(user: User) -> _Rows:
    cached: _Rows | None = getattr(user, "_arsip_official_rows", None)
    if cached is not None:
        return cached
    from .models import PejabatKelas

    rows: _Rows = {}
    found = PejabatKelas.objects.filter(role__in=user.groups.all()).values_list(
        "kelas_id", "tindakan", "lingkup", "kecuali_pendaftar"
    )
    for kelas_id, tindakan, lingkup, kecuali in found:
        rows.setdefault((kelas_id, tindakan), []).append((lingkup, kecuali))
    user._arsip_official_rows = rows  # type: ignore[attr-defined]  # a cache for this request
    return rows


def _own_scope(user: User) -> frozenset[int]:
    """The user's unit and those beneath it (``Unit.scope_of``)."""
    from sisp.models import Unit

    return Unit.scope_of(user)


def clearance(user: User) -> int:
    """The highest class level (``KelasKeamanan.tingkat``) the user may set; the lowest level
    when none of the user's roles has a row."""
    cached: int | None = getattr(user, "_arsip_clearance", None)
    if cached is not None:
        return cached
    from django.db.models import Max, Min

    from .models import BatasKlasifikasi, KelasKeamanan

    level = BatasKlasifikasi.objects.filter(role__in=user.groups.all()).aggregate(
        m=Max("kelas_tertinggi__tingkat")
    )["m"]
    if level is None:
        level = KelasKeamanan.objects.aggregate(m=Min("tingkat"))["m"] or 1
    user._arsip_clearance = level  # type: ignore[attr-defined]
    return level


def settable_kelas(user: User) -> QuerySet[KelasKeamanan]:
    """The classes the user may give a record (registration, import, raising)."""
    from .models import KelasKeamanan

    return KelasKeamanan.objects.filter(tingkat__lte=clearance(user))


def is_official(user: User, tindakan: str, naskah: Naskah) -> bool:
    """Whether ``user`` decides ``tindakan`` (TURUN or AKSES) for ``naskah`` as it is stored:
    a role of the user has a row for the record's class whose scope takes in the record's
    unit, and the user sees the record through the access matrix (sight that comes from a
    grant or from one's own registration decides nothing)."""
    if not user.is_active or user.office_id != naskah.office_id:
        return False
    rows = _official_rows(user).get((naskah.kelas_id, tindakan), [])
    in_scope = False
    for lingkup, kecuali_pendaftar in rows:
        if kecuali_pendaftar and naskah.created_by_id == user.pk:
            continue
        if lingkup == KANTOR or (lingkup == UNIT and naskah.unit_id in _own_scope(user)):
            in_scope = True
            break
    return in_scope and matrix_covers(user, naskah.kelas_id, naskah.unit_id)


def may_approve(user: User, naskah: Naskah) -> bool:
    return user.has_perm("arsip.decide_permohonan") and is_official(user, AKSES, naskah)


def guards_lowering(kelas: KelasKeamanan) -> bool:
    """Whether lowering this class needs its deciding official (it has "turun" rows)."""
    from .models import PejabatKelas

    return PejabatKelas.objects.filter(kelas=kelas, tindakan=TURUN).exists()


def lowering_guarded_names() -> str:
    """The classes whose lowering needs their deciding official and a reason, in words for a
    form's help text ("Rahasia atau Sangat Rahasia"), from the shared rules; "" when none."""
    from .models import KelasKeamanan, PejabatKelas

    names = list(
        KelasKeamanan.objects.filter(
            pk__in=PejabatKelas.objects.filter(tindakan=TURUN).values("kelas_id")
        )
        .order_by("tingkat")
        .values_list("nama", flat=True)
    )
    return word_list(names, "atau")


def word_list(names: list[str], conjunction: str) -> str:
    """["Rahasia", "Sangat Rahasia"], "atau" -> "Rahasia atau Sangat Rahasia"; three or more
    take a comma before the conjunction too (PUEBI, tanda koma: "kertas, pena, dan tinta")."""
    if len(names) < 3:
        return f" {conjunction} ".join(names)
    return ", ".join(names[:-1]) + f", {conjunction} " + names[-1]


def approvers(naskah: Naskah, *, exclude_pk: int | None = None) -> list[User]:
    """The active users of the record's office who may approve access to it."""
    from sisp.models import User

    from .models import PejabatKelas

    role_ids = PejabatKelas.objects.filter(kelas_id=naskah.kelas_id, tindakan=AKSES).values(
        "role_id"
    )
    candidates = (
        User.objects.filter(office_id=naskah.office_id, is_active=True, groups__in=role_ids)
        .exclude(pk=exclude_pk)  # type: ignore[misc]  # None: nobody left out
        .distinct()
        .order_by("username")
    )
    return [u for u in candidates if may_approve(u, naskah)]


def check_registration(user: User, kelas: KelasKeamanan) -> None:
    """Refuse a class above the user's clearance (ValidationError, code "above_clearance")."""
    if kelas.tingkat > clearance(user):
        raise ValidationError(
            "Anda tidak berwenang menetapkan kelas %(kelas)s. Pilih kelas yang lebih rendah, "
            "atau minta pejabat yang berwenang mendaftarkannya.",
            code="above_clearance",
            params={"kelas": kelas.nama},
        )


def check_class_change(user: User, naskah: Naskah, new: KelasKeamanan, alasan: str) -> None:
    """Refuse a change of ``naskah`` (as stored) to class ``new`` that the user may not make:
    above their clearance, or lowering a guarded class without being its deciding official or
    without a reason. Raises ValidationError with codes "above_clearance", "not_official",
    "reason_required"."""
    if new.pk == naskah.kelas_id:
        return
    check_registration(user, new)
    old = naskah.kelas
    if new.tingkat < old.tingkat and guards_lowering(old):
        if not is_official(user, TURUN, naskah):
            raise ValidationError(
                "Kelas %(kelas)s hanya dapat diturunkan oleh pejabat yang berwenang atas "
                "naskah ini. Naskah tetap berkelas %(kelas)s.",
                code="not_official",
                params={"kelas": old.nama},
            )
        if not (alasan or "").strip():
            raise ValidationError(
                "Tuliskan alasan menurunkan kelas %(kelas)s.",
                code="reason_required",
                params={"kelas": old.nama},
            )


def kelas_choices(user: User, naskah: Naskah) -> set[int]:
    """Class ids the edit form offers for ``naskah``: its own; raises within the user's
    clearance; lowering only where it is open to the user."""
    from .models import KelasKeamanan

    level = clearance(user)
    current = naskah.kelas
    lower_open = not guards_lowering(current) or is_official(user, TURUN, naskah)
    ids = {naskah.kelas_id}
    for kelas in KelasKeamanan.objects.all():
        if kelas.tingkat > level:
            continue
        if kelas.tingkat > current.tingkat or lower_open:
            ids.add(kelas.pk)
    return ids
