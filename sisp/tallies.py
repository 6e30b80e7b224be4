"""Exact per-office counters ("tallies"), kept by the writes themselves.

The province Ketua's ``/portal/wilayah/`` shows, for every office below, how many archive
items it holds. Counting them on each view reads every office's rows (an index-only scan of
~1M entries for a province: 0.35 s, issue 13 part 3); reading one ``OfficeTally`` row per
office and counter does not grow with the records.

A model opts in by inheriting ``TalliedModel`` (and its manager's queryset from
``TalliedQuerySet``) and naming its ``tally_counters``. Every ORM write that can change a
count then adjusts the tallies in its own transaction: ``save()`` (insert, or an update of
the office or of a field a counter depends on), ``delete()`` of a row or a queryset,
``QuerySet.update()``, ``bulk_create()`` and ``bulk_update()``. Each change is measured by
the database itself (a grouped COUNT of the touched rows, with the counter's own filter,
before and after the write), so the rule of a counter is written once, as a ``Q``. Raw SQL
and COPY bypass this: ``manage.py recount_tallies`` rebuilds every tally from the records
(the benchmarks' bulk loads call it) and ``--check`` reports any drift.

A tallied model must not be deleted by a cascade from another model (its foreign keys
PROTECT): a cascade deletes without calling the model's ``delete()``; ``sisp.E010`` says so.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from django.apps import apps
from django.db import connection, models, router, transaction
from django.db.models import Count, F, Q


@dataclasses.dataclass(frozen=True)
class Counter:
    """One kind of count per office. ``q`` selects the rows counted (None: every row);
    ``fields`` are the fields ``q`` reads, so a write that touches none of them (nor the
    office) leaves the tallies alone."""

    key: str
    label: str
    q: Q | None = None
    fields: tuple[str, ...] = ()


Deltas = dict[tuple[int, str], int]


def counted(model, pks, *, lock=False) -> Deltas:
    """{(office id, counter key): rows} for the rows ``pks`` of ``model`` as stored now."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return {}
    office = model.tally_office_field
    rows = model._base_manager.filter(pk__in=pks)
    if lock:
        # The rows stay as measured until this transaction ends.
        list(rows.select_for_update().order_by().values_list("pk", flat=True))
    aggregates = {
        f"tally_{i}": Count("pk", filter=c.q) if c.q is not None else Count("pk")
        for i, c in enumerate(model.tally_counters)
    }
    out: Deltas = {}
    for row in rows.order_by().values(office).annotate(**aggregates):
        for i, c in enumerate(model.tally_counters):
            if row[f"tally_{i}"]:
                out[(row[office], c.key)] = row[f"tally_{i}"]
    return out


def difference(after: Deltas, before: Deltas) -> Deltas:
    keys = set(after) | set(before)
    return {k: after.get(k, 0) - before.get(k, 0) for k in keys}


def apply(deltas: Deltas, using=None) -> None:
    """Add each delta to its tally with an ``F()`` update (the row is created at zero when
    missing). Sorted, so two transactions lock tally rows in the same order."""
    from .models import OfficeTally

    manager = OfficeTally.objects.db_manager(using)
    for (office_id, key), delta in sorted(deltas.items()):
        if not delta:
            continue
        rows = manager.filter(office_id=office_id, key=key)
        if not rows.update(value=F("value") + delta):
            manager.get_or_create(office_id=office_id, key=key)
            rows.update(value=F("value") + delta)


def read(office_ids, keys) -> dict[str, dict[int, int]]:
    """{counter key: {office id: count}} for the offices and counters asked (one query)."""
    from .models import OfficeTally

    out: dict[str, dict[int, int]] = {key: {} for key in keys}
    rows = OfficeTally.objects.filter(office_id__in=list(office_ids), key__in=list(keys))
    for office_id, key, value in rows.values_list("office_id", "key", "value"):
        if value:
            out[key][office_id] = value
    return out


def tallied_models():
    return [m for m in apps.get_models() if issubclass(m, TalliedModel) and m.tally_counters]


