from django.apps import AppConfig
from django.db.models.signals import post_migrate

# Which role may do what (see abk_anjab/models.py for the unit scope of each right). Role names
# are spelled out because sisp.roles imports auth models, which an AppConfig module must not.
ROLE_PERMISSIONS = {
    "Ketua": ["abk_anjab.view_anjab"],
    "Anggota": ["abk_anjab.view_anjab"],
    "Koordinator Sekretariat": [
        "abk_anjab.view_anjab",
        "abk_anjab.fill_anjab",
        "abk_anjab.all_units",
        "abk_anjab.verify_anjab",
        "abk_anjab.approve_anjab",
        "abk_anjab.manage_jabatan",
    ],
    "Kepala Subbagian": [
        "abk_anjab.view_anjab",
        "abk_anjab.fill_anjab",
        "abk_anjab.verify_anjab",
    ],
    "Staf": ["abk_anjab.view_anjab", "abk_anjab.fill_anjab"],
}


def _after_migrate(sender, **kwargs):
    from sisp import audit, roles

    from .reference import load_kode_syarat

    roles.grant_permissions(ROLE_PERMISSIONS)
    changed = []
    load_kode_syarat(changed=changed)
    if changed:
        # The code lists are shared by every office (and read-only in the admin): a release
        # that rewrites them is a change of shared rules, audited in every office.
        audit.record_for_offices(
            "rules.load", actor=None, model="kode syarat jabatan", kode=changed[:200]
        )


class AbkAnjabConfig(AppConfig):
    name = "abk_anjab"
    verbose_name = "ABK & Anjab"
    portal_module = {
        "title": "ABK & Anjab",
        "url_name": "abk_anjab:index",
        "permission": "abk_anjab.view_anjab",
        "icon": "AB",
        "description": "Analisis jabatan dan beban kerja, peta jabatan, rekap kebutuhan pegawai.",
        "keywords": "formasi, kebutuhan pegawai, beban kerja, jabatan, peta jabatan, e-formasi",
        "order": 30,
    }

    def waiting_for(self, user):
        """This app's items of the portal's "Menunggu Anda" panel (sisp.queues)."""
        from .queues import waiting_for

        return waiting_for(user)

    def ready(self):
        from sisp.audit import ACTION_LABELS
        from sisp.audit_labels import COUNT, DETAIL_LABELS, NUMBER, REF

        post_migrate.connect(_after_migrate, sender=self)
        ACTION_LABELS["abk_anjab.draft_keep"] = "Draf isian analisis disimpan di server"
        ACTION_LABELS["abk_anjab.draft_discard"] = "Draf isian analisis diakhiri"
        ACTION_LABELS["abk_anjab.volume_accept"] = "Jumlah hasil tugas diambil dari hitungan SISP"
        ACTION_LABELS.update(
            {
                "abk_anjab.jabatan_add": "Menambah jabatan",
                "abk_anjab.jabatan_change": "Mengubah jabatan",
                "abk_anjab.create": "Membuat analisis jabatan",
                "abk_anjab.save": "Menyimpan analisis jabatan",
                "abk_anjab.submit": "Mengajukan analisis jabatan",
                "abk_anjab.verify": "Memverifikasi analisis jabatan",
                "abk_anjab.approve": "Menyetujui analisis jabatan",
                "abk_anjab.return": "Mengembalikan analisis jabatan untuk diperbaiki",
                "abk_anjab.file_arsip": "Mengarsipkan analisis jabatan ke E-Arsip",
                "abk_anjab.export_pdf": "Mengunduh PDF analisis jabatan",
                "abk_anjab.export_rekap_pdf": "Mengunduh PDF rekap kebutuhan pegawai",
                "abk_anjab.export_rekap_xlsx": "Mengunduh .xlsx rekap kebutuhan pegawai",
            }
        )
        from .models import Anjab

        def status(value):
            return Anjab.Status(value).label if value in Anjab.Status else value

        DETAIL_LABELS.update(
            {
                "kebutuhan_mentah": ("Kebutuhan pegawai (sebelum pembulatan)", NUMBER),
                "kebutuhan": "Kebutuhan pegawai",
                "bagian": "Bagian isian",
                "tugas": ("Tugas pokok", REF),
                "sumber": "Sumber hitungan SISP",
                "jumlah": ("Hitungan SISP yang dipakai", COUNT),
                "sebelumnya": "Jumlah hasil sebelumnya",
                "periode_sebelumnya": "Periode sebelumnya",
                "copied_from": "Disalin dari analisis tahun",
                "dari": ("Dari status", status),
                "ke": ("Ke status", status),
            }
        )

    def region_counts(self, office_ids):
        from django.db.models import Count, Q

        from .models import Anjab

        rows = (
            Anjab.objects.filter(office_id__in=office_ids)
            .values("office_id")
            .annotate(
                total=Count("pk"), approved=Count("pk", filter=Q(status=Anjab.Status.DISETUJUI))
            )
        )
        return [
            ("Anjab", {r["office_id"]: r["total"] for r in rows}),
            ("Anjab disetujui", {r["office_id"]: r["approved"] for r in rows}),
        ]

    def seed_demo(self, offices, users):
        from .demo import seed_demo

        seed_demo(offices, users)
