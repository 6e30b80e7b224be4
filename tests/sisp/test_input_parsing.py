"""Query parameters of SISP's own pages are read by form fields (or used as text only): odd
values, as each kind of reader, never answer 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sisp import roles
from sisp.models import AuditEvent

ODD = ["²", "1e5000", "999999999999999999999", "-1", "nan", "1" * 5000, "1\x00", "", " ", "%"]
ODD_VALUES = st.one_of(st.sampled_from(ODD), st.text(max_size=40), st.integers().map(str))
HYPOTHESIS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Every page of sisp/ that reads the query string, with the parameters it reads.
AUDIT_FILTERS = ["q", "action", "date_from", "date_to", "halaman"]
PAGES = [
    ("sisp:home", ["q"]),
    ("sisp:login", ["next", "sesi"]),
    ("sisp:portal", ["q"]),
    ("sisp:audit_list", AUDIT_FILTERS),
    ("sisp:audit_export", AUDIT_FILTERS),
    ("sisp:click_stats", ["tahun"]),
    ("sisp:click_stats_xlsx", ["tahun"]),
]


@pytest.fixture
def readers(make_user, office, unit, staf, admin_user_sisp):
    """No sign-in, a staff member, the office's Administrator, its Pengawas Internal."""
    auditor = make_user(roles.PENGAWAS_INTERNAL, office=office, unit=unit)
    return [None, staf, admin_user_sisp, auditor]


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@HYPOTHESIS
@given(value=ODD_VALUES, name=st.sampled_from(PAGES))
def test_property_odd_query_parameters_of_sisp_pages_never_answer_500(
    client, office, readers, value, name
):
    url_name, params = name
    for user in readers:
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(reverse(url_name), dict.fromkeys(params, value))
        assert response.status_code in (200, 302, 400, 403, 404), (url_name, user, value)
        _body(response)  # a streamed export is read to its end


@pytest.mark.parametrize("value", ["²", "1e5000", "1\x00", "2024-13-45"])
def test_odd_audit_filters_are_ignored_and_the_trail_is_still_shown(
    client, office, admin_user_sisp, value
):
    AuditEvent.objects.create(action="auth.login", office=office, actor_username="budi")
    client.force_login(admin_user_sisp)
    response = client.get(
        reverse("sisp:audit_list"),
        {"date_from": value, "date_to": value, "halaman": value, "action": "auth.login"},
    )
    assert response.status_code == 200
    assert not response.context["form"].is_valid()
    assert "budi" in response.text


@pytest.mark.parametrize("value", ["²", "1e5000", "999999999999"])
def test_an_odd_year_of_the_click_statistics_is_a_400_showing_this_year(
    client, admin_user_sisp, value
):
    from django.utils import timezone

    client.force_login(admin_user_sisp)
    response = client.get(reverse("sisp:click_stats"), {"tahun": value})
    assert response.status_code == 400
    assert response.context["form"].errors["tahun"]
    assert response.context["year"] == timezone.localdate().year
    xlsx = client.get(reverse("sisp:click_stats_xlsx"), {"tahun": value})
    assert xlsx.status_code == 400
    assert xlsx["Content-Type"].startswith("text/html")
