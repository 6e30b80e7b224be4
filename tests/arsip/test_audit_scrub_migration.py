"""The data migration that neutralises old audit entries: records named by kind, class and id,
purposes moved to the record's downloads or left on the grant, search words dropped, one
entry per office saying so; on Postgres the append-only trigger is back afterwards."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from arsip.models import HakAkses, KelasKeamanan, KlasifikasiArsip
from sisp import roles
from sisp.models import AuditEvent

BEFORE = [("arsip", "0010_download_purpose")]
AFTER = [("arsip", "0011_scrub_audit_trail")]
SUBJECT = "Dugaan suap Ketua KPPS Desa Watugede"


def _old_entry(**fields):
    """An entry as the old writer stored it (``record`` no longer writes such text)."""
    event = AuditEvent(**fields)
    event.save()
    return event


@pytest.fixture
def back_to_latest():
    """Later migrations change the tables: the schema is brought back to the latest after."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_old_entries_are_neutralised_and_the_trail_stays_append_only(
    back_to_latest, reference, make_user, office, unit
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    ketua = make_user(roles.KETUA, office=office, unit=unit)
    # The record as the schema of BEFORE stores it (later migrations add columns).
    old = executor.loader.project_state(BEFORE).apps
    klasifikasi = KlasifikasiArsip.objects.get(kode="KA.00")
    berkas = old.get_model("arsip", "Berkas").objects.create(
        office_id=office.pk,
        nomor_berkas="U1/2026",
        klasifikasi_id=klasifikasi.pk,
        uraian="Berkas uji",
        unit_id=unit.pk,
        created_by_id=ketua.pk,
    )
    naskah = old.get_model("arsip", "Naskah").objects.create(
        office_id=office.pk,
        berkas_id=berkas.pk,
        nomor_item=1,
        klasifikasi_id=klasifikasi.pk,
        kelas_id=KelasKeamanan.objects.get(kode="SR").pk,
        unit_id=unit.pk,
        perihal=SUBJECT,
        nomor_surat="9/SR",
        created_by_id=ketua.pk,
    )
    grant = HakAkses.objects.create(
        office=office,
        naskah_id=naskah.pk,
        user=ketua,
        tujuan=f"Telaah {SUBJECT}",
        disetujui_oleh=ketua,
        berlaku_sampai=timezone.localdate() + timedelta(days=1),
    )
    common = {"office": office, "actor": ketua, "actor_username": ketua.username}
    target = {"object_type": "arsip.Naskah", "object_id": str(naskah.pk)}
    view = _old_entry(action="arsip.view", object_repr=f"9/SR: {SUBJECT}", **common, **target)
    download = _old_entry(
        action="arsip.download",
        object_repr=f"9/SR: {SUBJECT}",
        detail={"versi": 1, "sha256": "ab", "purpose": f"Membaca {SUBJECT}"},
        **common,
        **target,
    )
    granted = _old_entry(
        action="arsip.grant",
        object_repr=f"9/SR: {SUBJECT}",
        detail={"to": "x", "purpose": f"Telaah {SUBJECT}"},
        **common,
        **target,
    )
    export = _old_entry(
        action="arsip.export", detail={"filters": {"q": "Watugede", "kelas": "4"}}, **common
    )
    gone = _old_entry(
        action="admin.delete",
        object_type="arsip.Naskah",
        object_id="424242",
        object_repr=f"1/SR: {SUBJECT}",
        **common,
    )
    untouched = _old_entry(action="auth.login", **common)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    for event in (view, download, granted):
        event.refresh_from_db()
        assert event.object_repr == f"Naskah Sangat Rahasia #{naskah.pk}"
    gone.refresh_from_db()
    assert gone.object_repr == "Naskah #424242"
    download.refresh_from_db()
    # The table as migration AFTER left it (later migrations add columns, e.g. the code).
    unduhan = (
        executor.loader.project_state(AFTER)
        .apps.get_model("arsip", "Unduhan")
        .objects.get(pk=download.detail["unduhan"])
    )
    assert (unduhan.naskah_id, unduhan.user_id, unduhan.tujuan) == (
        naskah.pk,
        ketua.pk,
        f"Membaca {SUBJECT}",
    )
    assert unduhan.created_at == download.created_at
    granted.refresh_from_db()
    assert granted.detail == {"to": "x", "grant": grant.pk}
    export.refresh_from_db()
    assert export.detail["filters"] == {"kelas": "4", "q": "(kata pencarian tidak dicatat)"}
    text = " ".join(f"{e.object_repr} {e.detail}" for e in AuditEvent.objects.all())
    assert "Watugede" not in text and "9/SR" not in text
    untouched.refresh_from_db()
    assert untouched.object_repr == "" and untouched.detail == {}
    scrub = AuditEvent.objects.get(action="audit.scrub")
    assert scrub.office == office and scrub.detail == {"entries": 5}

    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("UPDATE sisp_auditevent SET action = 'x'")
