from django.db import migrations


def load(apps, schema_editor):
    from abk_anjab.reference import load_kode_syarat, load_nomenklatur

    # KBBI spelling (Inteligensi, Memengaruhi) and Indonesian temperamen names, codes unchanged.
    load_kode_syarat(apps.get_model("abk_anjab", "KodeSyarat"))
    load_nomenklatur(apps.get_model("abk_anjab", "NomenklaturJabatan"))


def unload(apps, schema_editor):
    from abk_anjab.reference import NOMENKLATUR_PELAKSANA

    names = [nama for nama, _ in NOMENKLATUR_PELAKSANA]
    model = apps.get_model("abk_anjab", "NomenklaturJabatan")
    model.objects.filter(nama__in=names, terkonfirmasi=False).delete()


class Migration(migrations.Migration):
    dependencies = [("abk_anjab", "0004_syarat_jabatan_and_nomenklatur")]

    operations = [migrations.RunPython(load, unload)]
