"""Fictitious demo cases for `manage.py seed_demo` (idempotent: keyed on register numbers)."""

import datetime

from django.utils import timezone

from . import reference_data, services
from .models import Aduan, AlasanPublik, Pemilihan, Perkara, Pihak, Regime, Tahapan


def _pemilihan(office, name, regime, code, year):
    return Pemilihan.objects.get_or_create(
        office=office, name=name, defaults={"regime": regime, "code": code, "year": year}
    )[0]


def seed_demo(offices, users):
    today = timezone.localdate()
    for key, pilkada_name, code in (
        ("kota", "Pemilihan Wali Kota Mojokerto 2024", "PW"),
        ("kab", "Pemilihan Bupati Mojokerto 2024", "PB"),
    ):
        office = offices.get(key)
        officer = users.get(f"ppps.{key}")
        if office is None or officer is None:
            continue
        reference_data.copy_default_reasons([office.pk])
        pilkada = _pemilihan(office, pilkada_name, Regime.PEMILIHAN, code, 2024)
        _pemilihan(office, "Pemilu 2024", Regime.PEMILU, "PL", 2024)
        if Perkara.objects.filter(office=office).exists():
            continue  # already seeded
        # 1. A laporan moved through to kajian, deadline in the past (shows red).
        perkara, _ = services.receive_perkara(
            office=office,
            user=officer,
            jenis="laporan",
            pemilihan=pilkada,
            tanggal_kejadian=today - datetime.timedelta(days=9),
            tanggal_diketahui=today - datetime.timedelta(days=8),
            tanggal_diterima=today - datetime.timedelta(days=7),
            ringkasan_publik="Dugaan pembagian uang kepada pemilih menjelang masa tenang.",
            pelapor={"nama": "Sri Rahayu (fiktif)", "email": "pelapor.demo@example.test"},
        )
        services.save_pihak(
            perkara, Pihak(peran=Pihak.Peran.TERLAPOR, nama="Bambang Hartono"), user=officer
        )
        services.register_perkara(perkara, user=officer, tanggal=today - datetime.timedelta(days=6))
        kajian = Tahapan.objects.get(regime=Regime.PEMILIHAN, jenis="laporan", code="kajian")
        services.move_to_stage(
            perkara,
            kajian,
            user=officer,
            tanggal=today - datetime.timedelta(days=5),
            alasan=AlasanPublik.objects.for_office(office.pk).order_by("order").first(),
            catatan="Undangan klarifikasi kepada saksi dikirim (catatan internal).",
        )
        # 2. A temuan just received (deadline ahead).
        services.receive_perkara(
            office=office,
            user=officer,
            jenis="temuan",
            pemilihan=pilkada,
            tanggal_diketahui=today - datetime.timedelta(days=1),
            tanggal_diterima=today,
            ringkasan_publik="Alat peraga kampanye di tempat terlarang.",
        )
        # 3. A complaint waiting for triage.
        services.submit_aduan(
            office=office,
            data={
                "uraian": "Nama saya tercatat sebagai anggota partai tanpa persetujuan (fiktif).",
                "tanggal_diketahui": today - datetime.timedelta(days=2),
            },
        )
    return Aduan.objects.count()
