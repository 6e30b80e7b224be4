from django.apps import AppConfig
from django.db.models.signals import post_migrate

READ = ["ppps.access_ppps", "ppps.view_perkara", "ppps.view_pihak", "ppps.view_aduan"]
REFERENCE = [
    f"ppps.{action}_{model}"
    for model in ("pemilihan", "tahapan", "harilibur", "statusperkara")
    for action in ("view", "add", "change")
]

# Who does what. Petugas PPPS handle cases and complaints; Ketua and Anggota (the commissioner
# coordinating the PPPS division is an Anggota) read everything of their office; the
# Administrator keeps the reference data but sees no case (least privilege).
ROLE_PERMISSIONS = {
    "Petugas PPPS": [*READ, "ppps.manage_perkara", "ppps.triage_aduan", *REFERENCE],
    "Ketua": READ,
    "Anggota": READ,
    "Administrator": REFERENCE,
}


def _attach_permissions(sender, **kwargs):
    from sisp.roles import grant_permissions

    from .reference_data import load_all

    grant_permissions(ROLE_PERMISSIONS)
    load_all()


class PppsConfig(AppConfig):
    name = "ppps"
    verbose_name = "Info PPPS"
    # Tables the app's database role may only read and append to (sisp/dbroles.py).
    append_only_models = ["RiwayatPerkara"]
    portal_module = {
        "title": "Info PPPS",
        "url_name": "ppps:index",
        "permission": "ppps.access_ppps",
        "icon": "PP",
        "description": "Penanganan pelanggaran dan sengketa: perkara, tahapan, batas waktu, aduan.",
        "order": 20,
    }

    def ready(self):
        post_migrate.connect(_attach_permissions, sender=self)

    def sensitive_roles(self):
        """Roles that read the parties of a case (reporters, witnesses, their NIK)."""
        from django.contrib.auth.models import Group

        return set(
            Group.objects.filter(
                permissions__content_type__app_label="ppps", permissions__codename="view_pihak"
            ).values_list("name", flat=True)
        )

    def region_counts(self, office_ids):
        """Open cases and cases past their deadline per office (aggregates only)."""
        from django.db.models import Count

        from .models import Perkara

        open_cases = Perkara.objects.open().filter(office_id__in=office_ids)
        total = dict(open_cases.values_list("office_id").annotate(n=Count("id")))
        overdue = dict(open_cases.overdue().values_list("office_id").annotate(n=Count("id")))
        return [("Perkara berjalan", total), ("Lewat batas waktu", overdue)]

    def seed_demo(self, offices, users):
        from .demo import seed_demo

        seed_demo(offices, users)
