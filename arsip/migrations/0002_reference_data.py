"""Filing codes from data/klasifikasi_arsip.csv, the four security classes and the default
access matrix (loaders in arsip/reference_data.py; they only add what is missing)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from arsip.reference_data import load_all

    load_all(apps)


def backwards(apps, schema_editor):
    apps.get_model("arsip", "AksesMatrix").objects.all().delete()
    apps.get_model("arsip", "RetensiArsip").objects.all().delete()
    Klasifikasi = apps.get_model("arsip", "KlasifikasiArsip")
    # Children before parents (PROTECT on parent).
    for depth in (2, 1, 0):
        for k in Klasifikasi.objects.all():
            if k.kode.count(".") == depth:
                k.delete()
    apps.get_model("arsip", "KelasKeamanan").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("arsip", "0001_initial"),
        ("sisp", "0002_roles_and_audit_guard"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
