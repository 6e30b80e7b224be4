"""The complaint status page keeps the confirmation's promise: until answered it says by when
the office answers, and once that day has passed it says so honestly, with how to reach the
office. It tells where the ticket code and PIN are, and what to do without the PIN."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ppps import services
from ppps.models import Aduan, HariLibur
from ppps.public import tanggal_id
from sisp import roles

pytestmark = pytest.mark.django_db
STATUS = reverse("ppps_public:aduan_status")


@pytest.fixture
def kota(office):
    office.aduan_answer_days = 3
    office.phone, office.email = "0321-000000", "kota@example.test"
    office.save()
    return office


def working_days_after(day, n):
    """Counted by hand: ``n`` working days after ``day``, skipping weekends and holidays."""
    holidays = set(HariLibur.objects.values_list("date", flat=True))
    while n:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            n -= 1
    return day


def status(client, item, pin):
    response = client.post(STATUS, {"kode_tiket": item.kode_tiket, "pin": pin})
    assert response.status_code == 200
    return response.context["aduan"], response.content.decode()


def test_an_unanswered_complaint_says_by_when_the_office_answers(client, kota):
    item, pin = services.submit_aduan(office=kota, data={"uraian": "Ada politik uang."})
    facts, body = status(client, item, pin)
    day = tanggal_id(working_days_after(timezone.localdate(), 3))
    assert facts["dijawab_paling_lambat"] == day and facts["jawaban_terlambat"] is False
    assert f'<strong id="dijawab-paling-lambat">{day}</strong>' in body
    assert "seharusnya dijawab" not in body


def test_a_complaint_unanswered_past_the_promised_day_says_so_and_how_to_reach_the_office(
    client, kota
):
    item, pin = services.submit_aduan(office=kota, data={"uraian": "Ada politik uang."})
    received = timezone.now() - datetime.timedelta(days=30)
    Aduan.objects.filter(pk=item.pk).update(created_at=received)
    facts, body = status(client, item, pin)
    promised = working_days_after(timezone.localtime(received).date(), 3)
    assert facts["jawaban_terlambat"] is True
    late = body.split('id="dijawab-paling-lambat"', 1)[1].split("</p>", 1)[0]
    assert f"seharusnya dijawab paling lambat {tanggal_id(promised)}" in late
    assert 'telepon <a href="tel:0321-000000">0321-000000</a>' in late
    assert "kota@example.test" in late


def test_a_phone_number_of_the_office_can_be_tapped_to_call(client, kota):
    kota.phone = "0321 000 000"
    kota.save()
    page = client.get(f"/kantor/{kota.slug}/").content.decode()
    assert '<a href="tel:0321000000">0321 000 000</a>' in page
    done = client.post(
        reverse("ppps_public:aduan"),
        {"kantor": kota.pk, "uraian": "Ada politik uang.", "situs": ""},
    ).content.decode()
    assert done.count('<a href="tel:0321000000">0321 000 000</a>') == 2  # office, how to add


def test_an_answered_complaint_shows_the_answer_and_no_promise(client, kota, make_user):
    item, pin = services.submit_aduan(office=kota, data={"uraian": "Ada politik uang."})
    Aduan.objects.filter(pk=item.pk).update(created_at=timezone.now() - datetime.timedelta(30))
    officer = make_user(roles.PETUGAS_PPPS, office=kota)
    item.refresh_from_db()
    services.triage_aduan(
        item, status=Aduan.Status.INFORMASI_AWAL, jawaban="Kami teruskan.", user=officer
    )
    facts, body = status(client, item, pin)
    assert facts["jawaban_terlambat"] is False and facts["dijawab_paling_lambat"] == ""
    assert "Kami teruskan." in body and "dijawab-paling-lambat" not in body


def test_the_status_form_says_where_the_codes_are_and_what_to_do_without_the_pin(client, kota):
    body = client.get(STATUS).content.decode()
    main = body.split("<main", 1)[1]
    assert "tanda terima (PDF)" in main and "PIN hanya ditampilkan sekali" in main
    assert "Lupa PIN?" in main


def test_the_form_says_what_the_e_mail_address_is_used_for(client, kota):
    body = client.get(reverse("ppps_public:aduan")).content.decode()
    assert "kami kirim surel saat aduan diterima dan saat dijawab" in body
    assert "tanpa PIN" in body


def test_in_a_several_office_installation_the_status_page_speaks_for_the_receiving_office(
    client, kota, other_office
):
    """With two offices there is no sole public identity: the page of a complaint names the
    office that received it in its title and footer, never the other office."""
    item, pin = services.submit_aduan(office=other_office, data={"uraian": "Ada politik uang."})
    _, body = status(client, item, pin)
    title = body.split("<title>", 1)[1].split("</title>", 1)[0]
    footer = body.split("<footer", 1)[1]
    assert "Kota Dua" in title and "Bawaslu Kota Dua" in footer
    assert "Kota Satu" not in body
    # Before the codes are given, the form names no office of its own.
    assert "Bawaslu Kota Dua" not in client.get(STATUS).content.decode()
