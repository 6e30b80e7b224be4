"""The user's own profile page: who SISP knows them as, and their choice of the daily digest
(default on; turning it off is audited; a save from an outdated page is refused)."""

import pytest
from django.urls import reverse

from sisp import roles
from sisp.models import AuditEvent, User

pytestmark = pytest.mark.django_db
URL = reverse("sisp:profile")


@pytest.fixture
def pegawai(make_user, office, unit):
    return make_user(roles.STAF, office=office, unit=unit, email="pegawai@x.test")


def stored(user):
    return User.objects.filter(pk=user.pk).values_list("wants_digest", flat=True).get()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("sisp:login") in response["Location"]


def test_the_digest_is_on_by_default_and_the_page_says_so(
    client, pegawai, django_assert_max_num_queries
):
    client.force_login(pegawai)
    with django_assert_max_num_queries(12):
        body = client.get(URL).content.decode()
    assert 'id="id_wants_digest" checked>' in body
    assert "pegawai@x.test" in body
    assert 'name="was" value="True"' in body


def test_turning_it_off_is_kept_and_audited(client, pegawai):
    client.force_login(pegawai)
    response = client.post(URL, {"was": "True"})  # the box left unticked
    assert response.status_code == 302
    assert stored(pegawai) is False
    event = AuditEvent.objects.get(action="sisp.digest_preference")
    assert event.actor == pegawai and event.detail == {"wants": False}
    assert 'name="was" value="False"' in client.get(URL).content.decode()


def test_a_save_from_an_outdated_page_is_refused_and_changes_nothing(client, pegawai):
    User.objects.filter(pk=pegawai.pk).update(wants_digest=False)  # changed in another tab
    client.force_login(pegawai)
    response = client.post(URL, {"was": "True", "wants_digest": "on"})
    assert response.status_code == 200
    assert "sudah diubah di jendela atau perangkat lain" in response.content.decode()
    assert stored(pegawai) is False
    assert not AuditEvent.objects.filter(action="sisp.digest_preference").exists()
    # The page now carries the stored value: the next save goes through.
    assert 'name="was" value="False"' in response.content.decode()
    client.post(URL, {"was": "False", "wants_digest": "on"})
    assert stored(pegawai) is True


def test_a_user_without_an_address_is_told_why_no_digest_comes(client, make_user, office):
    user = make_user(roles.STAF, office=office)
    client.force_login(user)
    assert "Surel Anda belum tercatat" in client.get(URL).content.decode()
