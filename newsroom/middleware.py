"""The Content-Security-Policy header, strict on the public site and a little looser on the desk."""

import base64
import hashlib
import re

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.urls import reverse

_IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with inline styles allowed under the admin only.

    The public pages load every script and style from files. The Django admin writes a few
    `style` attributes and `<style>` blocks of its own (and the focal-point marker is placed with
    one), so its pages may use inline styles; inline scripts stay refused everywhere. The body
    editor's modules find each other through an import map, which browsers read only from the
    page itself: each one on a desk page is allowed by its hash, so it cannot be swapped.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(reverse("admin:index")):
            update = {"style-src": [UNSAFE_INLINE]}
            hashes = import_map_hashes(response)
            if hashes:
                update["script-src"] = hashes
            parts.update = {**(parts.update or {}), **update}
        return parts


def import_map_hashes(response) -> list[str]:
    """CSP sources ('sha256-…') for the import maps in an HTML response, if any."""
    if response.streaming or b"importmap" not in response.content:
        return []
    return [
        "'sha256-{}'".format(base64.b64encode(hashlib.sha256(body).digest()).decode("ascii"))
        for body in _IMPORT_MAP.findall(response.content)
    ]
