from django.db import migrations, models

THROUGH_MODELS = ["taggedarticleplace", "taggedarticletopic", "taggedphotoplace", "taggedphototopic"]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_article_body_html"),
    ]

    operations = [
        migrations.RenameField("quote", "is_machine_added", "is_suggested"),
        migrations.AlterField(
            model_name="quote",
            name="is_suggested",
            field=models.BooleanField(
                default=False,
                help_text="Found in the text, on import or when the story was saved. Untick it "
                "once the attribution is checked: a checked quote is never replaced by a new "
                "reading of the text.",
                verbose_name="suggested",
            ),
        ),
    ]
    for model_name in THROUGH_MODELS:
        operations += [
            migrations.RenameField(model_name, "is_machine_added", "is_suggested"),
            migrations.AlterField(
                model_name=model_name,
                name="is_suggested",
                field=models.BooleanField(
                    default=False,
                    help_text="Set when this tag was found in the text; an editor may review it.",
                    verbose_name="suggested",
                ),
            ),
        ]
