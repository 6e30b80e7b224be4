import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from sisp import roles
from sisp.models import Link
from tests.factories import LinkFactory

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
        elif self.path == "/slow":
            threading.Event().wait(2)
            self.send_response(200)
        else:
            self.send_response(200 if self.path.startswith("/ok") else 500)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/ok", "/no-head") else 500)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_check_links_marks_down_links_and_keeps_up_ones(local_server, office, capsys):
    up = LinkFactory(office=office, url=f"{local_server}/ok", roles=[roles.STAF])
    head_refused = LinkFactory(office=office, url=f"{local_server}/no-head", roles=[roles.STAF])
    broken = LinkFactory(office=office, url=f"{local_server}/error", roles=[roles.STAF])
    slow = LinkFactory(office=office, url=f"{local_server}/slow", roles=[roles.STAF])
    closed = LinkFactory(office=office, url="http://127.0.0.1:1/", roles=[roles.STAF])
    call_command("check_links", timeout=0.5)
    status = {link.pk: link for link in Link.objects.all()}
    assert not status[up.pk].is_down and status[up.pk].last_status == 200
    assert not status[head_refused.pk].is_down
    assert status[broken.pk].is_down and status[broken.pk].last_status == 500
    assert status[slow.pk].is_down and status[slow.pk].last_status is None
    assert status[closed.pk].is_down
    assert all(link.last_checked_at for link in status.values())
    assert "5 tautan diperiksa, 3 tidak dapat diakses." in capsys.readouterr().out
