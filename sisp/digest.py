"""The daily "Menunggu Anda" e-mail: to each active user with an address who has not turned it
off, once per working day, the same items as the portal panel (``sisp.queues.waiting_for``,
the one definition of "waiting"), as counts, labels and links only.

Never an entry's text: the panel names requesters, role holders and case numbers, which a
mailbox (forwarded, read on a shared phone, kept by the mail provider) must not hold. The
message says how many, of which kind, and where to act after signing in.

It goes out only while the office is open (``sisp.office_hours``, ``sisp.conf.office_hours()``)
on a working day (``sisp.workdays``, with the holiday calendar of ``sisp.holiday_calendar``).
``manage.py send_waiting_digest`` run outside that time queues the run as a task for the next
opening (``run_after``, as ``ppps.services.queue_aduan_mail`` does); the task checks the clock
again, so a worker that was down until the evening does not mail at night. ``DigestSent``
(unique per user and day) makes every run after the first send nothing more that day.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import audit, conf, holiday_calendar, queues, workdays
from .office_hours import OfficeHours, next_opening

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .models import User
    from .queues import Waiting

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What one run did. ``deferred_until``: the office was closed; the run waits until then
    (``queued`` says whether a task was queued for it)."""

    sent: int = 0
    already: int = 0
    failed: int = 0
    deferred_until: datetime | None = None
    queued: bool = False
    disabled: bool = False


def holidays_around(day: date) -> set[date]:
    # A year ahead is ample for the next opening; the day before covers a zone change of date.
    return set(
        holiday_calendar.holidays_between(day - timedelta(days=1), day + timedelta(days=400))
    )


def next_sending(now: datetime, hours: OfficeHours, holidays: Collection[date]) -> datetime:
    """``now`` when the office is open and it is a working day there, otherwise the first
    opening that falls on a working day (an office open on Saturdays still gets no digest then).
    """
    due = next_opening(now, hours, holidays)
    for _ in range(366 * 2):
        day = due.astimezone(hours.tz).date()
        if workdays.is_working_day(day, holidays):
            return due
        due = next_opening(
            datetime.combine(day + timedelta(days=1), time.min, hours.tz), hours, holidays
        )
    raise ValueError("no working day with office hours within two years")


def recipients() -> QuerySet[User]:
    from .models import User

    return (
        User.objects.filter(is_active=True, wants_digest=True)
        .exclude(email="")
        .select_related("office", "unit")
        .order_by("pk")
    )


def message_for(user: User, items: Sequence[Waiting], day: date) -> tuple[str, str]:
    """(subject, body) of ``user``'s digest for ``day``: labels, counts and links only."""
    base = conf.base_url()
    context = {
        "name": user.get_full_name() or user.username,
        "day": day,
        "items": [
            {"label": i.label, "count": i.count, "url": base + i.url, "urgent": i.urgent}
            for i in items
        ],
        "total": sum(i.count for i in items),
        "portal_url": base + reverse("sisp:portal"),
        "profile_url": base + reverse("sisp:profile"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("sisp/email/digest_subject.txt", context).strip()
        body = render_to_string("sisp/email/digest_body.txt", context)
    return subject, body


def send_digest(user: User, day: date) -> bool | None:
    """Send ``user`` their digest for ``day`` unless it went out already. Returns True when
    sent, False when nothing waits for them, None when already sent that day. The row, the
    audit entry and the message go together: a refused message leaves no row, so a later run
    tries again."""
    from .models import DigestSent

    items = queues.waiting_for(user)
    if not items:
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, day=day, items=sum(i.count for i in items))
        except IntegrityError:
            return None  # another run got there first
        audit.record("sisp.digest_sent", actor=None, obj=user, office=user.office, kinds=len(items))
        subject, body = message_for(user, items, day)
        send_mail(subject, body, None, [user.email])
    return True


def send_digests(now: datetime | None = None) -> Outcome:
    """One run: every recipient's digest if the office is open on a working day now,
    otherwise nothing but when to run (``Outcome.deferred_until``)."""
    from .models import DigestSent

    if not conf.digest_enabled():
        return Outcome(disabled=True)
    now = now or timezone.now()
    hours = conf.office_hours()
    day = now.astimezone(hours.tz).date()
    due = next_sending(now, hours, holidays_around(day))
    if due != now:
        return Outcome(deferred_until=due)
    earlier = DigestSent.objects.filter(day=day)
    pending = recipients().exclude(Exists(earlier.filter(user=OuterRef("pk"))))
    already = earlier.count()
    sent = failed = 0
    for user in pending.iterator(chunk_size=200):
        try:
            result = send_digest(user, day)
        except Exception:  # one refused address must not stop everybody else's digest
            log.exception("Waiting digest for user %s failed", user.pk)
            failed += 1
            continue
        sent += result is True
        already += result is None
    return Outcome(sent=sent, already=already, failed=failed)


def dispatch_digests(now: datetime | None = None) -> Outcome:
    """Send now, or queue the run for the next opening on a working day. What the command and
    the task both call; returns the ``Outcome``."""
    from .tasks import send_waiting_digests

    outcome = send_digests(now)
    if outcome.deferred_until is None:
        return outcome
    task = send_waiting_digests
    if not task.get_backend().supports_defer:
        return outcome
    task = task.using(run_after=outcome.deferred_until)
    transaction.on_commit(task.enqueue)
    return Outcome(deferred_until=outcome.deferred_until, queued=True)
