"""The audit page and its CSV show labels and formatted values, not codes (issue 14 part 6)."""

import csv
import io
import json

from django.urls import reverse

from sisp import audit, roles
from tests.factories import LinkFactory


def _audit_page(client, reader):
    """The trail's table (the filter's options carry the codes as their values)."""
    client.force_login(reader)
    body = client.get(reverse("sisp:audit_list")).content.decode()
    return body[body.index("<tbody>") : body.index("</tbody>")]


def test_audit_page_shows_the_action_label_and_not_its_code(client, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    audit.record("auth.login", actor=admin)
    body = _audit_page(client, admin)
    assert "Masuk" in body and "auth.login" not in body


def test_a_portal_link_is_named_by_kind_and_title_not_by_model_and_id(client, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    link = LinkFactory(office=office, title="Kepegawaian")
    audit.record("portal.link_delete", actor=admin, obj=link, url="https://x.example")
    body = _audit_page(client, admin)
    assert "Tautan portal «Kepegawaian»" in body
    assert "sisp.Link" not in body and f"#{link.pk}" not in body
    assert "Alamat tautan: https://x.example" in body and "url:" not in body


def test_detail_keys_are_labels_and_numbers_indonesian(
    client, make_user, office, django_assert_max_num_queries
):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    audit.record("abk_anjab.save", actor=admin, kebutuhan_mentah="1.2393", kebutuhan=2)
    audit.record("arsip.download", actor=admin, versi=2, sha256="ab" * 32, bertanda=True)
    client.force_login(admin)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("sisp:audit_list")).content.decode()
    body = body[body.index("<tbody>") : body.index("</tbody>")]
    assert "Kebutuhan pegawai (sebelum pembulatan): 1,24" in body
    assert "kebutuhan_mentah" not in body and "1.2393" not in body
    assert f"Sidik jari dokumen elektronik (SHA-256): {'ab' * 32}" in body
    assert "sha256:" not in body and "Dibubuhi tanda pengunduh: ya" in body
    assert "Mengunduh dokumen elektronik" in body and "arsip.download" not in body


def test_csv_has_labelled_columns_and_keeps_the_exact_values(client, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    audit.record("abk_anjab.save", actor=admin, kebutuhan_mentah="1.2393")
    client.force_login(admin)
    response = client.get(reverse("sisp:audit_export"), {"action": "abk_anjab"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["Tindakan"] == "Menyimpan analisis jabatan"
    assert row["Kode tindakan"] == "abk_anjab.save"
    assert row["Rincian"] == "Kebutuhan pegawai (sebelum pembulatan): 1,24"
    assert json.loads(row["Rincian (data asli, JSON)"]) == {"kebutuhan_mentah": "1.2393"}


def test_admin_list_and_entry_of_the_trail_show_labels(client, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office, is_staff=True)
    link = LinkFactory(office=office, title="Kepegawaian")
    event = audit.record("portal.link_delete", actor=admin, obj=link, url="https://x.example")
    client.force_login(admin)
    listing = client.get(reverse("admin:sisp_auditevent_changelist")).content.decode()
    assert "Menghapus tautan" in listing and "Tautan portal «Kepegawaian»" in listing
    assert "portal.link_delete" not in listing.replace("?action=portal.link_delete", "")
    entry = client.get(reverse("admin:sisp_auditevent_change", args=[event.pk])).content.decode()
    assert "Alamat tautan: https://x.example" in entry


def test_the_action_filter_offers_labels_and_filters_by_module_or_one_action(
    client, make_user, office
):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    audit.record("arsip.request", actor=admin)
    audit.record("arsip.request_decided", actor=admin)
    audit.record("auth.login", actor=admin)
    client.force_login(admin)
    page = client.get(reverse("sisp:audit_list")).content.decode()
    assert '<option value="arsip.request">Mengajukan permohonan akses</option>' in page
    assert '<optgroup label="E-Arsip">' in page

    def shown(action):
        body = client.get(reverse("sisp:audit_list"), {"action": action}).content.decode()
        return body[body.index("<tbody>") : body.index("</tbody>")]

    one = shown("arsip.request")
    assert "Mengajukan permohonan akses" in one and "Memutus permohonan akses" not in one
    module = shown("arsip")
    assert "Memutus permohonan akses" in module and "Masuk" not in module
