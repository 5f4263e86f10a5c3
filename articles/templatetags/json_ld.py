"""`{% article_json_ld article %}`: the article page's schema.org data for search engines."""

from django import template

from articles.site import absolute_url
from articles.structured_data import breadcrumbs, json_ld_script, news_article

register = template.Library()


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    """The `NewsArticle` and `BreadcrumbList` scripts of a published `article`; nothing for a
    preview, which search engines must not take for the story."""
    if not article.is_public:
        return ""
    base_url = absolute_url("/", context["request"])
    return json_ld_script(news_article(article, base_url=base_url)) + json_ld_script(
        breadcrumbs(article, base_url=base_url)
    )
