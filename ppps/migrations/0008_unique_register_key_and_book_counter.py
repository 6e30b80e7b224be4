"""One counter per register book and year; one register number per normalised key and office
(an equivalent number would show two cases for one number on /cek/)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ppps", "0007_apply_law_to_stages_and_register_books"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="perkara",
            constraint=models.UniqueConstraint(
                condition=models.Q(("nomor_kunci", ""), _negated=True),
                fields=("office", "nomor_kunci"),
                name="perkara_unique_register_key_per_office",
            ),
        ),
        migrations.AddConstraint(
            model_name="registercounter",
            constraint=models.UniqueConstraint(
                fields=("office", "book", "year"), name="register_counter_unique_per_book"
            ),
        ),
    ]
