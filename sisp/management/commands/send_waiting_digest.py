from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sisp import conf
from sisp.digest import dispatch_digests


class Command(BaseCommand):
    help = (
        'E-mail each user the count of what waits for them ("Menunggu Anda"), once a working '
        "day, in office hours; run outside them, it queues the run for the next opening."
    )

    def handle(self, *args, **options):
        outcome = dispatch_digests()
        if outcome.disabled:
            self.stdout.write("Waiting digest: off (SISP_DIGEST_ENABLED).")
            return
        if outcome.deferred_until is not None:
            when = timezone.localtime(outcome.deferred_until, conf.office_hours().tz)
            if not outcome.queued:
                raise CommandError(
                    f"Office closed until {when:%Y-%m-%d %H.%M}, and the task backend cannot "
                    "defer a task: run this command within office hours."
                )
            self.stdout.write(f"Waiting digest: office closed, queued for {when:%Y-%m-%d %H.%M}.")
            return
        self.stdout.write(
            f"Waiting digest: {outcome.sent} e-mail(s) sent, {outcome.already} already sent "
            f"today, {outcome.failed} failed."
        )
        if outcome.failed:
            raise CommandError(f"{outcome.failed} digest(s) could not be sent (see the log).")
