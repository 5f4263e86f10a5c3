"""The body editor's photo dialog asks here for photos from the library (JSON)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse

from articles.images.renditions import rendition_url
from articles.models import Photo

# Enough to scan at a glance; a few more words narrow it down.
LIMIT = 24
THUMBNAIL_WIDTH = 192


def photo_search(request) -> JsonResponse:
    """The newest photos with a file whose caption, credit, agency or alt text hold every word of
    `q` (all of them without one), each with what the body's figure needs.

    Raises PermissionDenied for a user who may not see the photo library.
    """
    if not request.user.has_perm("articles.view_photo"):
        raise PermissionDenied
    photos = Photo.objects.with_file()
    for word in request.GET.get("q", "").split()[:8]:
        photos = photos.filter(
            Q(caption__icontains=word)
            | Q(credit__icontains=word)
            | Q(agency__icontains=word)
            | Q(alt_text__icontains=word)
        )
    return JsonResponse(
        {
            "photos": [
                {
                    "id": photo.pk,
                    "src": photo.image.url,
                    "width": photo.width,
                    "height": photo.height,
                    "alt": photo.alt_text,
                    "caption": photo.caption,
                    "credit": photo.credit_line,
                    "thumbnail": rendition_url(photo, slot="card", width=THUMBNAIL_WIDTH),
                }
                for photo in photos[:LIMIT]
            ]
        }
    )
