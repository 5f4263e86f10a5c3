"""Template filters for search results."""

from django import template

from articles.search import highlight

register = template.Library()
register.filter("highlight", highlight)
