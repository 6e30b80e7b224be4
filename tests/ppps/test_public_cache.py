"""The rendered /cek/ result is cached per case (ppps/public_cache.py); a cached result never
outlives a change of its case, its history, its stage, status word, election or office, or the
installation's stage and holiday rules. Each test first looks the case up (filling the cache),
changes one thing through the path people use, and looks it up again."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from ppps import services
from ppps.models import HariLibur, Perkara, Pihak, RiwayatPerkara, StatusPerkara, Tahapan
from ppps.public import tanggal_id
from ppps.public_cache import RULES_KEY
from tests.ppps.test_shared_rules import form_data

pytestmark = pytest.mark.django_db
CEK = reverse("ppps_public:cek")


@pytest.fixture
def manager(make_user):
    return make_user(office=None, unit=None, is_staff=True, is_superuser=True, username="pengelola")


@pytest.fixture
def perkara(make_perkara, petugas):
    perkara = services.register_perkara(make_perkara(), user=petugas)
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")
    return services.move_to_stage(perkara, kajian, user=petugas)


def cek(client, perkara):
    response = client.get(CEK, {"nomor": perkara.nomor_register})
    assert response.status_code == 200
    return response.content.decode()


def _raw_update(perkara, ringkasan):
    """A write behind the ORM's back (raw SQL): no signal, no version renewed."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Perkara._meta.db_table} SET ringkasan_publik = %s WHERE id = %s",  # noqa: S608
            [ringkasan, perkara.pk],
        )


def test_a_second_lookup_is_served_from_the_cache_without_a_query(
    client, perkara, django_assert_num_queries
):
    cek(client, perkara)
    # Written behind the ORM's back: the cache still answers, so the tests below, which
    # change the case through the ORM, do test the invalidation.
    _raw_update(perkara, "Ringkasan diam-diam")
    with django_assert_num_queries(0):
        body = cek(client, perkara)
    assert perkara.nomor_register.split("/")[0] in body
    assert "Ringkasan diam-diam" not in body


def test_a_stage_move_shows_at_once(client, perkara, petugas):
    assert "Kajian dan putusan pleno" in cek(client, perkara)
    following = perkara.next_stage()
    services.move_to_stage(perkara, following, user=petugas)
    body = cek(client, perkara)
    assert f"tahap {following.name}" in body


def test_a_public_note_and_an_extension_show_at_once(client, perkara, petugas):
    cek(client, perkara)
    services.add_note(
        perkara, user=petugas, kind=RiwayatPerkara.Kind.CATATAN, catatan="Menunggu berkas.",
        is_public=True,
    )  # fmt: skip
    assert "Menunggu berkas." in cek(client, perkara)
    old = Perkara.objects.get(pk=perkara.pk).batas_waktu
    services.extend_deadline(
        perkara, user=petugas, catatan="Diperpanjang untuk keterangan tambahan.", is_public=True
    )
    body = cek(client, perkara)
    new = Perkara.objects.get(pk=perkara.pk).batas_waktu
    assert new > old and tanggal_id(new) in body
    assert "Diperpanjang untuk keterangan tambahan." in body


def test_edited_public_facts_and_a_new_terlapor_show_at_once(client, perkara, petugas):
    cek(client, perkara)
    perkara = Perkara.objects.get(pk=perkara.pk)
    perkara.ringkasan_publik = "Ringkasan baru untuk publik."
    services.update_public_facts(perkara, user=petugas, changed=["ringkasan_publik"])
    assert "Ringkasan baru untuk publik." in cek(client, perkara)
    services.save_pihak(
        perkara, Pihak(peran=Pihak.Peran.TERLAPOR, nama="Zainal Yusuf"), user=petugas
    )
    assert "Z.Y." in cek(client, perkara)


def test_an_event_written_outside_the_services_shows_at_once(client, perkara, petugas):
    """History is append-only; an event created by any path (a task, the shell) still renews
    its case's result through the post_save signal, not only through services.add_note."""
    cek(client, perkara)
    RiwayatPerkara.objects.create(
        perkara=perkara,
        office_id=perkara.office_id,
        kind=RiwayatPerkara.Kind.CATATAN,
        tanggal=timezone.localdate(),
        tahapan=perkara.tahapan,
        catatan="Dicatat langsung.",
        is_public=True,
        created_by=petugas,
    )
    assert "Dicatat langsung." in cek(client, perkara)


def _cached(client, perkara):
    """Looked up twice: the second answer is the kept page (no template rendered)."""
    cek(client, perkara)
    assert client.get(CEK, {"nomor": perkara.nomor_register}).context is None


