"""E-Arsip's counts for the ABK form's volume suggestions (abk_anjab/volumes.py): how many
records a unit registered in a year, by filing code or by kind. Numbers only, never rows.

Every count starts from ``Naskah.objects.visible_to(user)`` (the one door) and keeps only the
records of the analysing unit: a suggestion never counts a record of another office, of
another unit, or of a class the person filling in the form may not read.
"""

from datetime import date

from django.db.models import Count, Q

from .models import Naskah

KODE = "arsip.kode:"
JENIS = "arsip.jenis:"


def _scope(user, unit):
    """Records of ``unit`` that ``user`` may see, any year."""
    if unit.office_id != user.office_id:
        return Naskah.objects.none()
    return Naskah.objects.visible_to(user).filter(unit_id=unit.pk)


def _kode_q(kode):
    # A code counts its sub-codes too: KP.01 holds KP.01.01 and KP.01.02.
    return Q(klasifikasi__kode=kode) | Q(klasifikasi__kode__startswith=f"{kode}.")


def sources(user, unit):
    """``[(key, label)]``: each kind of record, then the filing codes of the unit's records
    this user may see."""
    found = [
        (f"{JENIS}{value}", f"Naskah arsip jenis {label}") for value, label in Naskah.Jenis.choices
    ]
    codes = (
        _scope(user, unit)
        .order_by("klasifikasi__kode")
        .values_list("klasifikasi__kode", "klasifikasi__nama")
        .distinct()
    )
    found += [(f"{KODE}{kode}", f"Naskah arsip kode {kode} {nama}") for kode, nama in codes]
    return found


def label(key):
    """The label of a key this app owns, or "" (a stored key whose code is no longer used)."""
    if key.startswith(KODE):
        return f"Naskah arsip kode {key.removeprefix(KODE)}"
    if key.startswith(JENIS):
        jenis = key.removeprefix(JENIS)
        return f"Naskah arsip jenis {Naskah.Jenis(jenis).label}" if jenis in Naskah.Jenis else ""
    return ""


def counts(user, unit, year, keys):
    """``{key: number}`` of the unit's records dated in ``year`` that ``user`` may see, for
    each key of this app in ``keys`` (one query)."""
    wanted = {}
    for key in keys:
        if key.startswith(KODE) and key.removeprefix(KODE):
            wanted[key] = _kode_q(key.removeprefix(KODE))
        elif key.startswith(JENIS) and key.removeprefix(JENIS) in Naskah.Jenis:
            wanted[key] = Q(jenis=key.removeprefix(JENIS))
    if not wanted:
        return {}
    aliases = {f"n{i}": key for i, key in enumerate(wanted)}
    row = (
        _scope(user, unit)
        .filter(tanggal__gte=date(year, 1, 1), tanggal__lte=date(year, 12, 31))
        .aggregate(**{alias: Count("pk", filter=wanted[key]) for alias, key in aliases.items()})
    )
    return {key: row[alias] or 0 for alias, key in aliases.items()}
