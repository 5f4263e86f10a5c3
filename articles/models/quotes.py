from django.db import models


class Quote(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="quotes")
    person = models.ForeignKey(
        "articles.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
        help_text="Who said it. Left empty when the speaker could not be established.",
    )
    text = models.TextField(help_text="The words as spoken, without the quotation marks.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the article.")
    is_pull_quote = models.BooleanField(
        "pull quote", default=False, help_text="Display prominently on the article page."
    )
    is_suggested = models.BooleanField(
        "suggested",
        default=False,
        help_text="Found in the text, on import or when the story was saved. Untick it once the "
        "attribution is checked: a checked quote is never replaced by a new reading of the text.",
    )

    class Meta:
        ordering = ["article", "position", "pk"]

    def __str__(self):
        text = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"“{text}”"
