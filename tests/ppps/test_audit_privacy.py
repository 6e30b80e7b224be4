"""A case party's name and NIK never reach the audit trail: not through the services, the
documents, nor an admin log entry naming the party."""

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType

from ppps import services
from ppps.models import Pihak
from sisp import audit
from sisp.models import AuditEvent

pytestmark = pytest.mark.django_db

NAME = "Sutrisno Wibowo"
NIK = "3516012345678901"


def test_saving_parties_writes_their_role_never_their_name_or_nik(make_perkara, petugas):
    perkara = make_perkara()
    for peran in (Pihak.Peran.TERLAPOR, Pihak.Peran.SAKSI):
        services.save_pihak(perkara, Pihak(peran=peran, nama=NAME, nik=NIK), user=petugas)
    events = AuditEvent.objects.filter(action="ppps.pihak_save")
    assert {e.detail["peran"] for e in events} == {"terlapor", "saksi"}
    text = " ".join(f"{e.object_repr} {e.detail}" for e in AuditEvent.objects.all())
    assert NAME not in text and "Sutrisno" not in text and NIK not in text


def test_a_party_named_in_the_trail_is_named_by_role_and_id(make_perkara, petugas):
    perkara = make_perkara()
    pihak = services.save_pihak(perkara, Pihak(peran="saksi", nama=NAME, nik=NIK), user=petugas)
    event = audit.record("test.pihak", actor=petugas, obj=pihak)
    assert event.object_repr == f"Saksi #{pihak.pk} (perkara #{perkara.pk})"
    content_type = ContentType.objects.get_for_model(Pihak)
    for flag, pk in ((CHANGE, pihak.pk), (DELETION, 99999)):
        LogEntry.objects.create(
            user=petugas,
            content_type=content_type,
            object_id=str(pk),
            object_repr=str(pihak),
            action_flag=flag,
            change_message="[]",
        )
    names = set(
        AuditEvent.objects.filter(action__in=["admin.change", "admin.delete"]).values_list(
            "object_repr", flat=True
        )
    )
    assert names == {f"Saksi #{pihak.pk} (perkara #{perkara.pk})", "Pihak #99999"}
