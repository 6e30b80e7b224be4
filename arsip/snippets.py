"""Why a search result matched: a short highlighted snippet, and the first page's preview.

A snippet is cut (Postgres ``ts_headline``, SQLite FTS5 ``snippet()``) from the text *this
reader may read of this record*, assembled here field by field, never from the search
document (which also holds words the reader may not read, e.g. text of the record's
destroyed versions):

- the record's own metadata, the fields the record page shows;
- the file's description only when it is indexed with this record
  (``search.file_description_for``: a description taken from a classified first record is
  not shown with records of another class);
- the extracted text of its live versions, only when its class lets the reader open the
  file straight away: a class that asks for a purpose before download (Rahasia, Sangat
  Rahasia) keeps its file text behind that form, so the snippet and the preview show none
  of it.

Nothing of another record (another item of the same file) is read. Callers pass rows that
came through ``Naskah.objects.visible_to(user)``; this module never widens that door.
"""

import html

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Substr
from django.utils.safestring import mark_safe

from . import conf, search

# Markers put around matched words by the database, replaced by <mark> after escaping. They
# are control characters, removed from the text first, so no typed text can forge one.
_START, _STOP = "\x02", "\x03"
_STRIP = {ord(_START): " ", ord(_STOP): " ", 0: " "}
SNIPPET_TABLE = "arsip_snippet_tmp"


def _headline_words(query):
    """The words to highlight: every token of the query and the compact token of each
    punctuated segment (a letter number is matched by either)."""
    words = []
    for parts in search._segments(query):
        words.extend(parts)
        if len(parts) > 1:
            words.append("".join(parts))
    return list(dict.fromkeys(words))[:40]


def _first_items(berkas_ids):
    """{berkas id: (class id, class code) of its first item}, in one query."""
    from .models import Berkas, Naskah

    first = Naskah.objects.filter(berkas_id=OuterRef("pk")).order_by("nomor_item")
    rows = (
        Berkas.objects.filter(pk__in=berkas_ids)
        .annotate(
            first_kelas=Subquery(first.values("kelas_id")[:1]),
            first_kode=Subquery(first.values("kelas__kode")[:1]),
        )
        .values_list("pk", "first_kelas", "first_kode")
    )
    return {pk: (kelas_id, kode) for pk, kelas_id, kode in rows}


def _description_shown(naskah, first_items):
    """``search.file_description_for`` for a page of rows (same rule, one query)."""
    first_kelas, first_kode = first_items.get(naskah.berkas_id, (None, None))
    if first_kelas is None or first_kelas == naskah.kelas_id or first_kode == "B":
        return naskah.berkas.uraian
    return ""


def readable_text(naskah, description, texts):
    """The text of a record the reader may read, in the order a snippet prefers."""
    parts = [
        naskah.perihal,
        naskah.nomor_surat,
        naskah.dari,
        naskah.kepada,
        naskah.keterangan,
        f"{naskah.klasifikasi.kode} {naskah.klasifikasi.nama}",
        naskah.berkas.nomor_berkas,
        description,
    ]
    if not naskah.kelas.wajib_tujuan:
        parts.extend(texts)
    return " — ".join(p.translate(_STRIP).strip() for p in parts if p and p.strip())


def _render(raw):
    escaped = html.escape(raw.strip())
    return mark_safe(  # noqa: S308 - escaped above; only our markers become tags
        escaped.replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


def _pg_headlines(docs, words):
    config = conf.search_config()
    tsquery = " | ".join(words)  # [0-9a-z] tokens only: nothing typed is syntax
    options = (
        f'StartSel="{_START}", StopSel="{_STOP}", MaxWords=22, MinWords=10, '
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.i, ts_headline(%s::regconfig, d.doc, "
            "to_tsquery(%s::regconfig, %s), %s) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS d(doc, i)",
            [config, config, tsquery, options, docs],
        )
        by_index = dict(cursor.fetchall())
    return [by_index.get(i + 1, "") for i in range(len(docs))]


def _sqlite_headlines(docs, words):
    match = " OR ".join(
        f'"{w}"' + (f' OR "{search.stem(w)}"*' if search.stem(w) != w else "") for w in words
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{SNIPPET_TABLE} USING "
            "fts5(body, tokenize='unicode61 remove_diacritics 2')"
        )
        cursor.execute(f"DELETE FROM temp.{SNIPPET_TABLE}")  # noqa: S608
        cursor.executemany(
            f"INSERT INTO temp.{SNIPPET_TABLE}(rowid, body) VALUES (%s, %s)",  # noqa: S608
            list(enumerate(docs, start=1)),
        )
        cursor.execute(
            f"SELECT rowid, snippet({SNIPPET_TABLE}, 0, %s, %s, ' … ', 20) "  # noqa: S608
            f"FROM temp.{SNIPPET_TABLE} WHERE {SNIPPET_TABLE} MATCH %s",
            [_START, _STOP, match],
        )
        by_index = dict(cursor.fetchall())
    # A record matched only through a stemmed form FTS5 does not see: its text's beginning.
    return [by_index.get(i) or " ".join(doc.split()[:20]) for i, doc in enumerate(docs, start=1)]


def annotate_results(rows, query):
    """Set ``cuplikan`` (a safe HTML snippet, or "") and ``pratinjau_versi`` (the version
    whose first-page preview may be shown, or None) on each of a result page's rows.
    Three queries on Postgres (five on SQLite), whatever the page size; one fewer for rows
    that carry ``first_item_kelas`` (``NaskahQuerySet.with_first_item_kelas``)."""
    from .models import BerkasDigital

    rows = list(rows)
    for naskah in rows:
        naskah.cuplikan = ""
        naskah.pratinjau_versi = None
    if not rows:
        return rows
    cap = conf.snippet_source_chars()
    words = _headline_words(query or "")
    versions = (
        BerkasDigital.objects.filter(
            naskah_id__in=[n.pk for n in rows], dimusnahkan_pada__isnull=True
        )
        .order_by("naskah_id", "-versi")
        .annotate(teks_awal=Substr("teks", 1, cap))
        .values_list("naskah_id", "versi", "pratinjau", "teks_awal")
    )
    texts, newest_preview = {}, {}
    for naskah_id, versi, pratinjau, teks in versions:  # newest version first
        texts.setdefault(naskah_id, []).append(teks)
        if pratinjau:
            newest_preview.setdefault(naskah_id, versi)
    for naskah in rows:
        # A class that asks for a purpose keeps its file behind the purpose form.
        if not naskah.kelas.wajib_tujuan:
            naskah.pratinjau_versi = newest_preview.get(naskah.pk)
    if not words:
        return rows
    if all(hasattr(n, "first_item_kelas") for n in rows):  # the list page's rows carry it
        first_items = {n.berkas_id: (n.first_item_kelas, n.first_item_kode) for n in rows}
    else:
        first_items = _first_items({n.berkas_id for n in rows})
    docs = [
        readable_text(n, _description_shown(n, first_items), texts.get(n.pk, []))[: cap * 2]
        for n in rows
    ]
    if connection.vendor == "postgresql":
        headlines = _pg_headlines(docs, words)
    else:
        headlines = _sqlite_headlines(docs, words)
    for naskah, raw in zip(rows, headlines, strict=True):
        naskah.cuplikan = _render(raw) if raw else ""
    return rows
