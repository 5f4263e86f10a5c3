"""The Content-Security-Policy header, strict on the public site and a little looser on the desk."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with inline styles allowed under the admin only.

    The public pages load every script and style from files. The Django admin writes a few
    `style` attributes and `<style>` blocks of its own (and the focal-point marker is placed with
    one), so its pages may use inline styles; inline scripts stay refused everywhere.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(reverse("admin:index")):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts
