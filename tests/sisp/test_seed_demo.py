import pytest
from django.core.management import CommandError, call_command

from sisp import roles
from sisp.models import Link, Office, User

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_gives_one_user_per_role_in_two_offices_and_can_run_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    kota = Office.objects.get(slug="kota-mojokerto")
    kab = Office.objects.get(slug="kab-mojokerto")
    assert kota.parent == kab.parent and kota.parent.level == Office.Level.PROVINSI
    for office in (kota, kab):
        for role in roles.ALL_ROLES:
            assert User.objects.filter(office=office, groups__name=role).count() == 1, role
    assert Link.objects.filter(office=kota).count() == Link.objects.filter(office=kab).count() > 0
    assert User.objects.get(username="staf.kota").check_password("sisp-demo-2026")
