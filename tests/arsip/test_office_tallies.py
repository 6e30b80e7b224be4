"""The per-office counts of archive items (sisp/tallies.py) stay equal to a live COUNT through
registration, disposal, edits, moves and deletes, and ``recount_tallies`` rebuilds them."""

import io
import threading
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.db.models import Count, Q

from arsip import retention, services
from arsip.models import KelasKeamanan, KlasifikasiArsip, Naskah, RetensiArsip
from sisp import roles, tallies
from sisp.models import OfficeTally
from tests.arsip.conftest import pdf_upload
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

TOTAL, MUSNAH = "arsip.naskah", "arsip.naskah_musnah"


def live(*offices):
    """What a COUNT of the records says, per office, for both counters."""
    rows = {
        r["office_id"]: r
        for r in Naskah.objects.order_by()
        .values("office_id")
        .annotate(total=Count("pk"), musnah=Count("pk", filter=Q(status_retensi="musnah")))
    }
    return {
        o.pk: (rows.get(o.pk, {}).get("total", 0), rows.get(o.pk, {}).get("musnah", 0))
        for o in offices
    }


def stored(*offices):
    found = tallies.read([o.pk for o in offices], [TOTAL, MUSNAH])
    return {o.pk: (found[TOTAL].get(o.pk, 0), found[MUSNAH].get(o.pk, 0)) for o in offices}


def assert_agree(office, other_office, expected):
    assert stored(office, other_office) == live(office, other_office) == expected
    assert tallies.recount(check_only=True) == {}


@pytest.fixture
def arsiparis(make_user, office, unit, reference):
    return make_user(roles.ARSIPARIS, office=office, unit=unit)


def _register(user, perihal):
    return services.register_naskah(
        user=user,
        data={
            "klasifikasi": KlasifikasiArsip.objects.get(kode="KA.00"),
            "kelas": KelasKeamanan.objects.get(kode="B"),
            "unit": user.unit,
            "tanggal": date(2010, 3, 5),
            "nomor_surat": "",
            "perihal": perihal,
        },
    )


def _dispose(naskah, make_user, office):
    RetensiArsip.objects.get_or_create(
        klasifikasi=naskah.klasifikasi,
        defaults={"aktif_tahun": 2, "inaktif_tahun": 3, "nasib_akhir": "musnah"},
    )
    arsiparis = naskah.created_by
    ketua = make_user(roles.KETUA, office=office)
    retention.close_berkas(naskah.berkas, tanggal_tutup=date(2010, 1, 1), by=arsiparis)
    usulan = retention.propose_disposal(
        by=arsiparis,
        judul="Usul musnah",
        berkas_qs=type(naskah.berkas).objects.filter(pk=naskah.berkas_id),
    )
    retention.decide_disposal(usulan, by=ketua, approve=True, dasar="Surat Bawaslu RI 12/2026")
    retention.execute_disposal(
        usulan,
        by=ketua,
        nomor="BA-01/2026",
        tanggal=date(2026, 11, 20),
        dasar_nomor="KEP-12/2026",
        dasar_tanggal=date(2026, 11, 10),
        metode="Pencacahan",
        saksi="Saksi Satu, Staf\nSaksi Dua, Staf",
        penandatangan="Ketua Uji",
    )


