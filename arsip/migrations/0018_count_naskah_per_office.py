"""The per-office tallies of archive items (sisp/tallies.py) start from the records held."""

from django.db import migrations
from django.db.models import Count, Q

# The counter keys of Naskah.tally_counters, as they were when this migration was written.
KEYS = ("arsip.naskah", "arsip.naskah_musnah")


def count_naskah(apps, schema_editor):
    Naskah = apps.get_model("arsip", "Naskah")
    OfficeTally = apps.get_model("sisp", "OfficeTally")
    rows = (
        Naskah.objects.order_by()
        .values("office_id")
        .annotate(total=Count("pk"), musnah=Count("pk", filter=Q(status_retensi="musnah")))
    )
    OfficeTally.objects.filter(key__in=KEYS).delete()
    tallies = []
    for row in rows:
        for key, value in zip(KEYS, (row["total"], row["musnah"]), strict=True):
            if value:
                tallies.append(OfficeTally(office_id=row["office_id"], key=key, value=value))
    OfficeTally.objects.bulk_create(tallies)


def forget_counts(apps, schema_editor):
    apps.get_model("sisp", "OfficeTally").objects.filter(key__in=KEYS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("arsip", "0017_merge_search_preview"),
        ("sisp", "0009_office_tally"),
    ]

    operations = [migrations.RunPython(count_naskah, forget_counts)]
