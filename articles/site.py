"""The newsroom's own identity for pages, feeds and structured data, read from the settings."""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static


def site_origin(request: HttpRequest | None = None) -> str:
    """The public origin (scheme and host, no slash): NEWSROOM_URL when set, else the request's.

    Raises ValueError without either: an address made outside a request needs NEWSROOM_URL.
    """
    if settings.NEWSROOM_URL:
        return settings.NEWSROOM_URL
    if request is None:
        raise ValueError("Set NEWSROOM_URL to make absolute addresses outside a request.")
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(url: str, request: HttpRequest | None = None) -> str:
    """`url` as an absolute address; one that already has a host (a CDN, object storage) is kept."""
    parts = urlsplit(url)
    if parts.netloc:
        return url if parts.scheme else f"https:{url}"
    return urljoin(site_origin(request) + "/", url)


def og_locale(locale: str) -> str:
    """Open Graph's form of a locale: "en-US" becomes "en_US"."""
    return locale.replace("-", "_")


def newsroom_context() -> dict:
    """Name, tagline, logo and locale for templates; settings only, so safe on the 500 page."""
    return {
        "newsroom_name": settings.NEWSROOM_NAME,
        "newsroom_tagline": settings.NEWSROOM_TAGLINE,
        "newsroom_logo": static(settings.NEWSROOM_LOGO),
        "newsroom_locale": settings.NEWSROOM_LOCALE,
    }
