import json
from base64 import b32decode
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from sisp import roles, twofactor
from sisp.models import Link, LinkCategory, Office, Pengumuman, Unit, User

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "demo_data.json"
# The demo's one authenticator secret (Base32), printed in the README: never for real users.
DEMO_TOTP_SECRET = "SISPDEMOSISPDEMOSISPDEMOSISPDEMO"


class Command(BaseCommand):
    help = (
        "Load demo offices, one demo user per role in each office, and portal links (DEBUG only)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Data demo hanya boleh dimuat dengan DEBUG aktif: kata sandinya tertulis di README."
            )
        data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        with transaction.atomic():
            offices = self._offices(data)
            manager = self._installation_manager(data)
            self._portal(data, offices)
            # Each app may add its own demo rows: AppConfig.seed_demo(offices, users_by_username).
            users = {u.username: u for u in User.objects.filter(office__in=offices.values())}
            for config in apps.get_app_configs():
                hook = getattr(config, "seed_demo", None)
                if hook:
                    hook(offices, users)
            self._role_request(users)
            enrolled = self._second_factor([manager, *users.values()])
        self.stdout.write(
            f"Data demo siap: {len(offices)} kantor, {len(users)} pengguna; "
            f"kata sandi semua pengguna demo: {data['password']}"
        )
        if enrolled:
            self.stdout.write(
                f"{enrolled} pengguna demo memerlukan verifikasi dua langkah: tambahkan kunci "
                f"{DEMO_TOTP_SECRET} (berbasis waktu) sekali ke aplikasi autentikator Anda."
            )

    def _second_factor(self, users):
        """Enroll each demo user who must pass a second factor with the one demo secret printed
        in the README, so every role can be tried with one authenticator entry."""
        key = b32decode(DEMO_TOTP_SECRET).hex()
        enrolled = 0
        for user in users:
            if twofactor.required_for(user):
                TOTPDevice.objects.filter(user=user).exclude(key=key).delete()
                TOTPDevice.objects.update_or_create(
                    user=user, key=key, defaults={"name": "Demo", "confirmed": True}
                )
                enrolled += 1
        return enrolled

    def _offices(self, data):
        groups = roles.ensure_roles()
        offices = {}
        for spec in data["offices"]:
            office, _ = Office.objects.update_or_create(
                code=spec["code"],
                defaults={
                    "name": spec["name"],
                    "short_name": spec["short_name"],
                    "level": spec["level"],
                    # Fictitious Bawaslu codes (99.xx): the real ones are office data (?).
                    "bawaslu_code": spec.get("bawaslu_code", ""),
                    "slug": spec["slug"],
                    "parent": offices.get(spec["parent"]),
                    "address": spec["address"],
                    "phone": spec["phone"],
                    "email": spec["email"],
                },
            )
            offices[spec["key"]] = office
            units = {}
            for order, (name, kind, *parent) in enumerate(spec["units"]):
                units[name], _ = Unit.objects.update_or_create(
                    office=office,
                    name=name,
                    defaults={
                        "kind": kind,
                        "order": order,
                        "parent": units[parent[0]] if parent else None,
                    },
                )
            for username, role, jabatan, unit_name, full_name in spec["users"]:
                first, _, last = full_name.partition(" ")
                user, created = User.objects.update_or_create(
                    username=username,
                    defaults={
                        "office": office,
                        "unit": units[unit_name],
                        "jabatan": jabatan,
                        "first_name": first,
                        "last_name": last,
                        "email": f"{username}@example.org",
                        "is_staff": role == roles.ADMINISTRATOR,
                    },
                )
                if created or not user.has_usable_password():
                    user.set_password(data["password"])
                    user.save(update_fields=["password"])
                user.groups.set([groups[role]])
        return offices

    def _installation_manager(self, data):
        """The installation manager (Pengelola Instalasi): a superuser of no office, who owns
        the shared rules and the offices and is the installation's second person for roles."""
        user, created = User.objects.update_or_create(
            username="pengelola",
            defaults={
                "office": None,
                "unit": None,
                "first_name": "Pengelola",
                "last_name": "Instalasi",
                "jabatan": roles.PENGELOLA_INSTALASI,
                "email": "pengelola@example.org",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        if created or not user.has_usable_password():
            user.set_password(data["password"])
            user.save(update_fields=["password"])
        user.groups.clear()
        return user

    def _role_request(self, users):
        """One pending request, so ketua.kota's "Persetujuan peran" page shows something."""
        from sisp.models import RoleRequest
        from sisp.services import file_role_request

        user, admin = users["staf.kota"], users["admin.kota"]
        role = Group.objects.get(name=roles.PETUGAS_PPPS)
        if (
            not RoleRequest.objects.filter(
                user=user, role=role, status=RoleRequest.Status.PENDING
            ).exists()
            and not user.groups.filter(pk=role.pk).exists()
        ):
            file_role_request(
                user=user,
                role=role,
                reason="Contoh: penugasan sementara membantu penanganan pelanggaran (demo).",
                requested_by=admin,
            )

    def _portal(self, data, offices):
        for office in offices.values():
            if office.level == Office.Level.PROVINSI:
                continue
            categories = {}
            for name, order in data["categories"]:
                categories[name], _ = LinkCategory.objects.update_or_create(
                    office=office, name=name, defaults={"order": order}
                )
            for order, (cat, title, url, icon, desc, role_names, keywords) in enumerate(
                data["links"]
            ):
                link, _ = Link.objects.update_or_create(
                    office=office,
                    title=title,
                    defaults={
                        "category": categories[cat],
                        "url": url,
                        "icon": icon,
                        "description": desc,
                        "keywords": keywords,
                        "order": order,
                    },
                )
                link.roles.set(Group.objects.filter(name__in=role_names))
            Pengumuman.objects.get_or_create(office=office, text=data["pengumuman"])
