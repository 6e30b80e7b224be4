from django.apps import AppConfig
from django.db.models.signals import post_migrate

# Which role may do what in E-Arsip. What each role may *read* is the access matrix (data).
READERS = [
    "Ketua",
    "Anggota",
    "Koordinator Sekretariat",
    "Kepala Subbagian",
    "Staf",
    "Arsiparis",
    "Petugas PPPS",
    "Pengawas Internal",
]
REGISTRARS = ["Koordinator Sekretariat", "Kepala Subbagian", "Staf", "Arsiparis", "Petugas PPPS"]
DECIDERS = ["Ketua", "Anggota", "Koordinator Sekretariat", "Kepala Subbagian", "Arsiparis"]


def role_permissions():
    mapping = {}

    def add(names, *perms):
        for name in names:
            mapping.setdefault(name, []).extend(perms)

    add(READERS, "arsip.use_arsip", "arsip.view_naskah")
    add(REGISTRARS, "arsip.register_naskah")
    add(
        DECIDERS,
        "arsip.decide_permohonan",
        "arsip.export_daftar",
        "arsip.view_hakakses",
        "arsip.view_riwayat",
    )
    add(["Pengawas Internal"], "arsip.export_daftar", "arsip.view_riwayat")
    # Who may find which download a leaked stamped copy came from (arsip/stamping.py).
    add(["Ketua", "Pengawas Internal"], "arsip.trace_unduhan")
    # Filing codes, JRA, classes and matrix are the installation's shared rules: office roles
    # see them, only the installation manager (a superuser) changes or verifies them.
    add(
        ["Arsiparis"],
        "arsip.view_klasifikasiarsip",
        "arsip.view_retensiarsip",
        "arsip.view_berkas",
        "arsip.change_berkas",
        "arsip.change_naskah",
        "arsip.view_berkasdigital",
    )
    add(["Koordinator Sekretariat"], "arsip.view_retensiarsip")
    add(["Arsiparis"], "arsip.propose_pemusnahan", "arsip.manage_peminjaman", "arsip.import_daftar")
    add(["Ketua", "Koordinator Sekretariat"], "arsip.approve_pemusnahan")
    # Legal holds: the archivist and the Ketua hold records by hand (domain note).
    add(["Arsiparis", "Ketua"], "arsip.manage_legalhold")
    add(
        ["Administrator"],
        "arsip.view_kelaskeamanan",
        "arsip.view_aksesmatrix",
        "arsip.view_klasifikasiarsip",
        "arsip.view_batasklasifikasi",
        "arsip.view_pejabatkelas",
    )
    return mapping


# The shared-rule models of E-Arsip, and the rights on them no office role holds. Earlier
# versions gave some (Administrator: matrix and classes; Arsiparis: codes and JRA;
# Koordinator Sekretariat: verifying the JRA); migrate takes them back from every group.
SHARED_RULE_MODELS = [
    "klasifikasiarsip",
    "retensiarsip",
    "kelaskeamanan",
    "aksesmatrix",
    "batasklasifikasi",
    "pejabatkelas",
]
REVOKED_CODENAMES = [
    f"{action}_{model}" for model in SHARED_RULE_MODELS for action in ("add", "change", "delete")
] + ["verify_retensiarsip"]


def _revoke_old_rights():
    from django.contrib.auth.models import Group, Permission

    rights = Permission.objects.filter(
        content_type__app_label="arsip", codename__in=REVOKED_CODENAMES
    )
    for group in Group.objects.filter(permissions__in=rights).distinct():
        group.permissions.remove(*rights)


def _after_migrate(sender, **kwargs):
    from sisp.roles import grant_permissions

    from .reference_data import load_all

    created = load_all()
    grant_permissions(role_permissions())
    _revoke_old_rights()
    if any(created.values()):
        # Shared rules the loader added (e.g. a default matrix row the installation manager
        # had deleted comes back and opens a class again): audited in every office.
        from sisp import audit

        audit.record_for_offices(
            "rules.load",
            actor=None,
            model="E-Arsip (kode, kelas, matriks akses, kewenangan kelas)",
            dibuat=created,
        )


def _kelas_label(value):
    """A security class code of the trail ("B", or [old, new] after a re-class) by its standard
    name (arsip.reference_data, Perbawaslu 32/2018): "Biasa/Terbuka (B)"."""
    from .reference_data import KELAS

    names = {row[0]: row[1] for row in KELAS}

    def one(code):
        return f"{names[code]} ({code})" if code in names else str(code)

    if isinstance(value, list | tuple) and len(value) == 2:
        return f"{one(value[0])} → {one(value[1])}"
    return one(value)


def _extraction_abandoned(args, kwargs):
    """A file whose extraction stopped its worker every time: marked failed, with a reason
    (the record stays findable by its metadata; ``reindex_arsip --extract gagal`` retries)."""
    from sisp import taskrecovery

    from .models import BerkasDigital

    BerkasDigital.objects.filter(pk__in=args[:1], status_ekstraksi="menunggu").update(
        status_ekstraksi="gagal",
        catatan_ekstraksi=(
            f"gagal: pekerja latar berhenti {taskrecovery.max_attempts()} kali saat "
            "mengekstrak dokumen elektronik ini"
        ),
    )