def test_a_queryset_update_and_a_bulk_update_show_at_once(client, perkara):
    """Writes that send no signal renew the number's version (PerkaraQuerySet)."""
    _cached(client, perkara)
    Perkara.objects.filter(pk=perkara.pk).update(ringkasan_publik="Diubah lewat update().")
    assert "Diubah lewat update()." in cek(client, perkara)
    _cached(client, perkara)
    row = Perkara.objects.get(pk=perkara.pk)
    row.ringkasan_publik = "Diubah lewat bulk_update()."
    Perkara.objects.bulk_update([row], ["ringkasan_publik"])
    assert "Diubah lewat bulk_update()." in cek(client, perkara)


def test_history_events_created_in_bulk_show_at_once(client, perkara, petugas):
    _cached(client, perkara)
    RiwayatPerkara.objects.bulk_create(
        [
            RiwayatPerkara(
                perkara=perkara,
                office_id=perkara.office_id,
                kind=RiwayatPerkara.Kind.CATATAN,
                tanggal=timezone.localdate(),
                tahapan=perkara.tahapan,
                catatan="Dicatat bersama-sama.",
                is_public=True,
                created_by=petugas,
            )
        ]
    )
    assert "Dicatat bersama-sama." in cek(client, perkara)


def test_a_corrected_number_leaves_the_old_number_at_once(client, perkara):
    """The page kept under the old number must not outlive the case moving to a new one."""
    old = perkara.nomor_register
    _cached(client, perkara)
    row = Perkara.objects.get(pk=perkara.pk)
    row.nomor_register = old.replace("/Reg/", "/Reg/K/", 1)
    row.save()
    gone = client.get(CEK, {"nomor": old}).content.decode()
    assert 'id="tidak-ditemukan"' in gone
    assert old.split("/")[0] in cek(client, row) and 'id="tidak-ditemukan"' not in cek(client, row)


def test_a_second_case_under_the_same_number_shows_at_once(client, perkara, other_office):
    """Another office's case with an equal number joins the page, whether saved one by one or
    created in bulk (bulk_create calls no save() and sends no signal)."""
    from tests.factories import OfficeFactory

    _cached(client, perkara)
    twin = Perkara.objects.get(pk=perkara.pk)
    twin.pk, twin.office = None, other_office
    twin.save()
    body = cek(client, perkara)
    assert other_office.name in body and body.count('class="ppps-code"') == 2, body
    _cached(client, perkara)
    third_office = OfficeFactory(name="Bawaslu Kota Ketiga", code="K.TIGA", slug="ketiga")
    triplet = Perkara.objects.get(pk=perkara.pk)
    triplet.pk, triplet.office = None, third_office
    Perkara.objects.bulk_create([triplet])
    assert "Bawaslu Kota Ketiga" in cek(client, perkara)


def test_a_lost_version_makes_the_kept_page_stale(client, perkara):
    from django.core.cache import cache

    from ppps.public_cache import VERSION_KEY

    _cached(client, perkara)
    _raw_update(perkara, "Ringkasan sesudah versi hilang")
    cache.delete(VERSION_KEY.format(perkara.nomor_kunci))  # evicted, expired, Redis restarted
    assert "Ringkasan sesudah versi hilang" in cek(client, perkara)


def test_a_migration_makes_every_kept_page_stale(client, perkara):
    """A migration rewrites rows with its own historical models, past every signal."""
    from django.core.management import call_command

    _cached(client, perkara)
    _raw_update(perkara, "Ringkasan sesudah migrasi")
    call_command("migrate", verbosity=0)
    assert "Ringkasan sesudah migrasi" in cek(client, perkara)


def _lookup_miss(perkara):
    from django.test import RequestFactory

    from ppps.public_cache import cached_page

    request = RequestFactory().get(CEK, {"nomor": perkara.nomor_register})
    allowed, found = cached_page(request, perkara.nomor_kunci)
    assert allowed and found.page is None and found.page_key  # to be rendered and kept
    return found


OLD_PAGE = (b"<p>halaman lama</p>", {"Content-Type": "text/html; charset=utf-8"}, None)


