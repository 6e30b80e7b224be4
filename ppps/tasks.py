"""Background work of Info PPPS (django-tasks): emails to reporters and officers."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

logger = logging.getLogger(__name__)


def _send(subject, body, address, *, what):
    """Send one message; a failure is logged with ``what`` (a record's kind and id) and the
    error's type, never the address or the text, then raised so the task is marked failed."""
    try:
        send_mail(subject, body, None, [address])
    except Exception as exc:
        logger.error("E-mail for %s was not sent: %s", what, type(exc).__name__)
        raise


@task()
def notify_reporter(perkara_id, event_id):
    """Email the reporter(s) who gave an address that the public status of their case changed.
    Returns how many emails were sent. Only public facts go into the message."""
    from .models import Perkara, Pihak, RiwayatPerkara

    perkara = (
        Perkara.objects.select_related("tahapan", "status", "pemilihan")
        .filter(pk=perkara_id)
        .first()
    )
    event = RiwayatPerkara.objects.filter(
        pk=event_id, perkara_id=perkara_id, is_public=True
    ).first()
    if perkara is None or event is None:
        return 0
    addresses = sorted(
        set(
            Pihak.objects.filter(
                perkara=perkara, peran__in=[Pihak.Peran.PELAPOR, Pihak.Peran.PEMOHON]
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    context = {"perkara": perkara, "event": event}
    subject = render_to_string("ppps/email/status_subject.txt", context).strip()
    body = render_to_string("ppps/email/status_body.txt", context)
    for address in addresses:  # one message each: reporters never see each other's address
        _send(subject, body, address, what=f"perkara #{perkara_id} (riwayat #{event_id})")
    return len(addresses)


@task()
def send_aduan_mail(aduan_id, kind, status_url):
    """Email the complainant that their complaint was received (``kind`` "diterima") or
    answered ("dijawab"). Returns how many emails were sent (0 or 1). Queued by
    ``services.queue_aduan_mail`` to run within office hours; run outside them (a late
    worker), it queues itself again for the next opening and sends nothing now. The message never holds the PIN,
    the answer itself or the complaint's text: only where to read them."""
    from django.utils import timezone

    from . import aduan_receipt, services
    from .models import Aduan

    item = Aduan.objects.filter(pk=aduan_id).first()
    if item is None or not item.email or kind not in ("diterima", "dijawab"):
        return 0  # erased by anonymise_aduan meanwhile, or never given
    # Checked again when sent: a worker that was down overnight, or busy past closing time,
    # must not send at night the messages it should have sent by day. It waits again.
    now = timezone.now()
    if services.aduan_mail_due(now) != now and send_aduan_mail.get_backend().supports_defer:
        services.enqueue_aduan_mail(aduan_id, kind, status_url, now=now)
        return 0
    facts = aduan_receipt.receipt_facts(item)
    facts["status_url"] = status_url
    subject = render_to_string(f"ppps/email/aduan_{kind}_subject.txt", facts).strip()
    body = render_to_string(f"ppps/email/aduan_{kind}_body.txt", facts)
    _send(subject, body, item.email, what=f"aduan #{aduan_id} ({kind})")
    return 1
