from django.core.management.base import BaseCommand, CommandError

from sisp import dbroles


class Command(BaseCommand):
    help = (
        "Print (or with --execute, run as the owner role) the Postgres GRANTs of the app's "
        "run-time role: rows of ordinary tables, only SELECT/INSERT on the append-only tables, "
        "no TRUNCATE, no ownership. Run it after every migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="name of the run-time role, e.g. sisp_app")
        parser.add_argument(
            "--execute",
            action="store_true",
            help="run the statements on DATABASE_URL (connected as the owner role)",
        )

    def handle(self, *args, role, execute, **options):
        try:
            statements = dbroles.grant_runtime_role(role, execute=execute)
        except dbroles.RoleError as exc:
            raise CommandError(str(exc)) from exc
        if not execute:
            self.stdout.write("\n".join(f"{s};" for s in statements))
            return
        tables = ", ".join(dbroles.append_only_tables())
        self.stdout.write(
            f"Peran {role}: {len(statements)} perintah dijalankan; hanya SELECT/INSERT pada {tables}."
        )
