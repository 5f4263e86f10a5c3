"""`{% story_desk_extras article %}`: what the desk shows under a story's form, outside it (so its
own buttons never submit the story): the story's corrections and its preview links."""

from django import template

from articles.admin.previews import PreviewLinkForm
from articles.services import can_share_preview

register = template.Library()


@register.inclusion_tag("admin/articles/article/story_extras.html", takes_context=True)
def story_desk_extras(context, article):
    user = context["request"].user
    return {
        "article": article,
        "corrections": article.corrections.select_related("created_by"),
        "may_correct": user.has_perm("articles.add_correction"),
        "may_edit_corrections": user.has_perm("articles.change_correction"),
        "links": article.preview_links.select_related("created_by"),
        "may_share": can_share_preview(user, article),
        "form": PreviewLinkForm(),
        "csrf_token": context.get("csrf_token"),
    }