def test_counts_follow_registration_disposal_moves_and_deletes(
    arsiparis, make_user, make_naskah, office, other_office, unit
):
    first = _register(arsiparis, "Surat pertama")
    _register(arsiparis, "Surat kedua")
    services.add_version(first, pdf_upload("isi"), user=arsiparis)
    assert_agree(office, other_office, {office.pk: (2, 0), other_office.pk: (0, 0)})

    # An executed disposal keeps the records (metadata) and counts them destroyed.
    _dispose(first, make_user, office)
    assert Naskah.objects.get(pk=first.pk).status_retensi == "musnah"
    assert_agree(office, other_office, {office.pk: (2, 1), other_office.pk: (0, 0)})

    # An edit of a counted field through the model (as the admin's form saves it).
    naskah = Naskah.objects.get(pk=first.pk)
    naskah.status_retensi = "inaktif"
    naskah.save()
    assert_agree(office, other_office, {office.pk: (2, 0), other_office.pk: (0, 0)})
    naskah.perihal = "Perihal baru"
    naskah.save(update_fields=["perihal"])
    assert_agree(office, other_office, {office.pk: (2, 0), other_office.pk: (0, 0)})

    # A record moved to another office (a transfer-like change), one by one and in bulk.
    other_unit = UnitFactory(office=other_office)
    naskah.office, naskah.unit = other_office, other_unit
    naskah.save()
    assert_agree(office, other_office, {office.pk: (1, 0), other_office.pk: (1, 0)})
    Naskah.objects.filter(office=other_office).update(office=office, status_retensi="musnah")
    assert_agree(office, other_office, {office.pk: (2, 1), other_office.pk: (0, 0)})
    rows = list(Naskah.objects.filter(office=office))
    for row in rows:
        row.status_retensi = "aktif"
    Naskah.objects.bulk_update(rows, ["status_retensi"])
    assert_agree(office, other_office, {office.pk: (2, 0), other_office.pk: (0, 0)})

    # Records of a fixture-like path (Naskah.objects.create) are counted too.
    for _ in range(3):
        make_naskah(office=other_office, unit=other_unit, created_by=arsiparis)
    assert_agree(office, other_office, {office.pk: (2, 0), other_office.pk: (3, 0)})
    model = Naskah.objects.filter(office=other_office).first()
    Naskah.objects.bulk_create(
        Naskah(
            office=other_office,
            berkas=model.berkas,
            nomor_item=90 + i,
            klasifikasi=model.klasifikasi,
            kelas=model.kelas,
            unit=other_unit,
            perihal="Impor massal",
            created_by=arsiparis,
            status_retensi="musnah" if i else "aktif",
        )
        for i in range(2)
    )
    assert_agree(office, other_office, {office.pk: (2, 0), other_office.pk: (5, 1)})

    # Deletes: one row, then a queryset (a registered record's class history protects it, so
    # these are the fixture's rows).
    Naskah.objects.filter(office=other_office, status_retensi="musnah").get().delete()
    assert_agree(office, other_office, {office.pk: (2, 0), other_office.pk: (4, 0)})
    Naskah.objects.filter(office=other_office).delete()
    assert_agree(office, other_office, {office.pk: (2, 0), other_office.pk: (0, 0)})


def test_a_registration_rolled_back_leaves_the_counts_as_they_were(arsiparis, office, other_office):
    _register(arsiparis, "Surat tetap")
    with pytest.raises(RuntimeError), transaction.atomic():
        _register(arsiparis, "Surat batal")
        raise RuntimeError("gagal di tengah")
    assert_agree(office, other_office, {office.pk: (1, 0), other_office.pk: (0, 0)})


def test_recount_finds_and_repairs_counts_written_past_the_models(arsiparis, office, other_office):
    _register(arsiparis, "Surat satu")
    _register(arsiparis, "Surat dua")
    # What a COPY load or a hand-written SQL change leaves behind.
    OfficeTally.objects.filter(office=office, key=TOTAL).update(value=7)
    OfficeTally.objects.create(office=other_office, key=MUSNAH, value=3)
    assert tallies.recount(check_only=True) == {(office.pk, TOTAL): 5, (other_office.pk, MUSNAH): 3}
    with pytest.raises(CommandError):
        call_command("recount_tallies", "--check", stdout=io.StringIO())
    assert stored(office, other_office)[office.pk] == (7, 0)  # --check writes nothing

    call_command("recount_tallies", stdout=io.StringIO())
    assert_agree(office, other_office, {office.pk: (2, 0), other_office.pk: (0, 0)})
    call_command("recount_tallies", "--check", stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need Postgres")
@pytest.mark.django_db(transaction=True)
def test_parallel_inserts_and_a_recount_lose_no_count(
    arsiparis, make_naskah, office, other_office, unit
):
    """Twenty inserts at once, each into its own file (no other lock orders them), into an
    office without a tally row yet (all race to create it), with a recount among them: every
    one is counted once."""
    count = 20
    files = [make_naskah(office=office, unit=unit, created_by=arsiparis) for _ in range(count)]
    Naskah.objects.all().delete()
    OfficeTally.objects.all().delete()
    barrier = threading.Barrier(count + 1)
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    def insert(model):
        with transaction.atomic():
            Naskah.objects.create(
                office=office,
                berkas_id=model.berkas_id,
                nomor_item=1,
                klasifikasi_id=model.klasifikasi_id,
                kelas_id=model.kelas_id,
                unit=unit,
                perihal="Surat paralel",
                created_by=arsiparis,
            )

    jobs = [lambda model=model: insert(model) for model in files]
    jobs.append(tallies.recount)
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert_agree(office, other_office, {office.pk: (count, 0), other_office.pk: (0, 0)})


def test_every_tallied_model_is_deleted_only_directly():
    from django.core.checks import run_checks

    assert not [e for e in run_checks() if e.id == "sisp.E010"]
    assert tallies.tallied_models() == [Naskah]
