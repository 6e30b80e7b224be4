"""Full-text search over a record's metadata and the text inside its files.

Postgres: a stored tsvector column (``Naskah.search_vector``, config "indonesian", GIN index
from migration 0003). SQLite: an FTS5 table ``arsip_naskah_fts`` (rowid = naskah id) kept by
``index_naskah``. Both are fed the same normalised text: lower case, accents dropped, and every segment with
inner punctuation indexed both as its parts and as one compact token, so
"197/PM.00.02/K.JI-11.07/06/2024" is indexed as ``197 pm 00 02 pm0002 k ji 11 07 kji1107 06
2024``. A query segment with inner punctuation is searched by its compact token
(``PM.00.02`` -> ``pm0002``, one selective GIN lookup instead of a slow phrase match), so a
letter number or a filing code matches however it is typed (case, dots, dashes).

This module never decides who may see what: callers pass ``Naskah.objects.visible_to(user)``.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Value
from django.db.models.expressions import RawSQL

from . import conf

FTS_TABLE = "arsip_naskah_fts"
_TOKEN = re.compile(r"[0-9a-z]+")
# Letter numbers are '/'-separated segments; whitespace separates words.
_SEGMENT = re.compile(r"[^\s/\\]+")
# tsvector holds at most 1 MB; positions past 16,383 are clamped anyway.
MAX_INDEXED_CHARS = 200_000


def _fold(text):
    return unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()


def tokens(text):
    """Lower-case ASCII word and number tokens; punctuation and accents dropped."""
    return _TOKEN.findall(_fold(text))


def _segments(text):
    for segment in _SEGMENT.findall(_fold(text)):
        parts = _TOKEN.findall(segment)
        if parts:
            yield parts


def normalise(text):
    """The indexed form of a text: every token, plus the compact token of each segment that
    had inner punctuation."""
    out = []
    for parts in _segments(text):
        out.extend(parts)
        if len(parts) > 1:
            out.append("".join(parts))
    return " ".join(out)


# A light Indonesian stemmer for SQLite only (Postgres has the Snowball "indonesian" one).
# Crude on purpose: the same function runs on the document and on the query, so it only has
# to be consistent, e.g. pengawasan / mengawasi / diawasi -> awas.
_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
_PREFIXES = (
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "peng",
    "peny",
    "pem",
    "pen",
    "per",
    "pe",
    "di",
    "ter",
    "ber",
    "be",
    "ke",
    "se",
)


def stem(word):
    if len(word) <= 4 or not word.isalpha():
        return word
    for group in (_PARTICLES, _POSSESSIVES, _SUFFIXES):
        for suffix in group:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


def _terms(query):
    """The query's search tokens: one per segment, compact when it had inner punctuation."""
    return ["".join(parts) for parts in _segments(query)][:20]


def has_terms(query):
    return bool(_terms(query))


def file_description_for(naskah):
    """The file's description if it may be indexed with this record: the description was
    made from the file's first record, so it is indexed only into records of that record's
    class, or everywhere when that record is Biasa (older files copied the first record's
    subject whatever its class)."""
    first = (
        naskah.berkas.naskah.order_by("nomor_item").values_list("kelas_id", "kelas__kode").first()
    )
    if first is None or first[0] == naskah.kelas_id or first[1] == "B":
        return naskah.berkas.uraian
    return ""


def document_parts(naskah, texts):
    """(weight A, weight B, weight C) texts of a record for the index."""
    a = " ".join([naskah.nomor_surat, naskah.perihal])
    b = " ".join(
        [
            naskah.klasifikasi.kode,
            naskah.klasifikasi.nama,
            naskah.dari,
            naskah.kepada,
            naskah.keterangan,
            naskah.berkas.nomor_berkas,
            file_description_for(naskah),
            naskah.get_jenis_display(),
        ]
    )
    c = " ".join(texts)[:MAX_INDEXED_CHARS]
    return normalise(a), normalise(b), normalise(c)


def index_naskah(naskah):
    """(Re)write the search document of one record from its metadata and extracted texts."""
    from .models import Naskah

    texts = list(naskah.versi.filter(dimusnahkan_pada__isnull=True).values_list("teks", flat=True))
    a, b, c = document_parts(naskah, texts)
    if connection.vendor == "postgresql":
        config = conf.search_config()
        Naskah.objects.filter(pk=naskah.pk).update(
            search_vector=SearchVector(Value(a), config=config, weight="A")
            + SearchVector(Value(b), config=config, weight="B")
            + SearchVector(Value(c), config=config, weight="C")
        )
    elif connection.vendor == "sqlite":
        body = " ".join(stem(t) for t in f"{a} {b} {c}".split())
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [naskah.pk])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (%s, %s)",  # noqa: S608
                [naskah.pk, body],
            )


def index_berkas(berkas_id):
    """Re-index every record of a file: its number and description are indexed with each
    record, and which records get the description depends on the class of the first one."""
    from .models import Naskah

    for naskah in Naskah.objects.filter(berkas_id=berkas_id).select_related(
        "klasifikasi", "berkas"
    ):
        index_naskah(naskah)


def index_klasifikasi(klasifikasi_id):
    """Re-index every record filed under a filing code (its code and name are indexed).
    Returns the number of records; run in the background after a code is renamed."""
    from .models import Naskah

    count = 0
    for naskah in (
        Naskah.objects.filter(klasifikasi_id=klasifikasi_id)
        .select_related("klasifikasi", "berkas")
        .iterator(chunk_size=500)
    ):
        index_naskah(naskah)
        count += 1
    return count


def unindex_naskah(pk):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])  # noqa: S608


def _pg_query(terms):
    # Only [0-9a-z] tokens reach the raw tsquery, so nothing the user types is syntax.
    return SearchQuery(" & ".join(terms), config=conf.search_config(), search_type="raw")


def _fts_match(terms):
    return " AND ".join(f'"{stem(t)}"' for t in terms)


def search(queryset, query, *, rank=False):
    """Narrow ``queryset`` (already ``visible_to``) to records matching ``query``; with
    ``rank`` annotate a relevance score (Postgres ts_rank; 0 on SQLite)."""
    terms = _terms(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        sq = _pg_query(terms)
        queryset = queryset.filter(search_vector=sq)
        if rank:
            queryset = queryset.annotate(rank=SearchRank(F("search_vector"), sq))
        return queryset
    # The table name is a constant and the MATCH expression is a bound parameter.
    match = RawSQL(  # noqa: S611
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
        [_fts_match(terms)],
    )
    queryset = queryset.filter(pk__in=match)
    if rank:
        queryset = queryset.annotate(rank=Value(0.0))
    return queryset
