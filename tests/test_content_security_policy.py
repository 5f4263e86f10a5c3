"""Content-Security-Policy: public pages load scripts and styles only from files; the desk too,
except for the inline styles the Django admin writes."""

import pytest

from .factories import PUBLIC_PAGES, public_pages
from .page_html import Elements, is_javascript

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_send_a_strict_policy_and_hold_no_inline_code(client, page):
    response = client.get(public_pages()[page])

    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    page_html = Elements(response.text)
    assert page_html.inline_code == []
    for tag, attrs in page_html.elements:
        assert "style" not in attrs, (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        if tag == "script" and is_javascript(attrs.get("type")):
            assert attrs.get("src"), attrs
        if tag in ("a", "form"):
            target = attrs.get("href") or attrs.get("action") or ""
            assert not target.lower().startswith("javascript:"), attrs


def test_server_error_page_holds_no_inline_code(rf):
    from newsroom.views import server_error

    page_html = Elements(server_error(rf.get("/")).content.decode())
    assert page_html.inline_code == []
    assert all("style" not in attrs for _, attrs in page_html.elements)


def test_the_desk_may_use_inline_styles_but_never_inline_scripts(admin_client):
    response = admin_client.get("/admin/articles/article/")
    assert response.status_code == 200
    directives = policy(response)
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["script-src"] == ["'self'"]
    assert Elements(response.text).all("script")
    assert all(
        attrs.get("src") or not is_javascript(attrs.get("type"))
        for attrs in Elements(response.text).all("script")
    )