class ArsipConfig(AppConfig):
    name = "arsip"
    verbose_name = "E-Arsip"
    portal_module = {
        "title": "E-Arsip",
        "url_name": "arsip:index",
        "permission": "arsip.use_arsip",
        "icon": "EA",
        "description": "Daftar, cari, dan unduh arsip kantor sesuai hak akses.",
        "keywords": "surat, dokumen, naskah, berkas, arsip, peminjaman, retensi, pemusnahan",
        "order": 10,
    }

    def volume_sources(self, user, unit):
        """Count sources for the ABK form's volume suggestions (abk_anjab/volumes.py)."""
        from .volumes import sources

        return sources(user, unit)

    def volume_counts(self, user, unit, year, keys):
        """``{key: number}`` for the ABK form: counts only, from this app's access door."""
        from .volumes import counts

        return counts(user, unit, year, keys)

    def volume_label(self, key):
        from .volumes import label

        return label(key)

    def waiting_for(self, user):
        """This app's items of the portal's "Menunggu Anda" panel (sisp.queues)."""
        from .queues import waiting_for

        return waiting_for(user)

    def ready(self):
        from sisp.audit import ACTION_LABELS
        from sisp.audit_labels import CHANGE, COUNT, DATE, DETAIL_LABELS, REF

        post_migrate.connect(_after_migrate, sender=self)
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from sisp import taskrecovery

        from . import signals

        user_model = get_user_model()
        m2m_changed.connect(
            signals.user_groups_changed,
            sender=user_model.groups.through,
            dispatch_uid="arsip.grants_follow_approver_roles",
        )
        post_save.connect(
            signals.user_saved, sender=user_model, dispatch_uid="arsip.grants_follow_approver"
        )
        from .models import AksesMatrix, Naskah, PejabatKelas

        for rule_model in (AksesMatrix, PejabatKelas):
            for signal in (post_save, post_delete):
                signal.connect(
                    signals.rules_changed,
                    sender=rule_model,
                    dispatch_uid=f"arsip.grants_follow_rules.{rule_model.__name__}",
                )
        post_save.connect(
            signals.naskah_saved, sender=Naskah, dispatch_uid="arsip.grants_follow_record"
        )

        taskrecovery.on_abandoned("arsip.tasks.extract_text")(_extraction_abandoned)
        ACTION_LABELS.update(
            {
                "arsip.import_jra": "Aturan bersama: JRA dimuat dari file",
                "arsip.verify_jra": "Aturan bersama: JRA ditandai terverifikasi",
                "arsip.request_routed": "Permohonan akses diteruskan ke pejabat berwenang",
                "arsip.grant_ended": "Hak akses berakhir: pemberi persetujuan tidak lagi berwenang",
                "arsip.propose_disposal": "Mengusulkan pemusnahan arsip",
                "arsip.decide_disposal": "Memutus usulan pemusnahan arsip",
                "arsip.anri_approval": "Mencatat persetujuan ANRI atas pemusnahan",
                "arsip.execute_disposal": "Melaksanakan pemusnahan arsip",
                "arsip.hold_place": "Menahan naskah (legal hold)",
                "arsip.hold_link": "Mengaitkan naskah dengan perkara (legal hold)",
                "arsip.hold_release": "Mencabut penahanan naskah",
                "arsip.trace_unduhan": "Menelusuri asal salinan unduhan",
                "arsip.register": "Mendaftarkan naskah",
                "arsip.update": "Mengubah data naskah",
                "arsip.upload_version": "Mengunggah versi dokumen elektronik",
                "arsip.view": "Melihat naskah",
                "arsip.download": "Mengunduh dokumen elektronik",
                "arsip.export": "Mengekspor daftar arsip",
                "arsip.import": "Mengimpor daftar arsip",
                "arsip.request": "Mengajukan permohonan akses",
                "arsip.request_decided": "Memutus permohonan akses",
                "arsip.grant": "Memberi hak akses",
                "arsip.revoke": "Mencabut hak akses",
                "arsip.close_berkas": "Menutup berkas",
                "arsip.move_inactive": "Memindahkan berkas ke arsip inaktif",
                "arsip.print_berita_acara": "Mencetak berita acara pemusnahan",
                "arsip.lend": "Meminjamkan naskah",
                "arsip.return": "Menerima kembali naskah yang dipinjam",
            }
        )
        DETAIL_LABELS.update(
            {
                "naskah": ("Naskah", REF),
                "berkas": ("Berkas", REF),
                "riwayat_kelas": ("Riwayat kelas", REF),
                "grant": ("Hak akses", REF),
                "unduhan": ("Unduhan", REF),
                "ditemukan": ("Unduhan ditemukan", REF),
                "approver": ("Pemberi persetujuan", REF),
                "pratinjau": "Pratinjau versi",
                "kelas": ("Kelas keamanan", _kelas_label),
                "unit": ("Unit kerja", CHANGE),
                "bertanda": "Dibubuhi tanda pengunduh",
                "to": "Diberikan kepada",
                "until": ("Berlaku sampai", DATE),
                "reason": "Alasan",
                "dasar": "Dasar",
                "berita_acara": "Nomor berita acara",
                "files": ("Jumlah dokumen elektronik dimusnahkan", COUNT),
                "tanggal_tutup": ("Tanggal ditutup", DATE),
                "peminjam": "Peminjam",
                "jatuh_tempo": ("Jatuh tempo", DATE),
                "dibuat": "Baris ditambahkan",
            }
        )

    def sensitive_roles(self):
        """Roles the access matrix lets read any class above Biasa."""
        from .models import AksesMatrix

        return set(
            AksesMatrix.objects.filter(kelas__tingkat__gt=1)
            .exclude(lingkup=AksesMatrix.Lingkup.TIDAK)
            .values_list("role__name", flat=True)
        )

    def region_counts(self, office_ids):
        """Items registered and items destroyed per office, from the office tallies kept by
        every write of Naskah (sisp/tallies.py): one row per office, whatever its size."""
        from sisp import tallies

        from .models import Naskah

        counters = Naskah.tally_counters
        found = tallies.read(office_ids, [c.key for c in counters])
        return [(c.label, found[c.key]) for c in counters]

    def seed_demo(self, offices, users):
        from .demo import seed

        seed(offices, users)
