"""Two app servers behind one (imaginary) load balancer, sharing PostgreSQL, Redis and the media
storage, with one RQ worker: nothing the desk does may depend on which server answers."""

import re
import uuid
from http.cookiejar import CookieJar
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPErrorProcessor, Request, build_opener

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from articles.images import renditions_ready
from articles.models import Article, Photo
from tests.conftest import REDIS_URL
from tests.factories import editor
from tests.photo_files import image_bytes
from tests.workers import (
    environment,
    free_port,
    require_postgresql,
    start_server,
    start_worker,
    stop,
    wait_for,
)

pytestmark = [pytest.mark.workers, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

STORY = "Harbor commission delays boat ramp vote\n\nWESTPORT — The vote moved to March.\n"
PASSWORD = "a long desk password 42"
OCTETS = "Content-Type: application/octet-stream"


class NoRedirects(HTTPErrorProcessor):
    def http_response(self, request, response):
        return response

    https_response = http_response


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, tmp_path_factory):
    """(address of server A, address of server B), with a worker; all share one media folder."""
    with django_db_blocker.unblock():
        require_postgresql()
    redis.Redis.from_url(REDIS_URL).flushdb()
    media = tmp_path_factory.mktemp("shared-media")
    env = environment(media, TASKS_BACKEND="rq", REDIS_URL=REDIS_URL)
    worker = start_worker(env)
    ports = [free_port(), free_port()]
    started = []
    try:
        for port in ports:
            started.append(start_server(env, port))
        yield tuple(f"http://127.0.0.1:{port}" for port in ports)
    finally:
        stop(worker, *started)


def desk_session():
    jar = CookieJar()
    opener = build_opener(HTTPCookieProcessor(jar), NoRedirects)
    opener.jar = jar
    return opener


def get(opener, url):
    with opener.open(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read().decode()


def csrf_token(opener, url: str) -> str:
    """The CSRF cookie's secret, which Django accepts as the form's token; any desk page sets it."""
    for cookie in opener.jar:
        if cookie.name == "csrftoken":
            return cookie.value
    get(opener, url)
    return csrf_token(opener, url)


def post(opener, url, fields: dict, files: dict | None = None):
    fields = {"csrfmiddlewaretoken": csrf_token(opener, url), **fields}
    if files:
        boundary = uuid.uuid4().hex
        body = b"".join(
            [
                *(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                    for name, value in fields.items()
                ),
                *(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\n{OCTETS}\r\n\r\n'.encode()
                    + data
                    + b"\r\n"
                    for name, (filename, data) in files.items()
                ),
                f"--{boundary}--\r\n".encode(),
            ]
        )
        kind = f"multipart/form-data; boundary={boundary}"
    else:
        body, kind = urlencode(fields, doseq=True).encode(), "application/x-www-form-urlencoded"
    request = Request(url, data=body, headers={"Content-Type": kind})
    with opener.open(request, timeout=60) as response:
        return response.status, dict(response.headers), response.read().decode()


def sign_in(opener, server: str) -> None:
    user = editor(username="desk", is_staff=True)
    # Hashed as production hashes it: the servers do not share the suite's fast test hasher.
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save()
    status, _, _ = post(
        opener,
        f"{server}/admin/login/?next=/admin/",
        {"username": "desk", "password": PASSWORD, "next": "/admin/"},
    )
    assert status == 302


def test_the_desk_works_whichever_server_answers(servers):
    a, b = servers
    desk = desk_session()
    sign_in(desk, a)

    # Files uploaded to one server are previewed by the worker, and the preview, shown by the
    # other server, is confirmed there.
    status, headers, _ = post(
        desk,
        f"{a}/admin/articles/import/",
        {"format": "auto", "status": "draft", "section": ""},
        files={"files": ("story.txt", STORY.encode())},
    )
    assert status == 302 and headers["Location"].endswith("/preview/")
    preview_path = headers["Location"].removeprefix(a)

    def token_on_b():
        found = re.search(r'name="token" value="([^"]+)"', get(desk, f"{b}{preview_path}")[2])
        return found and found[1]

    token = wait_for(token_on_b, what="the preview on server B")
    assert not Article.objects.exists()
    status, headers, _ = post(desk, f"{b}/admin/articles/import/confirm/", {"token": token})
    assert status == 302 and "/admin/articles/import/" in headers["Location"]
    article = wait_for(lambda: Article.objects.first(), what="the import in the worker")

    # A story published through one server is purged from the cache the other serves.
    reader = desk_session()  # no session cookie: an anonymous reader

    # The import's own purges may still be running in the worker: ask until the page is cached.
    def cached_home():
        _, headers, page = get(reader, f"{b}/")
        return page if headers.get("X-Cache") == "hit" else None

    assert article.headline not in wait_for(cached_home, what="the home page cached on server B")
    status, _, _ = post(
        desk,
        f"{a}/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": article.pk},
    )
    assert status == 302
    wait_for(lambda: article.headline in get(reader, f"{b}/")[2], what="the purge on server B")

    # A photo uploaded through one server gets its renditions from the worker.
    status, _, _ = post(
        desk,
        f"{a}/admin/articles/photo/upload/",
        {"credit": "Staff"},
        files={"files": ("harbor.jpg", image_bytes("JPEG", size=(1600, 1200)))},
    )
    assert status == 302
    photo = wait_for(lambda: Photo.objects.first(), what="the photo")
    wait_for(lambda: renditions_ready(Photo.objects.get(pk=photo.pk)), what="the renditions")