def test_a_page_built_from_rows_read_before_a_change_is_never_served_after_it(
    client, perkara, petugas
):
    """A reader reads the version, then the rows; a change lands before it keeps its page:
    the page is kept under a version the change has replaced, and never served."""
    found = _lookup_miss(perkara)
    perkara = Perkara.objects.get(pk=perkara.pk)
    perkara.ringkasan_publik = "Ringkasan sesudah perubahan."
    services.update_public_facts(perkara, user=petugas, changed=["ringkasan_publik"])
    found.store_page(OLD_PAGE)  # the page of the rows as they were
    body = cek(client, perkara)
    assert "halaman lama" not in body and "Ringkasan sesudah perubahan." in body


def test_a_page_built_before_a_change_commits_is_never_served_after_the_commit(
    client, perkara, django_capture_on_commit_callbacks
):
    """A reader between the change and its commit reads the new version but may read the rows
    as they were before the commit: the version is renewed again after the commit."""
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Perkara.objects.filter(pk=perkara.pk).update(ringkasan_publik="Ringkasan setelah commit.")
        found = _lookup_miss(perkara)  # under the change's first new version
        found.store_page(OLD_PAGE)  # as if built from the rows before the commit
    body = cek(client, perkara)
    assert "halaman lama" not in body and "Ringkasan setelah commit." in body


def test_renamed_stage_status_election_and_office_show_at_once(client, perkara):
    cek(client, perkara)
    perkara = Perkara.objects.select_related("tahapan", "status", "pemilihan", "office").get(
        pk=perkara.pk
    )
    renames = [
        (perkara.tahapan, "name", "Kajian awal (nama baru)"),
        (perkara.status, "name", "Sedang dikaji (kata baru)"),
        (perkara.pemilihan, "name", "Pilkada Serentak (nama baru)"),
        (perkara.office, "name", "Bawaslu Kota Nama Baru"),
    ]
    for obj, field, value in renames:
        setattr(obj, field, value)
        obj.save()
        assert value in cek(client, perkara), obj


def test_a_stage_that_stops_being_public_disappears_at_once(client, perkara):
    assert "Kajian dan putusan pleno" in cek(client, perkara)
    stage = Tahapan.objects.get(pk=perkara.tahapan_id)
    stage.is_public = False
    stage.save()
    body = cek(client, perkara)
    assert "Kajian dan putusan pleno" not in body and "tidak diumumkan" in body


def test_a_holiday_or_stage_limit_changed_by_the_manager_shows_at_once(client, perkara, manager):
    stage = Tahapan.objects.get(pk=perkara.tahapan_id)
    old = Perkara.objects.get(pk=perkara.pk).batas_waktu
    assert tanggal_id(old) in cek(client, perkara)
    client.force_login(manager)
    response = client.post(
        reverse("admin:ppps_tahapan_change", args=[stage.pk]), form_data(stage, days=stage.days + 4)
    )
    assert response.status_code == 302
    client.logout()
    later = Perkara.objects.get(pk=perkara.pk).batas_waktu
    assert later != old and tanggal_id(later) in cek(client, perkara)

    stage.refresh_from_db()
    stage.day_type = "kerja"
    stage.save()
    services.recompute_deadlines()
    working = Perkara.objects.get(pk=perkara.pk).batas_waktu
    assert tanggal_id(working) in cek(client, perkara)
    client.force_login(manager)
    response = client.post(
        reverse("admin:ppps_harilibur_add"),
        {"date": working.isoformat(), "name": "Libur daerah", "kind": "lainnya"},
    )
    assert response.status_code == 302 and HariLibur.objects.filter(date=working).exists()
    client.logout()
    moved = Perkara.objects.get(pk=perkara.pk).batas_waktu
    assert moved > working and tanggal_id(moved) in cek(client, perkara)


def test_a_result_cached_yesterday_is_not_served_today(client, perkara, settings):
    """The key holds today's date: "n hari lagi" must not be yesterday's count."""
    cek(client, perkara)
    from django.core.cache import cache

    keys = [k for k in cache._cache if ":ppps:public:fragment:" in k]  # locmem's own store
    assert len(keys) == 1
    today = timezone.localdate().strftime("%Y%m%d")
    assert keys[0].endswith(today)


def test_losing_the_rules_token_makes_every_entry_stale(client, perkara):
    from django.core.cache import cache

    cek(client, perkara)
    old = cache.get(RULES_KEY)
    cache.delete(RULES_KEY)
    StatusPerkara.objects.filter(pk=perkara.status_id).update(name="Kata lewat update()")
    body = cek(client, perkara)
    assert cache.get(RULES_KEY) not in (None, old)
    assert "Kata lewat update()" in body


