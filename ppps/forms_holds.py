"""The form that links an archive record to a case (the record is then held, see
arsip/holds.py)."""

from django import forms

from sisp.forms import RowIdField


class ArsipLinkForm(forms.Form):
    naskah = RowIdField(
        label="ID naskah E-Arsip",
        help_text="Naskah yang terkait perkara ini tidak dapat dimusnahkan, diturunkan kelasnya, "
        "atau kehilangan versi selama perkara dan masa upaya hukumnya belum selesai.",
        error_messages={
            "invalid": "Isi ID naskah berupa angka.",
            "min_value": "Isi ID naskah berupa angka.",
            "max_value": "Isi ID naskah berupa angka.",
        },
    )
