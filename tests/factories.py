"""factory_boy factories shared by every app's tests."""

import factory
from django.contrib.auth.models import Group

from sisp import roles
from sisp.models import Link, LinkCategory, Office, Unit, User

DEFAULT_PASSWORD = "rahasia-uji-123"


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    name = factory.Sequence(lambda n: f"Bawaslu Kota Uji {n}")
    short_name = factory.LazyAttribute(lambda o: o.name.replace("Bawaslu ", ""))
    level = Office.Level.KOTA
    code = factory.Sequence(lambda n: f"K.UJ-{n:02d}")
    bawaslu_code = factory.Sequence(lambda n: f"{90 + n % 10:02d}.{n // 10 % 100:02d}")
    slug = factory.Sequence(lambda n: f"kota-uji-{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = Unit.Kind.DIVISI


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pegawai{n}")
    first_name = factory.Sequence(lambda n: f"Pegawai {n}")
    office = factory.SubFactory(OfficeFactory)
    unit = factory.LazyAttribute(lambda u: UnitFactory(office=u.office))
    jabatan = "Staf"
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """UserFactory(roles=["Ketua"]) puts the user in those role groups."""
        if create and extracted:
            roles.ensure_roles()
            self.groups.add(*Group.objects.filter(name__in=extracted))


class LinkCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LinkCategory

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Kategori {n}")


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Link
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    category = factory.LazyAttribute(lambda link: LinkCategoryFactory(office=link.office))
    title = factory.Sequence(lambda n: f"Layanan {n}")
    url = factory.Sequence(lambda n: f"https://layanan{n}.example.go.id/")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            roles.ensure_roles()
            self.roles.add(*Group.objects.filter(name__in=extracted))
