from django.db import migrations


def load(apps, schema_editor):
    from abk_anjab.reference import load_kode_syarat

    load_kode_syarat(apps.get_model("abk_anjab", "KodeSyarat"))


def unload(apps, schema_editor):
    apps.get_model("abk_anjab", "KodeSyarat").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("abk_anjab", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
