"""Getting an imported photo's image file, only when the import asks for it (--fetch-images, or
re-hosting body images), in a worker (`articles.tasks.fetch_photo`) so the import never waits on a
slow server. A failure the server may get over (no answer, too slow, a 5xx or 429) is
`FetchUnavailable`, which the task retries.

Remote images come over http(s) only, with a limit on size and on time; a redirect elsewhere
(file:, ftp:) is refused. An import file names any address it likes, so fetching must not become
a way into the newsroom's own network: every connection, the first and each redirect's, goes
only to an address checked to be public (`is_public_address`), and to exactly the address that
was checked, so a name that resolves elsewhere a moment later gains nothing. The request still
names the host, and TLS verifies the certificate for that name. Proxies from the environment
are not used, since the check is on the address connected to. settings.IMPORT_FETCH_ALLOW_PRIVATE
lets a newsroom fetch from internal addresses, IMPORT_FETCH_PRIVATE_HOSTS from the hosts it lists.

A file beside the import (WordPress uploads folder, a ninjs bundle) is read from disk, never from
outside the import's folder.
"""

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from articles.models import Photo

ALLOWED_SCHEMES = {"http", "https"}
CHUNK_BYTES = 64 * 1024
TIMEOUT_SECONDS = 20
# IPv6 addresses that carry an IPv4 address in their last 32 bits, translated by a gateway.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """The image could not be fetched; the message says why."""


class FetchUnavailable(FetchError):
    """The server did not answer, answered too slowly, or said it cannot answer now (a 5xx or
    429 status): asking again later may work."""


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for an address on the public internet.

    False for loopback, private, shared (carrier-grade NAT), link-local, site-local, multicast,
    reserved and unspecified addresses, and for an IPv6 address that carries such an IPv4
    address (IPv4-mapped, 6to4, NAT64).
    """
    if address.version == 6:
        embedded = address.ipv4_mapped or address.sixtofour
        if address in NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
        if embedded is not None:
            return is_public_address(embedded)
        if address.is_site_local:
            return False
    return address.is_global and not (address.is_multicast or address.is_reserved)


def checked_addresses(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to, each one public unless the settings allow otherwise.

    Raises FetchError when the host does not resolve, or naming the first address that is not
    public.
    """
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchError(f"cannot find the host {host}: {error.strerror}") from None
    addresses = list(dict.fromkeys(sockaddr[0] for *_, sockaddr in found))
    allowed = settings.IMPORT_FETCH_ALLOW_PRIVATE or host.lower() in {
        name.lower() for name in settings.IMPORT_FETCH_PRIVATE_HOSTS
    }
    for address in addresses:
        if not allowed and not is_public_address(ipaddress.ip_address(address)):
            named = address if address == host else f"{host} ({address})"
            raise FetchError(
                f"refused to fetch from {named}: not public (IMPORT_FETCH_ALLOW_PRIVATE or "
                "IMPORT_FETCH_PRIVATE_HOSTS allow addresses on the newsroom's own network)"
            )
    return addresses


class _CheckedHTTPConnection(http.client.HTTPConnection):
    """Connects only to an address that `checked_addresses()` gave for the request's host."""

    def connect(self):
        error = None
        for address in checked_addresses(self.host, self.port):
            try:
                self.sock = socket.create_connection(
                    (address, self.port), self.timeout, self.source_address
                )
                return
            except OSError as failed:
                error = failed
        raise error


class _CheckedHTTPSConnection(http.client.HTTPSConnection, _CheckedHTTPConnection):
    """TLS over a checked connection: HTTPSConnection.connect() wraps the socket that
    _CheckedHTTPConnection.connect() opened, verifying the certificate for the host's name."""


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTPConnection, req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def http_error_302(self, req, fp, code, msg, headers):
        target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urlsplit(target).scheme.lower() not in ALLOWED_SCHEMES:
            fp.close()
            raise FetchError(f"redirected to a non-http address: {target}")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


_opener = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), _CheckedHTTPHandler, _CheckedHTTPSHandler, _HttpOnlyRedirects
)


