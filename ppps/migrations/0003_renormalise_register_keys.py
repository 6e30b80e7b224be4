"""Recompute every case's lookup key after normalise_register() learned to treat dots,
dashes, Unicode spaces and slash look-alikes as separators (issue 12)."""

from django.db import migrations


def renormalise(apps, schema_editor):
    from ppps.register import normalise_register

    Perkara = apps.get_model("ppps", "Perkara")
    changed = []
    for perkara in Perkara.objects.exclude(nomor_register="").only(
        "pk", "nomor_register", "nomor_kunci"
    ):
        key = normalise_register(perkara.nomor_register)
        if key != perkara.nomor_kunci:
            perkara.nomor_kunci = key
            changed.append(perkara)
    Perkara.objects.bulk_update(changed, ["nomor_kunci"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("ppps", "0002_reference_data_and_history_guard")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
