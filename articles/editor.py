"""The desk's body editor: what a story body can be written with.

The editor (django-prose-editor, ProseMirror underneath) offers only the structure a story needs,
so what the browser sends is already close to what the site serves; the server still cleans every
body with `articles.text.sanitize_html`, the importers' allowlist, whatever the browser sent.
Pasted copy keeps paragraphs, headings, lists, links, bold and italic and loses everything else
(fonts, colours, classes), because the editor keeps only what its schema knows.
"""

from django.urls import reverse_lazy
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.text import clean_body

BODY_EXTENSIONS = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    # Reporters want the browser's spelling check, which the package turns off by default.
    "NoSpellCheck": False,
    # Our own (static/js/admin/body-editor.js): photos from the library, pasted headings fitted
    # to the two levels a story uses, the editable area named by the field's label, and a toolbar
    # that shows only when its icons can and says which buttons are greyed out.
    "BodyPhoto": {"searchUrl": reverse_lazy("admin:articles_article_photo_search")},
    "PastedHeadings": True,
    "FieldLabel": True,
    "AccessibleToolbar": True,
}


def body_form_field(**kwargs) -> ProseEditorFormField:
    """The story form's body field: the editor in the browser, our sanitiser on the server."""
    return ProseEditorFormField(
        config={"extensions": BODY_EXTENSIONS},
        sanitize=clean_body,
        widget=AdminProseEditorWidget,
        **kwargs,
    )
