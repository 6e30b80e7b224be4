"""Background work of E-Arsip (django-tasks; the database worker runs it in production)."""

from django_tasks import task


@task()
def extract_text(berkas_digital_id):
    """Extract the text of one stored file version and refresh its record's search index."""
    from .services import extract_and_index

    extract_and_index(berkas_digital_id)


@task()
def reindex_klasifikasi(klasifikasi_id):
    """Re-index the records of a filing code after the code or its name changed."""
    from .search import index_klasifikasi

    return index_klasifikasi(klasifikasi_id)
