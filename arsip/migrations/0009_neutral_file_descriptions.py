"""Files opened by a record of a class other than Biasa copied that record's subject into
their description, which every record of the file shows. Give them the neutral description
new files get (the filing code's name and the year)."""

from django.db import migrations


def neutralise(apps, schema_editor):
    Berkas = apps.get_model("arsip", "Berkas")
    Naskah = apps.get_model("arsip", "Naskah")
    for berkas in Berkas.objects.select_related("klasifikasi").iterator():
        first = (
            Naskah.objects.filter(berkas_id=berkas.pk)
            .order_by("nomor_item")
            .select_related("kelas")
            .first()
        )
        if first is None or first.kelas.kode == "B" or berkas.uraian != first.perihal[:500]:
            continue
        year = (berkas.kurun_mulai or first.tanggal).year
        Berkas.objects.filter(pk=berkas.pk).update(uraian=f"{berkas.klasifikasi.nama} {year}"[:500])


class Migration(migrations.Migration):
    dependencies = [("arsip", "0008_kode_validator_any_case")]

    operations = [migrations.RunPython(neutralise, migrations.RunPython.noop)]