def test_the_shared_page_never_carries_a_signed_in_reader_and_is_not_served_to_one(
    client, perkara, petugas
):
    from tests.conftest import SispClient

    petugas.first_name, petugas.last_name = "Wulan", "Sekarsari"
    petugas.save()
    anonymous = cek(client, perkara)  # cached whole for anonymous readers
    staff = SispClient()
    staff.force_login(petugas)
    signed_in = cek(staff, perkara)
    assert "Wulan Sekarsari" in signed_in and "Wulan Sekarsari" not in anonymous
    again = cek(SispClient(), perkara)
    assert "Wulan Sekarsari" not in again and again == anonymous


def test_the_release_digest_follows_the_public_templates(tmp_path, settings):
    """Part of every entry's token: a deploy that changes a public template or the static
    manifest starts from empty."""
    import shutil

    from ppps.public_cache import release

    source = settings.BASE_DIR / "templates"
    shutil.copy(source / "base.html", tmp_path / "base.html")
    shutil.copytree(source / "ppps" / "public", tmp_path / "ppps" / "public")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    try:
        release.cache_clear()
        before = release()
        facts = tmp_path / "ppps" / "public" / "_facts.html"
        facts.write_text(facts.read_text() + "<!-- rilis berikut -->")
        release.cache_clear()
        assert release() != before
    finally:
        release.cache_clear()


def test_the_release_digest_follows_the_code_that_builds_the_page(tmp_path, monkeypatch):
    """A deploy that changes how the result is built (the status words in ppps/public.py, say)
    starts from empty too, even when no template changed."""
    import shutil

    from django.apps import apps

    from ppps.public_cache import release

    config = apps.get_app_config("ppps")
    code = tmp_path / "ppps"
    shutil.copytree(config.path, code, ignore=shutil.ignore_patterns("migrations", "__pycache__"))
    monkeypatch.setattr(config, "path", str(code))
    try:
        release.cache_clear()
        before = release()
        public = code / "public.py"
        public.write_text(public.read_text() + "\n# rilis berikut\n")
        release.cache_clear()
        assert release() != before
    finally:
        release.cache_clear()


def test_a_page_from_the_fast_path_carries_the_same_headers_and_counts_the_limit(
    client, perkara, settings
):
    settings.PPPS_LOOKUP_LIMIT = 3
    first = client.get(CEK, {"nomor": perkara.nomor_register})
    second = client.get(CEK, {"nomor": perkara.nomor_register})
    assert first.context is not None and second.context is None  # rendered, then cached
    assert second.content == first.content
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type"):
        assert second.headers.get(header) == first.headers.get(header), header
    assert second.headers.get("Content-Security-Policy")
    assert client.get(CEK, {"nomor": perkara.nomor_register}).status_code == 200
    refused = client.get(CEK, {"nomor": perkara.nomor_register})
    assert refused.status_code == 429  # the fourth lookup: each counted once, hits included


def _redis_cache_or_skip():
    """A Redis cache of its own (db 13, a test prefix), or skip: the one-round-trip pipeline of
    sisp.ratelimit.allow_and_get only runs against Redis."""
    import uuid

    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/13", socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip("Redis tidak tersedia di 127.0.0.1:6379")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/13",
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    if request.param == "locmem":
        yield request.param
        return
    import redis

    original = settings.CACHES
    settings.CACHES = {"default": _redis_cache_or_skip()}
    yield request.param
    # Its own keys only (never FLUSHDB: the database may be shared), then the test settings
    # back before the autouse fixture clears the cache.
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    server = redis.Redis.from_url("redis://127.0.0.1:6379/13")
    for name in server.scan_iter(f"{prefix}:*"):
        server.delete(name)
    settings.CACHES = original