def fetch_image(url: str, *, max_bytes: int | None = None, timeout: float | None = None) -> bytes:
    """The bytes at `url`, an http(s) address.

    Raises FetchError when the address is not http(s) or not public (see `checked_addresses`),
    the server answers with an error, the body is larger than `max_bytes` (default
    settings.PHOTO_MAX_UPLOAD_BYTES) or the download takes longer than `timeout` seconds in all
    (default TIMEOUT_SECONDS).
    """
    max_bytes = max_bytes or settings.PHOTO_MAX_UPLOAD_BYTES
    timeout = timeout or TIMEOUT_SECONDS
    if urlsplit(url).scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchError(f"only http and https addresses are fetched: {url}")
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": "Newsroom importer"})
    try:
        with _opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"the image is larger than {max_bytes:,} bytes: {url}")
            chunks, size = [], 0
            while chunk := response.read(CHUNK_BYTES):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"the image is larger than {max_bytes:,} bytes: {url}")
                if time.monotonic() > deadline:
                    raise FetchUnavailable(f"the download took longer than {timeout:g} s: {url}")
                chunks.append(chunk)
    except urllib.error.HTTPError as error:
        failure = FetchUnavailable if error.code >= 500 or error.code == 429 else FetchError
        raise failure(f"the server answered {error.code} for {url}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchUnavailable(f"cannot fetch {url}: {reason}") from None
    return b"".join(chunks)


def fetch_photo_image(photo: Photo, addresses: list[str]) -> None:
    """Store the image at the first of `addresses` that answers with one we accept as `photo`'s
    file (saving the photo; its renditions are queued), unless the photo has a file already.

    Why it failed is kept on the photo (`fetch_problem`) and raised as FetchError, or as
    FetchUnavailable when the last address may answer later. The photo's row is locked while
    its image is fetched, so two workers never store two files for it.
    """
    from articles.images import attach_image

    with transaction.atomic():
        photo = Photo.objects.select_for_update().get(pk=photo.pk)
        if photo.has_file:
            return
        failure = FetchError("no address to fetch the image from")
        for address in dict.fromkeys(address for address in addresses if address):
            try:
                data = fetch_image(address)
                name = PurePosixPath(unquote(urlsplit(address).path)).name or "photo"
                photo.fetch_problem = ""
                # Someone else named this file (a server may send WebP for a .jpg address, or
                # serve pictures from image.php): its content alone decides whether we take it.
                attach_image(photo, ContentFile(data), name=name, name_claims_format=False)
                return
            except FetchError as error:
                failure = error
            except ValidationError as error:
                failure = FetchError(" ".join(error.messages))
    Photo.objects.filter(pk=photo.pk).update(fetch_problem=str(failure))
    raise failure


def attach_photo_file(photo: Photo, *, local_path: Path | None, base_dir: Path | None) -> str:
    """Give `photo` its image: the file beside the import, else the one at `photo.source_url`,
    which a worker fetches (`articles.tasks.fetch_photo`).

    Returns "" when the photo has its file or waits for a worker to fetch it, otherwise a
    warning for the import report (the photo stays without a file, for an editor to attach).
    """
    from articles.images import attach_image
    from articles.tasks import request_photo

    problem = ""
    if local_path is None:
        problem = request_photo(photo, [photo.source_url]) if photo.source_url else ""
    else:
        try:
            data = _read_local(local_path, base_dir=base_dir)
            attach_image(photo, ContentFile(data), name=Path(local_path).name,
                         name_claims_format=False)  # fmt: skip
        except FetchError as error:
            problem = str(error)
        except ValidationError as error:
            problem = " ".join(error.messages)
    return f"photo “{photo}” has no image file: {problem}" if problem else ""


def _read_local(path: Path, *, base_dir: Path | None) -> bytes:
    path = Path(path)
    if base_dir is not None:
        path = (base_dir / path).resolve()
        if not path.is_relative_to(base_dir.resolve()):
            raise FetchError(f"the image {path.name} is outside the import's folder")
    try:
        return path.read_bytes()
    except OSError as error:
        raise FetchError(f"cannot read the image {path.name}: {error.strerror}") from None
