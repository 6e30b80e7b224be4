"""Schema of the law deadlines (issue 11): tracks, limits in hours, register books. The data
follows in 0007 and the unique constraints in 0008: Postgres refuses to alter a table with
rows written in the same transaction."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ppps", "0005_merge_kept_uploads_and_history_kinds"),
        ("sisp", "0006_office_bawaslu_code"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="registercounter",
            name="register_counter_unique",
        ),
        migrations.AddField(
            model_name="perkara",
            name="batas_waktu_pada",
            field=models.DateTimeField(blank=True, null=True, verbose_name="batas waktu (jam)"),
        ),
        migrations.AddField(
            model_name="perkara",
            name="tahap_mulai_pada",
            field=models.DateTimeField(blank=True, null=True, verbose_name="tahapan dimulai (jam)"),
        ),
        migrations.AddField(
            model_name="registercounter",
            name="book",
            field=models.CharField(
                choices=[
                    ("laporan", "Laporan"),
                    ("temuan", "Temuan"),
                    ("sengketa", "Sengketa proses"),
                ],
                default="laporan",
                max_length=10,
                verbose_name="buku register",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="tahapan",
            name="jalur",
            field=models.CharField(
                choices=[
                    ("umum", "Penanganan umum"),
                    ("gakkumdu", "Sentra Gakkumdu (tindak pidana)"),
                    ("tsm", "Pelanggaran administratif TSM"),
                ],
                default="umum",
                max_length=10,
                verbose_name="jalur",
            ),
        ),
        migrations.AlterField(
            model_name="perkara",
            name="nomor_penerimaan",
            field=models.CharField(
                blank=True,
                help_text="Nomor pada tanda bukti yang diberikan kepada pelapor saat laporan (Formulir Model B.1) diterima; bukan nomor register.",
                max_length=100,
                verbose_name="nomor tanda bukti penyampaian laporan",
            ),
        ),
        migrations.AlterField(
            model_name="tahapan",
            name="day_type",
            field=models.CharField(
                choices=[("kalender", "hari kalender"), ("kerja", "hari kerja"), ("jam", "jam")],
                default="kalender",
                max_length=10,
                verbose_name="jenis hari",
            ),
        ),
        migrations.AlterField(
            model_name="tahapan",
            name="days",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Jumlah hari (atau jam bila jenis hari = jam). Kosong: tanpa batas waktu.",
                null=True,
                verbose_name="batas waktu",
            ),
        ),
    ]
