"""Background work of SISP's core (django-tasks)."""

from django_tasks import task


@task()
def send_waiting_digests():
    """The daily "Menunggu Anda" run queued by ``send_waiting_digest`` for the next opening.
    Checks the clock again: run late, after closing, it queues itself for the next opening.
    Safe to repeat (``DigestSent``). Returns how many e-mails were sent."""
    from .digest import dispatch_digests

    return dispatch_digests().sent
