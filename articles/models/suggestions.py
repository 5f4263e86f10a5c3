"""What an editor turned down, so that reading the story's text again never suggests it twice."""

from collections import defaultdict

from django.db import models


class RejectedSuggestionQuerySet(models.QuerySet):
    def by_article(self, articles) -> dict[int, dict[str, set]]:
        """{article id: {kind: rejected values}}: tag ids for places and topics, keys for quotes."""
        found: dict[int, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        if not articles:
            return found
        rows = self.filter(article__in=articles).values_list("article_id", "kind", "value")
        for article_id, kind, value in rows:
            found[article_id][kind].add(
                value if kind == RejectedSuggestion.Kind.QUOTE else int(value)
            )
        return found


class RejectedSuggestion(models.Model):
    """A place, topic or quote suggested from a story's text and then removed by an editor.

    `value` is the tag's id for a place or topic, and the quotation's words, folded as the
    suggestions compare them, for a quote.
    """

    class Kind(models.TextChoices):
        PLACE = "place", "Place"
        TOPIC = "topic", "Topic"
        QUOTE = "quote", "Quote"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="rejected_suggestions"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices)
    value = models.TextField()
    rejected_at = models.DateTimeField(auto_now_add=True)

    objects = RejectedSuggestionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "value"], name="unique_rejected_suggestion"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.value[:60]} on article {self.article_id}"
