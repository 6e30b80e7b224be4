"""How long a record linked to a case stays held: Info PPPS's one answer to E-Arsip."""

from datetime import date

from ppps import holds_api, services
from ppps.models import HariLibur, Jenis, Perkara, StatusPerkara, Tahapan


def _stage(perkara, code):
    return Tahapan.objects.get(regime=perkara.regime, jenis=perkara.jenis, code=code)


def _close_at(perkara, code, *, on, status, user):
    services.move_to_stage(
        perkara,
        _stage(perkara, code),
        user=user,
        tanggal=on,
        status=StatusPerkara.objects.get(code=status),
    )
    return Perkara.objects.select_related("pemilihan", "tahapan", "status").get(pk=perkara.pk)


def test_an_open_case_holds_until_it_is_closed(make_perkara):
    perkara = make_perkara()
    assert perkara.is_open()
    assert holds_api.hold_end(perkara) is None


def test_a_dispute_closed_by_its_putusan_holds_through_the_ptun_window(
    make_perkara, petugas, pemilu
):
    # Friday 1 November 2024; "Pengajuan ke PTUN" is 5 working days after the putusan.
    perkara = make_perkara(
        pemilihan=pemilu, jenis=Jenis.SENGKETA, tanggal_kejadian=date(2024, 10, 20)
    )
    closed = _close_at(
        perkara, "putusan", on=date(2024, 11, 1), status="putusan-adjudikasi", user=petugas
    )
    assert holds_api.closed_on(closed) == date(2024, 11, 1)
    assert holds_api.hold_end(closed) == date(2024, 11, 8)


def test_the_appeal_window_skips_the_holidays_the_deadline_engine_knows(
    make_perkara, petugas, pemilu
):
    perkara = make_perkara(
        pemilihan=pemilu, jenis=Jenis.SENGKETA, tanggal_kejadian=date(2024, 10, 20)
    )
    HariLibur.objects.update_or_create(date=date(2024, 11, 5), defaults={"name": "Libur uji"})
    closed = _close_at(
        perkara, "putusan", on=date(2024, 11, 1), status="putusan-adjudikasi", user=petugas
    )
    assert holds_api.hold_end(closed) == date(2024, 11, 11)


def test_a_report_closed_at_its_last_stage_holds_until_its_closing_day(make_perkara, petugas):
    perkara = make_perkara()
    closed = _close_at(
        perkara, "tindak-lanjut", on=date(2024, 11, 20), status="diteruskan-kpu", user=petugas
    )
    assert holds_api.hold_end(closed) == date(2024, 11, 20)


def test_several_cases_are_answered_at_once(make_perkara, petugas, pemilu):
    open_case = make_perkara()
    dispute = make_perkara(
        pemilihan=pemilu, jenis=Jenis.SENGKETA, tanggal_kejadian=date(2024, 10, 20)
    )
    closed = _close_at(
        dispute, "putusan", on=date(2024, 11, 1), status="putusan-adjudikasi", user=petugas
    )
    assert holds_api.hold_ends([open_case, closed]) == {
        open_case.pk: None,
        closed.pk: date(2024, 11, 8),
    }
