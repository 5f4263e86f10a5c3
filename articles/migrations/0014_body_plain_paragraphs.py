"""Bodies typed or imported as plain paragraphs get their `<p>` elements, as saving now gives them."""

from django.db import migrations

BATCH = 500


def paragraphs(apps, schema_editor):
    from articles.text import clean_body

    Article = apps.get_model("articles", "Article")
    changed = []
    for article in Article.objects.only("pk", "body").iterator(chunk_size=BATCH):
        body = clean_body(article.body)
        if body != article.body:
            article.body = body
            changed.append(article)
    Article.objects.bulk_update(changed, ["body"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_byline_roles_share_fields")]

    operations = [migrations.RunPython(paragraphs, migrations.RunPython.noop)]
