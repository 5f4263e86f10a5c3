"""The site's URLs plus a bare view, the floor that page speeds are measured against.

The floor runs through the same server, settings and middleware as the pages, and does nothing
but answer: how fast a page could possibly be on this machine.
"""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse("<!doctype html><title>floor</title><p>ok</p>")


urlpatterns = [path("bench/floor/", floor), *site_urlpatterns]
