"""An analysis's "Riwayat" names its steps in Indonesian, not by code (issue 14 part 6)."""

from django.urls import reverse

from sisp import audit
from tests.abk_anjab.conftest import CLERK_TASKS


def test_history_shows_the_step_label_not_the_action_code(client, make_anjab, jabatan, staf_adm):
    anjab = make_anjab(jabatan, tasks=CLERK_TASKS)
    # What submit_anjab writes (abk_anjab.services._transition).
    audit.record("abk_anjab.submit", actor=staf_adm, obj=anjab, dari="draf", ke="diajukan")
    client.force_login(staf_adm)
    body = client.get(reverse("abk_anjab:anjab", args=[anjab.pk])).content.decode()
    history = body[body.index("abk-history") :]
    assert "Mengajukan analisis jabatan" in history
    assert "abk_anjab.submit" not in history
