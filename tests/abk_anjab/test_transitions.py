"""A workflow step reads the status from the locked row, not from the caller's copy: two
reviewers acting on the same analysis at once cannot both move it."""

import threading

import pytest
from django.db import connection, connections

from abk_anjab import services
from abk_anjab.models import Anjab
from sisp.models import AuditEvent

pytestmark = pytest.mark.django_db


def steps(anjab, action):
    return AuditEvent.objects.filter(
        object_type="abk_anjab.Anjab", object_id=str(anjab.pk), action=action
    ).count()


def test_a_stale_copy_cannot_verify_what_was_already_verified(anjab, kasubag_adm, korsek):
    Anjab.objects.filter(pk=anjab.pk).update(status=Anjab.Status.DIAJUKAN)
    first, second = Anjab.objects.get(pk=anjab.pk), Anjab.objects.get(pk=anjab.pk)
    services.verify_anjab(first, user=kasubag_adm)
    with pytest.raises(services.WorkflowError):
        services.verify_anjab(second, user=korsek)
    anjab.refresh_from_db()
    assert anjab.diverifikasi_oleh == kasubag_adm
    assert steps(anjab, "abk_anjab.verify") == 1


def test_a_stale_copy_cannot_approve_what_was_returned_meanwhile(anjab, kasubag_adm, korsek):
    Anjab.objects.filter(pk=anjab.pk).update(status=Anjab.Status.DIVERIFIKASI)
    returning, approving = Anjab.objects.get(pk=anjab.pk), Anjab.objects.get(pk=anjab.pk)
    services.return_anjab(returning, user=kasubag_adm, note="Volume tugas 2 keliru.")
    with pytest.raises(services.WorkflowError):
        services.approve_anjab(approving, user=korsek)
    anjab.refresh_from_db()
    assert anjab.status == Anjab.Status.DRAF
    assert anjab.disetujui_oleh is None
    assert steps(anjab, "abk_anjab.approve") == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need Postgres")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_verifications_move_the_analysis_once(anjab, kasubag_adm, korsek):
    Anjab.objects.filter(pk=anjab.pk).update(status=Anjab.Status.DIAJUKAN)
    copies = [Anjab.objects.get(pk=anjab.pk) for _ in range(2)]
    barrier = threading.Barrier(2)
    done, refused, errors = [], [], []

    def verify(copy, user):
        try:
            barrier.wait()
            services.verify_anjab(copy, user=user)
            done.append(user)
        except services.WorkflowError:
            refused.append(user)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=verify, args=(copy, user))
        for copy, user in zip(copies, [kasubag_adm, korsek], strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(done) == 1 and len(refused) == 1
    anjab.refresh_from_db()
    assert anjab.diverifikasi_oleh == done[0]
    assert steps(anjab, "abk_anjab.verify") == 1


def test_the_service_itself_refuses_the_verifier_as_approver(anjab, korsek):
    Anjab.objects.filter(pk=anjab.pk).update(
        status=Anjab.Status.DIVERIFIKASI, diverifikasi_oleh=korsek
    )
    with pytest.raises(services.WorkflowError, match="empat mata"):
        services.approve_anjab(anjab, user=korsek)
    assert Anjab.objects.get(pk=anjab.pk).status == Anjab.Status.DIVERIFIKASI
