from django.conf import settings


def newsroom(request):
    """The newsroom's name for every page's masthead and title."""
    return {"newsroom_name": settings.NEWSROOM_NAME}