def recount(*, check_only=False) -> Deltas:
    """Rebuild every tally from the records: a COUNT per office and counter. Returns the
    differences found ({(office id, key): stored - counted}, empty when all agree); with
    ``check_only`` nothing is written. On Postgres the tally table is locked for the count,
    so a write under way either is counted here or adjusts the rebuilt tally after it."""
    from .models import OfficeTally

    with transaction.atomic():
        if connection.vendor == "postgresql" and not check_only:
            with connection.cursor() as cursor:
                cursor.execute(f'LOCK TABLE "{OfficeTally._meta.db_table}" IN EXCLUSIVE MODE')
        keys = [c.key for m in tallied_models() for c in m.tally_counters]
        live: Deltas = {}
        for model in tallied_models():
            office = model.tally_office_field
            aggregates = {
                f"tally_{i}": Count("pk", filter=c.q) if c.q is not None else Count("pk")
                for i, c in enumerate(model.tally_counters)
            }
            for row in model._base_manager.order_by().values(office).annotate(**aggregates):
                for i, c in enumerate(model.tally_counters):
                    if row[f"tally_{i}"]:
                        live[(row[office], c.key)] = row[f"tally_{i}"]
        stored = {
            (o, k): v
            for o, k, v in OfficeTally.objects.filter(key__in=keys).values_list(
                "office_id", "key", "value"
            )
            if v
        }
        drift = {k: d for k, d in difference(stored, live).items() if d}
        if drift and not check_only:
            OfficeTally.objects.filter(key__in=keys).delete()
            OfficeTally.objects.bulk_create(
                OfficeTally(office_id=o, key=k, value=v) for (o, k), v in sorted(live.items())
            )
    return drift


class TalliedQuerySet(models.QuerySet):
    """Bulk writes of a tallied model adjust the tallies in their own transaction."""

    def _touches_tallies(self, fields):
        return bool(set(fields) & self.model.tally_fields())

    def update(self, **kwargs):
        if not self._touches_tallies(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.select_for_update().order_by().values_list("pk", flat=True))
            before = counted(self.model, pks)
            n = super().update(**kwargs)
            apply(difference(counted(self.model, pks), before), using=self.db)
        return n

    update.alters_data = True  # type: ignore[attr-defined]

    def delete(self):
        with transaction.atomic(using=self.db):
            pks = list(self.select_for_update().order_by().values_list("pk", flat=True))
            before = counted(self.model, pks)
            result = super().delete()
            apply({k: -n for k, n in before.items()}, using=self.db)
        return result

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]

    def bulk_create(self, objs, *args, **kwargs):
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise ValueError("Baris yang dihitung per kantor tidak boleh dibuat dengan konflik.")
        with transaction.atomic(using=self.db):
            objs = super().bulk_create(objs, *args, **kwargs)
            pks = [obj.pk for obj in objs]
            if None in pks:
                raise ValueError("Basis data tidak mengembalikan id baris baru.")
            apply(counted(self.model, pks), using=self.db)
        return objs

    # bulk_update() needs nothing of its own: Django runs it as update() of each batch.


class TalliedModel(models.Model):
    """A model whose rows are counted per office by ``tally_counters``."""

    tally_counters: ClassVar[tuple[Counter, ...]] = ()
    tally_office_field: ClassVar[str] = "office_id"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not set(update_fields) & self.tally_fields():
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            before = counted(type(self), [self.pk], lock=True)
            super().save(*args, **kwargs)
            apply(difference(counted(type(self), [self.pk]), before), using=using)

    def delete(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            before = counted(type(self), [self.pk], lock=True)
            result = super().delete(*args, **kwargs)
            apply({k: -n for k, n in before.items()}, using=using)
        return result

    @classmethod
    def tally_fields(cls) -> set[str]:
        office = cls.tally_office_field
        names = {office, office.removesuffix("_id")}
        for c in cls.tally_counters:
            for name in c.fields:
                names.update({name, cls._meta.get_field(name).attname})
        return names


def cascade_errors():
    """System check sisp.E010: a delete of a related row must not cascade to a tallied model
    or change its office (a cascade never calls the model's ``delete()`` or ``update()``)."""
    from django.core.checks import Error

    safe = (models.PROTECT, models.RESTRICT, models.DO_NOTHING)
    errors = []
    for model in tallied_models():
        for field in model._meta.concrete_fields:
            if not field.many_to_one:
                continue
            on_delete = field.remote_field.on_delete
            if on_delete is models.CASCADE or (
                on_delete not in safe and field.attname in model.tally_fields()
            ):
                errors.append(
                    Error(
                        f"{model._meta.label}.{field.name}: on_delete={on_delete.__name__} "
                        "would change the rows counted per office without their tallies.",
                        hint="Use PROTECT: rows counted per office are deleted only directly.",
                        obj=model,
                        id="sisp.E010",
                    )
                )
    return errors
