from django.core.management.base import BaseCommand, CommandError

from sisp.models import User
from sisp.twofactor import ResetRefused, reset_devices


class Command(BaseCommand):
    help = (
        "Reset a user's two-factor sign-in (lost phone): removes their authenticator and "
        "recovery codes so they enrol again; needs a second person (--approved-by)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Pengguna yang kehilangan perangkatnya.")
        parser.add_argument(
            "--approved-by",
            required=True,
            help="Orang kedua yang menyetujui: Ketua kantor pengguna itu atau Pengelola Instalasi.",
        )

    def handle(self, *args, username, approved_by, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Pengguna {username!r} tidak ada.")
        approver = User.objects.filter(username=approved_by).first()
        if approver is None:
            raise CommandError(f"Penyetuju {approved_by!r} tidak ada.")
        try:
            removed = reset_devices(user, approved_by=approver)
        except ResetRefused as exc:
            raise CommandError(f"Ditolak, tidak ada yang diubah: {exc}") from exc
        self.stdout.write(
            f"Verifikasi dua langkah {username} diatur ulang ({removed} perangkat dihapus, "
            f"disetujui {approved_by}); ia mendaftar lagi saat masuk berikutnya."
        )
