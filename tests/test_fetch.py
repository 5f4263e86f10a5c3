"""Fetching imported photos' files (--fetch-images): limits, and never the newsroom's own network.

The servers here are real HTTP servers on 127.0.0.1; no test reaches any other machine.
"""

import http.server
import ipaddress
import socket
import ssl
import subprocess
import threading
from pathlib import Path

import pytest

from articles.importers import fetch
from articles.importers.base import ParsedArticle, ParsedPhoto
from articles.importers.pipeline import save_item
from tests.photo_files import image_bytes

pytestmark = pytest.mark.django_db

JPEG = image_bytes(size=(80, 60), color="darkorange")


def story(external_id: str, lead_photo: ParsedPhoto) -> ParsedArticle:
    return ParsedArticle(
        external_id=external_id,
        headline="Harbor commission weighs ferry fares",
        body_html="<p>The harbor commission met Tuesday.</p>",
        lead_photo=lead_photo,
    )


class ImageHandler(http.server.BaseHTTPRequestHandler):
    """A JPEG, an oversized body, a 404 and two redirects; records (path, Host header)."""

    def do_GET(self):
        self.server.requests.append((self.path, self.headers["Host"]))
        port = self.server.server_address[1]
        redirects = {
            "/to-file": "file:///etc/passwd",
            "/to-loopback": f"http://127.0.0.1:{port}/lead.jpg",
        }
        if self.path == "/missing.jpg":
            self.send_error(404)
        elif self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.end_headers()
        else:
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            self.wfile.write(JPEG if self.path == "/lead.jpg" else b"\0" * 4096)

    def log_message(self, *args):
        pass


