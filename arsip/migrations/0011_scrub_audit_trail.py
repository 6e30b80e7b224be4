"""Earlier audit entries named E-Arsip records by their letter number and subject (and files by
their name), and kept typed purposes and search words that may quote them; the trail is read
by people who may read no record. Rewrite those entries the way ``sisp.audit.record`` now
writes them: records by kind, class and id; purposes moved to the record's downloads
(Unduhan) or left on the grant; search words dropped. One entry per office says how many
entries were neutralised.

The trail is append-only: on Postgres a trigger refuses UPDATE, so this migration (run by the
owner role, never the app's run-time role) disables the trigger and enables it again in the
same transaction. If anything fails, the transaction rolls back, trigger included.
"""

from django.db import migrations

TRIGGER = "sisp_auditevent_append_only"
HIDDEN_SEARCH = "(kata pencarian tidak dicatat)"
ARSIP_EXPORT_FILTERS = ("kode", "kelas", "tahun", "unit", "status", "urut")
AUDIT_EXPORT_FILTERS = ("action", "date_from", "date_to")


def _neutral_names(apps):
    Naskah = apps.get_model("arsip", "Naskah")
    Berkas = apps.get_model("arsip", "Berkas")
    BerkasDigital = apps.get_model("arsip", "BerkasDigital")

    def naskah(pk):
        row = Naskah.objects.filter(pk=pk).select_related("kelas").first()
        return f"Naskah {row.kelas.nama} #{pk}" if row else f"Naskah #{pk}"

    def berkas(pk):
        row = Berkas.objects.filter(pk=pk).first()
        return f"Berkas {row.nomor_berkas} #{pk}" if row else f"Berkas #{pk}"

    def versi(pk):
        row = BerkasDigital.objects.filter(pk=pk).first()
        if row is None:
            return f"Berkas digital #{pk}"
        return f"Berkas digital #{pk} (naskah #{row.naskah_id}, versi {row.versi})"

    def peminjaman(pk):
        row = apps.get_model("arsip", "Peminjaman").objects.filter(pk=pk).first()
        return f"Peminjaman #{pk} (naskah #{row.naskah_id})" if row else f"Peminjaman #{pk}"

    return {
        "arsip.Naskah": naskah,
        "arsip.Berkas": berkas,
        "arsip.BerkasDigital": versi,
        "arsip.PermohonanAkses": lambda pk: f"Permohonan akses #{pk}",
        "arsip.UsulanPemusnahan": lambda pk: f"Usulan pemusnahan #{pk}",
        "arsip.Peminjaman": peminjaman,
    }


def _pk(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _clean_filters(filters, kept):
    if not isinstance(filters, dict):
        return {}
    clean = {k: v for k, v in filters.items() if k in kept}
    if filters.get("q"):
        clean["q"] = HIDDEN_SEARCH
    return clean


def scrub(apps, schema_editor):
    AuditEvent = apps.get_model("sisp", "AuditEvent")
    Naskah = apps.get_model("arsip", "Naskah")
    HakAkses = apps.get_model("arsip", "HakAkses")
    Unduhan = apps.get_model("arsip", "Unduhan")
    # _base_manager: the model's own manager refuses every update.
    events = AuditEvent._base_manager
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(f"ALTER TABLE sisp_auditevent DISABLE TRIGGER {TRIGGER}")

    names = _neutral_names(apps)
    touched = {}  # office_id -> number of entries rewritten

    def save(event, **fields):
        # Name and detail at once, so step 3 finds the entry already neutral.
        if event.object_type in names:
            fields["object_repr"] = names[event.object_type](_pk(event.object_id))
        events.filter(pk=event.pk).update(**fields)
        touched[event.office_id] = touched.get(event.office_id, 0) + 1

    # 1. Purposes typed for a download or a grant.
    for event in events.filter(action="arsip.download", detail__has_key="purpose").iterator():
        detail = dict(event.detail)
        purpose = detail.pop("purpose") or ""
        naskah = Naskah.objects.filter(pk=_pk(event.object_id)).first()
        if purpose and naskah is not None:
            unduhan = Unduhan.objects.create(
                office_id=naskah.office_id,
                naskah=naskah,
                versi=_pk(detail.get("versi")) or 0,
                user_id=event.actor_id,
                tujuan=purpose,
            )
            Unduhan.objects.filter(pk=unduhan.pk).update(created_at=event.created_at)
            detail["unduhan"] = unduhan.pk
        save(event, detail=detail)
    for event in events.filter(action="arsip.grant", detail__has_key="purpose").iterator():
        detail = dict(event.detail)
        purpose = detail.pop("purpose") or ""
        grant = (
            HakAkses.objects.filter(naskah_id=_pk(event.object_id), tujuan=purpose)
            .order_by("-created_at")
            .first()
        )
        if grant is not None:
            detail["grant"] = grant.pk
        save(event, detail=detail)

    # 2. Search words of exports.
    for action, kept in (
        ("arsip.export", ARSIP_EXPORT_FILTERS),
        ("audit.export", AUDIT_EXPORT_FILTERS),
    ):
        for event in events.filter(action=action).iterator():
            detail = dict(event.detail)
            clean = _clean_filters(detail.get("filters"), kept)
            if clean != detail.get("filters"):
                detail["filters"] = clean
                save(event, detail=detail)

    # 3. Names of records, files, requests, proposals and loans.
    for label, name_of in names.items():
        ids = events.filter(object_type=label).values_list("object_id", flat=True).distinct()
        for object_id in list(ids):
            pk = _pk(object_id)
            name = name_of(pk) if pk is not None else f"{label.split('.')[1]} #{object_id}"
            stale = events.filter(object_type=label, object_id=object_id).exclude(object_repr=name)
            for office_id, count in _count_by_office(stale):
                touched[office_id] = touched.get(office_id, 0) + count
            stale.update(object_repr=name)

    if postgres:
        schema_editor.execute(f"ALTER TABLE sisp_auditevent ENABLE TRIGGER {TRIGGER}")
    for office_id, count in sorted(touched.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
        if count:
            AuditEvent.objects.create(
                action="audit.scrub", office_id=office_id, detail={"entries": count}
            )


def _count_by_office(queryset):
    from django.db.models import Count

    return queryset.order_by().values_list("office_id").annotate(n=Count("id"))


class Migration(migrations.Migration):
    dependencies = [
        ("arsip", "0010_download_purpose"),
        ("sisp", "0002_roles_and_audit_guard"),
    ]

    # Not reversible in substance: the removed text is gone on purpose.
    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
