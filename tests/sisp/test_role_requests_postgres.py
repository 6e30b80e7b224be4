import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.urls import reverse

from sisp import roles, services
from sisp.models import AuditEvent, RoleRequest, User
from tests.conftest import SispClient


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need Postgres")
@pytest.mark.django_db(transaction=True)
def test_two_ketua_deciding_at_once_give_one_decision_only(make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office, is_staff=True)
    target = make_user(roles.STAF, office=office)
    deciders = [make_user(roles.KETUA, office=office) for _ in range(2)]
    pending = services.file_role_request(
        user=target,
        role=Group.objects.get(name=roles.PENGAWAS_INTERNAL),
        reason="Audit",
        requested_by=admin,
    )
    url = reverse("sisp:role_request_decide", args=[pending.pk])
    barrier = threading.Barrier(2)
    statuses, errors = [], []

    def decide(user, decision):
        try:
            client = SispClient()  # a Ketua signs in with the second factor, as in real life
            client.force_login(user)
            barrier.wait()
            statuses.append(client.post(url, {"decision": decision}).status_code)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(deciders[0], "setujui")),
        threading.Thread(target=decide, args=(deciders[1], "tolak")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert statuses == [302, 302]
    pending.refresh_from_db()
    events = list(AuditEvent.objects.filter(action__in=["role.approve", "role.reject"]))
    assert len(events) == 1
    assert events[0].actor_id == pending.decided_by_id
    got_role = User.objects.get(pk=target.pk).has_role(roles.PENGAWAS_INTERNAL)
    assert got_role == (pending.status == RoleRequest.Status.APPROVED)
    assert pending.status != RoleRequest.Status.PENDING
