"""Getting an imported photo's image file, only when the import asks for it (--fetch-images).

Remote images come over http(s) only, with a limit on size and on time; a redirect elsewhere
(file:, ftp:) is refused. A file beside the import (WordPress uploads folder, a ninjs bundle) is
read from disk, never from outside the import's folder.
"""

import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from articles.models import Photo

ALLOWED_SCHEMES = {"http", "https"}
CHUNK_BYTES = 64 * 1024
TIMEOUT_SECONDS = 20


class FetchError(Exception):
    """The image could not be fetched; the message says why."""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in ALLOWED_SCHEMES:
            raise FetchError(f"redirected to a non-http address: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects)


def fetch_image(url: str, *, max_bytes: int | None = None, timeout: float | None = None) -> bytes:
    """The bytes at `url`, an http(s) address.

    Raises FetchError when the address is not http(s), the server answers with an error, the
    body is larger than `max_bytes` (default settings.PHOTO_MAX_UPLOAD_BYTES) or the download
    takes longer than `timeout` seconds in all (default TIMEOUT_SECONDS).
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
                    raise FetchError(f"the download took longer than {timeout:g} s: {url}")
                chunks.append(chunk)
    except urllib.error.HTTPError as error:
        raise FetchError(f"the server answered {error.code} for {url}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(f"cannot fetch {url}: {reason}") from None
    return b"".join(chunks)


def attach_photo_file(photo: Photo, *, local_path: Path | None, base_dir: Path | None) -> str:
    """Give `photo` its image: the file beside the import, else the one at `photo.source_url`.

    Returns "" on success, otherwise a warning for the import report (the photo stays without a
    file, for an editor to attach).
    """
    from articles.images import attach_image

    try:
        if local_path is not None:
            data, name = _read_local(local_path, base_dir=base_dir), Path(local_path).name
        elif photo.source_url:
            data = fetch_image(photo.source_url)
            name = unquote(Path(urlsplit(photo.source_url).path).name) or "photo.jpg"
        else:
            return ""
        attach_image(photo, ContentFile(data), name=name)
    except (FetchError, ValidationError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        return f"photo “{photo}” has no image file: {message}"
    return ""


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
