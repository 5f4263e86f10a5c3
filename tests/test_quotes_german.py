"""Quotations in German copy and who said them (articles.analysis.quotes with German words)."""

import pytest

from articles.analysis.quotes import extract_quotes

INTRO = "Bürgermeisterin Anna Roth eröffnete am Montag die Sitzung des Stadtrats."


@pytest.mark.parametrize(
    "paragraph",
    [
        "„Wir bauen die Brücke neu“, sagte Bürgermeisterin Anna Roth.",
        "„Wir bauen die Brücke neu“, sagte Roth.",
        "„Wir bauen die Brücke neu“, sagt Roth.",
        "„Wir bauen die Brücke neu“, so Roth.",
        "„Wir bauen die Brücke neu“, erklärte Roth.",
        "„Wir bauen die Brücke neu“, betonte Roth.",
        "„Wir bauen die Brücke neu“, meinte Roth.",
        "„Wir bauen die Brücke neu“, fügte Roth hinzu.",
        "„Wir bauen die Brücke neu“, fügte sie hinzu.",
        "„Wir bauen die Brücke neu“, sagte Roth der Deutschen Presse-Agentur.",
        "»Wir bauen die Brücke neu«, sagte Roth.",
        "«Wir bauen die Brücke neu», sagte Roth.",
        "Roth sagte: „Wir bauen die Brücke neu.“",
        "Roth fügte hinzu: „Wir bauen die Brücke neu.“",
        "Am Dienstag sagte Roth: „Wir bauen die Brücke neu.“",
        "Dazu sagte Roth dem „Tageblatt“: „Wir bauen die Brücke neu.“",
        "Roth sagte, die Stadt werde „die alte Brücke noch in diesem Jahr abreißen“.",
    ],
)
def test_german_speech_verbs_and_marks_name_the_speaker(paragraph):
    quotes = extract_quotes([INTRO, paragraph])
    assert [(q.speaker, q.speaker_title) for q in quotes] == [("Anna Roth", "Bürgermeisterin")]


@pytest.mark.parametrize(
    ("paragraph", "speaker", "kind"),
    [
        (
            "„Die Züge fahren wieder“, erklärte der Sprecher der Bahn.",
            "der Sprecher",
            "described",
        ),
        (
            "Ein Sprecher des Ministeriums sagte: „Die Züge fahren wieder.“",
            "Ein Sprecher des Ministeriums",
            "described",
        ),
        ("„Wir haben lange gewartet“, sagten die Anwohner.", "die Anwohner", "described"),
        ("„Das war knapp“, meinte ein Anwohner.", "ein Anwohner", "described"),
        (
            "„Die Züge fahren wieder“, teilte das Unternehmen mit.",
            "das Unternehmen",
            "organisation",
        ),
        (
            "Schiedsrichter Jan Brandt aus Köln sagte nach dem Spiel: „Das war ein klares Foul.“",
            "Jan Brandt",
            "person",
        ),
        (
            "„Das war ein klares Foul“, sagte der frühere Sky-Experte Jan Brandt dem „Kicker“.",
            "Jan Brandt",
            "person",
        ),
    ],
)
def test_german_sources_described_named_and_bodies(paragraph, speaker, kind):
    quote = extract_quotes([paragraph])[-1]
    assert (quote.speaker, quote.speaker_kind) == (speaker, kind)


def test_german_quotation_continued_and_pronouns_of_the_right_sex():
    quotes = extract_quotes(
        [
            "Anna Roth und Peter Vogel stritten am Montag im Stadtrat.",
            "„Das ist ein großer Tag für die Stadt“, sagte Roth. „Wir haben lange gewartet.“",
            "Vogel widersprach ihr. „Das sehe ich anders“, sagte er.",
        ]
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Anna Roth", "Das ist ein großer Tag für die Stadt. Wir haben lange gewartet."),
        ("Peter Vogel", "Das sehe ich anders"),
    ]


def test_german_titles_and_terms_in_marks_get_no_speaker():
    quotes = extract_quotes(
        [
            INTRO,
            "Die Stadt nennt das Projekt „Brücke der Zukunft“.",
            "Roth warnte vor „Schnellschüssen“.",
            "Die Zeitung „Tageblatt“ berichtete zuerst über den Plan.",
        ]
    )
    assert [q.speaker for q in quotes] == []
