"""Pages of a story list read one row ahead instead of counted.

Django's paginator counts every row before it shows a page, and counting the published stories
of a large newsroom costs more than reading the page itself (a scan of every story against the
publishing rules, on each page view). A list of stories needs only to know whether an older
page exists: reading one row more than the page holds tells it. Lists that show how many rows
they hold (search results) keep Django's paginator.
"""

from django.http import Http404


class StoryPage:
    """One page of rows, numbered from 1, with whether a newer and an older page exist.

    Answers to what the list templates ask of Django's `Page` (`number`, `has_next`,
    `previous_page_number`, …).
    """

    def __init__(self, rows: list, number: int, per_page: int):
        self.object_list = rows[:per_page]
        self.number = number
        self.per_page = per_page
        self._has_next = len(rows) > per_page

    @classmethod
    def read(cls, rows, number, per_page: int) -> "StoryPage":
        """The page `number` (as given in the address: a string, or None for the first), read
        with one row beyond it by `rows(start, stop)`. A number that is not a whole number of 1
        or more is a 404, as with Django's paginator."""
        try:
            number = int(number or 1)
        except (TypeError, ValueError):
            raise Http404("That is not a page number.") from None
        if number < 1:
            raise Http404("That is not a page number.")
        start = (number - 1) * per_page
        return cls(list(rows(start, start + per_page + 1)), number, per_page)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0