def serve(tls: ssl.SSLContext | None = None):
    """A real HTTP(S) server on 127.0.0.1 in a thread; `server.requests` lists what it answered."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ImageHandler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.requests = []
    server.url = f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture
def image_server():
    server = serve()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "224.0.0.1", "233.1.1.1", "240.0.0.1", "255.255.255.255", "192.0.2.1",
        "::1", "::", "fe80::1", "fec0::1", "fc00::1", "ff02::1", "ff0e::1", "::7f00:1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::1", "64:ff9b::a00:1",
    ],
)  # fmt: skip
def test_internal_addresses_are_not_public(address):
    assert not fetch.is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1", "64:ff9b::808:808"],
)
def test_internet_addresses_are_public(address):
    assert fetch.is_public_address(ipaddress.ip_address(address))


def test_a_server_on_the_newsrooms_own_machine_is_refused_by_default(image_server):
    port = image_server.server_address[1]
    with pytest.raises(fetch.FetchError, match=r"^refused to fetch from 127\.0\.0\.1: not public"):
        fetch.fetch_image(f"{image_server.url}/lead.jpg")
    # Other spellings of the same address are resolved before they are judged.
    for host, named in [
        ("localhost", r"localhost \(127\.0\.0\.1\)"),
        ("2130706433", r"2130706433 \(127\.0\.0\.1\)"),
        ("[::ffff:127.0.0.1]", r"::ffff:127\.0\.0\.1"),
    ]:
        with pytest.raises(fetch.FetchError, match=f"^refused to fetch from {named}: "):
            fetch.fetch_image(f"http://{host}:{port}/lead.jpg")
    assert image_server.requests == []


def test_an_import_says_which_address_it_refused(image_server):
    warnings = []
    lead = ParsedPhoto(source_url=f"{image_server.url}/lead.jpg", credit="Ines Varga")

    article, _ = save_item(story("a", lead), source="test", fetch_images=True, warnings=warnings)

    assert not article.lead_photo.has_file
    [warning] = warnings
    assert warning.startswith("photo “")
    assert "refused to fetch from 127.0.0.1: not public (IMPORT_FETCH_ALLOW_PRIVATE" in warning


def test_allowed_private_addresses_are_fetched_and_attached(image_server, settings):
    settings.IMPORT_FETCH_ALLOW_PRIVATE = True
    lead = ParsedPhoto(source_url=f"{image_server.url}/lead.jpg", credit="Ines Varga")
    warnings = []

    article, _ = save_item(story("a", lead), source="test", fetch_images=True, warnings=warnings)

    photo = article.lead_photo
    assert warnings == []
    assert photo.has_file and (photo.width, photo.height) == (80, 60)
    assert photo.image.storage.exists(photo.image.name)
    renditions = list(photo.renditions.all())
    assert renditions and all(photo.image.storage.exists(r.name) for r in renditions)


def test_limits_hold_when_private_addresses_are_allowed(image_server, settings):
    settings.IMPORT_FETCH_ALLOW_PRIVATE = True
    with pytest.raises(fetch.FetchError, match="only http and https"):
        fetch.fetch_image("file:///etc/passwd")
    with pytest.raises(fetch.FetchError, match="only http and https"):
        fetch.fetch_image("ftp://127.0.0.1/lead.jpg")
    with pytest.raises(fetch.FetchError, match="larger than 1,000 bytes"):
        fetch.fetch_image(f"{image_server.url}/big.jpg", max_bytes=1000)
    with pytest.raises(fetch.FetchError, match="redirected to a non-http address: file:///etc"):
        fetch.fetch_image(f"{image_server.url}/to-file")
    with pytest.raises(fetch.FetchError, match="answered 404"):
        fetch.fetch_image(f"{image_server.url}/missing.jpg")
    assert fetch.fetch_image(f"{image_server.url}/lead.jpg") == JPEG


def test_a_redirect_from_an_allowed_host_to_an_internal_address_is_refused(
    image_server, settings, monkeypatch
):
    settings.IMPORT_FETCH_PRIVATE_HOSTS = ["LocalHost"]
    port = image_server.server_address[1]
    looked_up = []
    resolve = socket.getaddrinfo

    def recorded(host, *args, **kwargs):
        looked_up.append(host)
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", recorded)

    # The listed host may be fetched: its name is looked up once, and the connection goes to
    # the address that was checked, with the request still naming the host.
    assert fetch.fetch_image(f"http://localhost:{port}/lead.jpg") == JPEG
    assert looked_up == ["localhost", "127.0.0.1"]
    assert image_server.requests == [("/lead.jpg", f"localhost:{port}")]

    # Its redirect to an address that is not listed is checked like any first request.
    with pytest.raises(fetch.FetchError, match=r"^refused to fetch from 127\.0\.0\.1: "):
        fetch.fetch_image(f"http://localhost:{port}/to-loopback")
    assert [path for path, _ in image_server.requests] == ["/lead.jpg", "/to-loopback"]


def test_https_goes_to_the_checked_address_but_verifies_the_hosts_name(
    tmp_path, settings, monkeypatch
):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    names = []
    tls.sni_callback = lambda connection, name, context: names.append(name)
    server = serve(tls)
    port = server.server_address[1]
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust our own certificate authority
    settings.IMPORT_FETCH_PRIVATE_HOSTS = ["localhost"]
    try:
        assert fetch.fetch_image(f"https://localhost:{port}/lead.jpg") == JPEG
        assert names == ["localhost"]
        assert server.requests == [("/lead.jpg", f"localhost:{port}")]

        # The certificate names localhost, not the address the connection went to.
        settings.IMPORT_FETCH_ALLOW_PRIVATE = True
        with pytest.raises(fetch.FetchError, match="not valid for '127.0.0.1'"):
            fetch.fetch_image(f"https://127.0.0.1:{port}/lead.jpg")
    finally:
        server.shutdown()
        server.server_close()


def test_a_file_beside_the_import_is_read_but_not_one_outside_it(tmp_path):
    folder = tmp_path / "export"
    (folder / "uploads").mkdir(parents=True)
    (folder / "uploads" / "ramp.jpg").write_bytes(image_bytes(size=(64, 48)))
    (tmp_path / "secret.jpg").write_bytes(JPEG)
    inside = ParsedPhoto(external_id="ramp", local_path=Path("uploads/ramp.jpg"))
    outside = ParsedPhoto(external_id="secret", local_path=Path("../secret.jpg"))
    warnings = []

    article, _ = save_item(story("a", inside), source="test", fetch_images=True,
                           base_dir=folder, warnings=warnings)  # fmt: skip
    other, _ = save_item(story("b", outside), source="test", fetch_images=True,
                         base_dir=folder, warnings=warnings)  # fmt: skip

    assert article.lead_photo.has_file and article.lead_photo.width == 64
    assert not other.lead_photo.has_file
    assert len(warnings) == 1 and "outside the import's folder" in warnings[0]


def test_a_fetched_file_is_judged_by_its_content_not_its_address(tmp_path, settings):
    # A server may send WebP for a .jpg address, or serve pictures from a script.
    settings.IMPORT_FETCH_ALLOW_PRIVATE = True
    files = {
        "/lead.jpg": image_bytes("WEBP", size=(64, 48)),
        "/image.php?id=3": image_bytes("PNG", size=(64, 48)),
        "/": image_bytes("GIF", size=(64, 48)),
    }

    class Files(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(files[self.path])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Files)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    warnings = []
    try:
        names = []
        for number, path in enumerate(files):
            lead = ParsedPhoto(external_id=path, source_url=f"{url}{path}")
            article, _ = save_item(story(str(number), lead), source="test", fetch_images=True,
                                   warnings=warnings)  # fmt: skip
            names.append(article.lead_photo.image.name.rsplit("/", 1)[-1])
    finally:
        server.shutdown()
        server.server_close()

    assert warnings == []
    assert names == ["lead.webp", "image.png", "photo.gif"]