@pytest.mark.parametrize("encoding", ["", "gzip"])
def test_the_fast_path_answers_byte_for_byte_what_the_full_stack_renders(
    cache_backend, perkara, settings, encoding, django_assert_max_num_queries
):
    """The page served from the cache, before sessions, CSRF, authentication and the rest,
    against the same page rendered by the whole stack without the fast path, for the same
    state: the same body (also gzipped) and the same headers."""
    import gzip

    from tests.conftest import SispClient

    headers = {"Accept-Encoding": encoding} if encoding else {}
    full_stack = [m for m in settings.MIDDLEWARE if m != "ppps.middleware.CachedLookupMiddleware"]
    fast_stack = settings.MIDDLEWARE
    first = SispClient().get(CEK, {"nomor": perkara.nomor_register}, headers=headers)
    assert first.context is not None  # rendered, and kept
    with django_assert_max_num_queries(0):
        hit = SispClient().get(CEK, {"nomor": perkara.nomor_register.lower()}, headers=headers)
    assert hit.status_code == 200 and hit.context is None  # answered without a template
    settings.MIDDLEWARE = full_stack
    slow = SispClient().get(CEK, {"nomor": perkara.nomor_register}, headers=headers)
    settings.MIDDLEWARE = fast_stack
    assert slow.context is not None

    def body(response):
        raw = response.content
        return gzip.decompress(raw) if response.get("Content-Encoding") == "gzip" else raw

    assert hit.get("Content-Encoding") == slow.get("Content-Encoding") == (encoding or None)
    assert body(hit) == body(slow)
    assert perkara.nomor_register.split("/")[0].encode() in body(hit)

    def same(response):
        skip = {"Content-Length"} if encoding else set()  # gzip pads by random bytes
        return {k: v for k, v in response.items() if k not in skip}

    assert same(hit) == same(slow)
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "X-Frame-Options",
    ):
        assert hit.get(header), header


def test_the_fast_path_counts_the_limit_and_serves_no_stale_page(
    cache_backend, client, perkara, petugas, settings
):
    settings.PPPS_LOOKUP_LIMIT = 4
    assert "Kajian dan putusan pleno" in cek(client, perkara)  # rendered and kept
    assert client.get(CEK, {"nomor": perkara.nomor_register}).context is None  # a hit
    following = perkara.next_stage()
    services.move_to_stage(perkara, following, user=petugas)
    changed = client.get(CEK, {"nomor": perkara.nomor_register})
    assert changed.context is not None and f"tahap {following.name}" in changed.content.decode()
    assert client.get(CEK, {"nomor": perkara.nomor_register}).context is None  # kept again
    refused = client.get(CEK, {"nomor": perkara.nomor_register})
    assert refused.status_code == 429  # the fifth lookup: hits counted too
    assert "Kajian" not in refused.content.decode()


def test_a_hit_costs_one_cache_round_trip_and_no_query(
    settings, perkara, monkeypatch, django_assert_num_queries
):
    """The limiter's count, the rules token, the number's version and the page come back in
    one Redis round trip (sisp.ratelimit.allow_and_get); the database is not read."""
    from redis.connection import AbstractConnection

    from tests.conftest import SispClient

    original = settings.CACHES
    settings.CACHES = {"default": _redis_cache_or_skip()}
    try:
        SispClient().get(CEK, {"nomor": perkara.nomor_register})  # rendered and kept
        sent = []
        real_send = AbstractConnection.send_packed_command
        monkeypatch.setattr(
            AbstractConnection,
            "send_packed_command",
            lambda self, command, check_health=True: (
                sent.append(command),
                real_send(self, command, check_health),
            )[1],
        )
        with django_assert_num_queries(0):
            hit = SispClient().get(CEK, {"nomor": perkara.nomor_register})
        assert hit.status_code == 200 and hit.context is None
        assert len(sent) == 1, sent
    finally:
        monkeypatch.undo()
        import redis

        prefix = settings.CACHES["default"]["KEY_PREFIX"]
        server = redis.Redis.from_url("redis://127.0.0.1:6379/13")
        for name in server.scan_iter(f"{prefix}:*"):
            server.delete(name)
        settings.CACHES = original


def test_a_hit_sends_the_gzip_body_kept_with_the_page_without_compressing_again(
    client, perkara, monkeypatch
):
    import gzip

    import django.middleware.gzip

    gzip_headers = {"Accept-Encoding": "gzip, deflate"}
    first = client.get(CEK, {"nomor": perkara.nomor_register}, headers=gzip_headers)
    assert first.context is not None and first["Content-Encoding"] == "gzip"
    calls = []
    real = django.middleware.gzip.compress_string
    monkeypatch.setattr(
        django.middleware.gzip,
        "compress_string",
        lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs),
    )
    hit = client.get(CEK, {"nomor": perkara.nomor_register}, headers=gzip_headers)
    assert hit.context is None and calls == []
    assert hit["Content-Encoding"] == "gzip" and hit["Vary"] == first["Vary"]
    assert int(hit["Content-Length"]) == len(hit.content)
    assert gzip.decompress(hit.content) == gzip.decompress(first.content)
    plain = client.get(CEK, {"nomor": perkara.nomor_register})  # a reader without gzip
    assert plain.context is None and "Content-Encoding" not in plain
    assert plain.content == gzip.decompress(first.content) and plain["Vary"] == first["Vary"]
