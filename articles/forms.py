"""Forms on the public site."""

from django import forms
from django.utils.dateformat import format as format_date

from articles.models import Author, Place, Section, Topic
from articles.search import MAX_QUERY_LENGTH, clean_query


class QueryField(forms.CharField):
    """Whatever a reader typed, as search reads it: control characters (NUL too) dropped."""

    def to_python(self, value):
        return clean_query(super().to_python(value), limit=None)


class SlugChoiceField(forms.ModelChoiceField):
    """A story filter chosen by the slug in the address (set by following a link)."""

    widget = forms.HiddenInput

    def __init__(self, queryset, *, label: str):
        super().__init__(
            queryset,
            to_field_name="slug",
            required=False,
            label=label,
            error_messages={"invalid_choice": f"There is no such {label.lower()}."},
        )


class SearchForm(forms.Form):
    """The search page's query and filters. Invalid filters are reported and left out."""

    q = QueryField(label="Search for", required=False)
    section = SlugChoiceField(Section.objects.all(), label="Section")
    place = SlugChoiceField(Place.objects.all(), label="Place")
    topic = SlugChoiceField(Topic.objects.all(), label="Topic")
    author = SlugChoiceField(Author.objects.all(), label="Author")
    sort = forms.ChoiceField(
        label="Sort",
        choices=[("", "Best match"), ("newest", "Newest first")],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.truncated = False
        # "from" and "to" are the addresses' names; neither can be a class attribute's.
        date_input = forms.DateInput(attrs={"type": "date"})
        self.fields["from"] = forms.DateField(label="From", required=False, widget=date_input)
        self.fields["to"] = forms.DateField(label="To", required=False, widget=date_input)

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        self.truncated = len(query) > MAX_QUERY_LENGTH
        return query[:MAX_QUERY_LENGTH].strip()

    def clean(self):
        data = super().clean()
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            self.add_error("to", "The end date is before the start date.")
        return data

    def search_arguments(self) -> dict:
        """Keyword arguments for `search_articles()` from the valid fields (call `is_valid()`)."""
        data = self.cleaned_data
        return {
            "query": data.get("q", ""),
            "section": data.get("section"),
            "place": data.get("place"),
            "topic": data.get("topic"),
            "author": data.get("author"),
            "date_from": data.get("from"),
            "date_to": data.get("to"),
            "newest_first": data.get("sort") == "newest",
        }

    def active_filters(self) -> list[tuple[str, str, str]]:
        """(field name, label, value shown) for each valid filter in use."""
        data = self.cleaned_data
        active = [
            (name, self.fields[name].label, str(data[name]))
            for name in ("section", "place", "topic", "author")
            if data.get(name)
        ]
        active += [
            (name, self.fields[name].label, format_date(data[name], "F j, Y"))
            for name in ("from", "to")
            if data.get(name)
        ]
        return active
