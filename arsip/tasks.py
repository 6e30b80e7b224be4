"""Background work of E-Arsip (django-tasks; the database worker runs it in production)."""

from django_tasks import task


@task()
def extract_text(berkas_digital_id):
    """Extract the text of one stored file version and refresh its record's search index."""
    from .services import extract_and_index

    extract_and_index(berkas_digital_id)
