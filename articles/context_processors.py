from articles.site import newsroom_context


def newsroom(request):
    """The newsroom's name, tagline, logo and locale for every page."""
    return newsroom_context()
