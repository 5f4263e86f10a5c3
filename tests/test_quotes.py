"""Finding direct quotations in story text and who said them (articles.analysis.quotes)."""

import re
from pathlib import Path

import pytest

from articles.analysis.quotes import FoundQuote, extract_quotes

FIXTURES = Path(__file__).parent / "fixtures" / "quotes"


def paragraphs(path: Path) -> list[str]:
    """Blocks between blank lines, as the plain-text importer splits a body."""
    text = path.read_text(encoding="utf-8")
    return [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]


def speakers(paras: list[str]) -> list[tuple[str, str, str]]:
    return [(q.speaker, q.speaker_title, q.text) for q in extract_quotes(paras)]


def only(paras: list[str]) -> FoundQuote:
    quotes = extract_quotes(paras)
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“The bridge will reopen on Monday,” Roe said.",
        "“The bridge will reopen on Monday,” said Roe.",
        '"The bridge will reopen on Monday," Roe said.',
        "“The bridge will reopen on Monday,” Roe told reporters.",
        "“The bridge will reopen on Monday,” Roe added.",
        "“The bridge will reopen on Monday,” Roe wrote in an email.",
        "“The bridge will reopen on Monday,” Roe says.",
        "“The bridge will reopen on Monday,” according to Roe.",
        "“The bridge will reopen on Monday,” said a statement from Roe.",
        "“The bridge will reopen on Monday,” according to a statement from Roe.",
        "“The bridge will reopen on Monday,” Roe, a spokesman for the agency, said.",
        "“The bridge will reopen on Monday,” Roe said Tuesday in a telephone interview.",
        "Roe said: “The bridge will reopen on Monday.”",
        "Roe told reporters, “The bridge will reopen on Monday.”",
        "In a statement on Tuesday, Roe said: “The bridge will reopen on Monday.”",
        "“Will the bridge reopen on Monday?” Roe asked.",
        "Roe on Friday said: “The bridge will reopen on Monday.”",
        "“The bridge will reopen on Monday,” Roe said, adding, “if the weather holds.”",
    ],
)
def test_attribution_patterns_name_the_speaker(paragraph):
    intro = "Highway Superintendent Dana Roe oversaw the repairs this fall."
    quote = only([intro, paragraph])
    assert (quote.speaker, quote.speaker_title) == ("Dana Roe", "Superintendent")
    assert quote.text.startswith(("The bridge will reopen on Monday", "Will the bridge"))
    assert quote.paragraph == 1


def test_partial_quotation_goes_to_the_subject_of_the_verb():
    quote = only(["Councilwoman Ada Pike said the budget “will never pay for itself” this year."])
    assert (quote.speaker, quote.speaker_title, quote.text) == (
        "Ada Pike",
        "Councilwoman",
        "will never pay for itself",
    )


def test_quotation_continuing_after_the_attribution_stays_one_quote():
    quotes = extract_quotes(
        [
            "“We need more buses,” Mayor Ted Okonkwo said. “We need them this winter.”",
            "“The route is too long,” said Ines Barros, “and the stops are too far apart.”",
        ]
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Ted Okonkwo", "We need more buses. We need them this winter."),
        ("Ines Barros", "The route is too long, and the stops are too far apart."),
    ]


def test_quotation_running_over_paragraphs_stays_one_quote():
    quotes = extract_quotes(
        [
            "“We voted for the plan,” said Lena Ortiz. “It was not an easy vote.",
            "“But it was the right one.”",
        ]
    )
    assert [(q.speaker, q.text, q.paragraph) for q in quotes] == [
        (
            "Lena Ortiz",
            "We voted for the plan. It was not an easy vote. But it was the right one.",
            0,
        )
    ]


def test_bare_quotation_after_an_attributed_one_continues_its_speaker():
    quotes = extract_quotes(
        [
            "“The clinic will stay open,” the county health board said in a statement.",
            "Health Director Omar Reyes joined the board in May.",
            "“Our nurses will keep their jobs,” Reyes said.",
            "“Nobody will lose coverage.”",
        ]
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("the county health board", "The clinic will stay open"),
        ("Omar Reyes", "Our nurses will keep their jobs"),
        ("Omar Reyes", "Nobody will lose coverage."),
    ]


def test_bare_quotation_after_narrative_has_no_speaker():
    quotes = extract_quotes(
        [
            "“The water came up fast,” said Paul Greer.",
            "Firefighters pulled two people from a car on Elm Street.",
            "“It was over in minutes.”",
        ]
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Paul Greer", "The water came up fast"),
        ("", "It was over in minutes."),
    ]


def test_surname_and_pronoun_resolve_to_full_name_and_title():
    quotes = extract_quotes(
        [
            "ELMWOOD — Westport Police Chief Mara Koenig said patrols would double downtown.",
            "“We hear the concerns,” Koenig said.",
            "Deputy Mayor Victor Hale disagreed with the plan.",
            "“More officers are not the answer,” he said.",
            "Koenig said she would meet merchants Friday. “Come talk to us,” she said.",
        ]
    )
    assert [(q.speaker, q.speaker_title) for q in quotes] == [
        ("Mara Koenig", "Police Chief"),
        ("Victor Hale", "Deputy Mayor"),
        ("Mara Koenig", "Police Chief"),
    ]


def test_described_speakers_and_bodies_are_kept_as_the_story_words_them():
    quotes = extract_quotes(
        [
            "“We were told nothing,” one resident said.",
            "“The department regrets the delay,” the department said.",
            "“It’s about time,” they said.",
        ]
    )
    assert [(q.speaker, q.speaker_kind, q.text) for q in quotes] == [
        ("one resident", "described", "We were told nothing"),
        ("the department", "organisation", "The department regrets the delay"),
        ("", "person", "It’s about time"),
    ]


def test_scare_quotes_and_titles_are_not_quotations():
    paras = [
        "Parks Director Lou Mendes said the “pilot” program would end, calling it a “success.”",
        "The band played “The Long Road Home Again” at the Harbor Festival, Mendes said.",
        "Mendes called the new “smart” meters a “headache for everyone involved.”",
    ]
    assert speakers(paras) == [("Lou Mendes", "Director", "headache for everyone involved.")]


def test_role_reference_resolves_to_the_person_holding_it():
    quotes = extract_quotes(
        [
            "“Service resumes at noon,” said Jo Park, a spokeswoman for the transit authority.",
            "“Riders should check the website,” the spokeswoman said.",
        ]
    )
    assert [(q.speaker, q.speaker_title) for q in quotes] == [
        ("Jo Park", "spokeswoman"),
        ("Jo Park", "spokeswoman"),
    ]


def test_named_organisation_can_speak_but_a_document_cannot():
    quotes = extract_quotes(
        [
            "“Trains will run every 20 minutes,” the Metro-North Railroad said.",
            "“Expect delays,” the statement said.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Metro-North Railroad", ""]


def test_empty_and_unbalanced_input():
    assert extract_quotes([]) == []
    assert extract_quotes(["", "No quotations here at all."]) == []
    quote = only(["“This quotation never closes, said nobody in particular"])
    assert quote.speaker == ""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "harbor-fire.txt",
            [
                ("Marisol Okafor", "Fire Chief", "We had crews on scene"),
                ("Dmitri Vance", "deputy chief", "That is a recipe"),
                ("Priya Raman", "", "I thought a car had hit the house. Then I saw"),
                ("Harold Beckwith", "First Selectman", "Nobody is going to be left"),
                ("Ellen Marsh", "Town spokeswoman", "We are grateful to the volunteers"),
                ("the fire marshal’s office", "", "If you saw something"),
                ("", "", "It was the scariest night"),
            ],
        ),
        (
            "school-vote.txt",
            [
                ("Renata Solis", "Superintendent", "We have 140 children"),
                ("Thomas Greer", "Board member", "put the burden on the families"),
                ("Thomas Greer", "Board member", "I am not convinced"),
                ("Renata Solis", "Superintendent", "The study exists. It's on"),
                ("Alicia Moreno", "Parent", "Birchwood is the only school"),
                ("Kevin Osei", "father", "What happens to the crossing guards?"),
                ("Linda Park", "Board President", "We listened for four months"),
                ("Renata Solis", "Superintendent", "Our first job"),
                ("one mother", "", "We'll be back"),
                ("Alicia Moreno", "Parent", "We are not against saving money"),
            ],
        ),
        (
            "river-permits.txt",
            [
                ("Celia Brandt", "Mayor", "the only responsible thing"),
                ("Celia Brandt", "Mayor", "I will not issue another permit"),
                ("Marcus Oyelaran", "State Rep.", "There are families"),
                ("Luis Ferreira", "spokesman", "following the situation closely"),
                ("Hartwell Builders Association", "", "a blunt instrument"),
                ("Greta Lindqvist", "executive director", "Nobody asked us"),
                ("the department", "", "We share the city’s concern"),
                ("Omar Haddad", "", "My basement has been under water"),
                ("Celia Brandt", "Mayor", "If we need more time"),
                ("", "", "It’s about time"),
            ],
        ),
        (
            "airline-grounding.txt",
            [
                ("Dana Whitfield", "spokeswoman", "Safety comes first"),
                ("Dana Whitfield", "spokeswoman", "We are calling every affected customer"),
                ("An agency official", "", "not unusual for aircraft of that age."),
                ("Rob Delaney", "Passenger", "I have a wedding to get to. I'm renting a car."),
                ("Priyanka Sethi", "analyst", "exactly what a careful airline should do."),
                ("Priyanka Sethi", "analyst", "People will be annoyed for a weekend. They would"),
                ("Priyanka Sethi", "analyst", "Would you rather they flew?"),
                ("Rob Delaney", "Passenger", "Better late than never"),
            ],
        ),
    ],
)
def test_written_articles(name, expected):
    found = speakers(paragraphs(FIXTURES / name))
    assert len(found) == len(expected), found
    for (speaker, title, text), (want_speaker, want_title, want_start) in zip(
        found, expected, strict=True
    ):
        assert (speaker, title) == (want_speaker, want_title), text
        assert text.startswith(want_start)


def test_multi_paragraph_quotation_in_written_article_is_joined():
    found = extract_quotes(paragraphs(FIXTURES / "school-vote.txt"))
    assert found[-1].text == (
        "We are not against saving money. We are against saving it on the backs of "
        "seven-year-olds. Find it somewhere else."
    )


def test_seed_article_quotes_are_attributed_to_the_lieutenant(corpus):
    found = extract_quotes(paragraphs(corpus / "westport-ice-raids.txt"))
    spoken = [q for q in found if "Prezioso" in q.speaker]
    reported = [q for q in found if q not in spoken]
    assert [q.text.split()[:5] for q in spoken] == [
        ["The", "Westport", "Police", "Department", "is"],
        ["This", "department", "strictly", "adheres", "to"],
        ["The", "Westport", "Police", "Department", "recognizes"],
    ]
    assert all((q.speaker, q.speaker_title) == ("Anthony Prezioso", "Lt.") for q in spoken)
    # The third one goes on after its attribution and stays one quotation.
    assert spoken[2].text.endswith("with the respect and dignity that they deserve.")
    assert "As has been set forth as a guiding principle" in spoken[2].text
    # The only other quotation is the newspaper's words; the scare-quoted term is no quotation.
    assert [(q.speaker, q.text.split()[:3]) for q in reported] == [
        ("New York Times", ["authorities", "might", "detain"])
    ]
    assert not any(q.text == "collateral" for q in found)


def test_participle_attribution_goes_to_the_sentence_subject():
    quote = only(
        ["Harbor Water Co. denied the claim Monday, saying, “Every test this year has passed.”"]
    )
    assert (quote.speaker, quote.text) == ("Harbor Water Co.", "Every test this year has passed.")


def test_quotation_around_a_described_speaker_stays_whole():
    quote = only(["“Nothing was decided,” one board member said, “and nothing will be until May.”"])
    assert (quote.speaker, quote.speaker_kind, quote.text) == (
        "one board member",
        "described",
        "Nothing was decided, and nothing will be until May.",
    )


def test_role_named_before_the_person_and_a_plain_word_before_a_role():
    quotes = extract_quotes(
        [
            "The mayor of Eastbrook, Nora Quint, met the families on Sunday.",
            "“We will rebuild every house,” she said.",
            "“The schedule holds,” ferry boss Ian Tulloch told reporters.",
        ]
    )
    assert [(q.speaker, q.speaker_title) for q in quotes] == [
        ("Nora Quint", "mayor"),
        ("Ian Tulloch", "boss"),
    ]


def test_pronoun_prefers_a_person_newly_named_in_its_paragraph():
    quotes = extract_quotes(
        [
            "“Prices doubled,” said Farah Idris, who runs the corner market.",
            "In 2019, Tom Becker, then a line cook, opened a diner. “It was a gamble,” he said.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Farah Idris", "Tom Becker"]


def test_german_quotation_marks():
    quote = only(["„Wir bauen die Brücke neu“, sagte Bürgermeisterin Anna Roth."])
    assert quote.text == "Wir bauen die Brücke neu"


def test_he_and_she_keep_to_the_people_they_first_stood_for():
    quotes = extract_quotes(
        [
            "“We start Monday,” said Principal Ruth Adler.",
            "“It’s a good plan,” she said.",
            "Building engineer Ben Ortiz said the boilers were fixed.",
            "“They run fine now,” he said.",
            "“We are ready,” she said.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Ruth Adler", "Ruth Adler", "Ben Ortiz", "Ruth Adler"]


def test_role_then_name_between_commas_and_unnamed_roles():
    quotes = extract_quotes(
        [
            "Police Chief Dana Roe spoke on Monday.",
            "“We will appeal,” the family’s lawyer, Jane Doe, said.",
            "“The road was icy,” according to a police report.",
            "“Nobody was hurt,” a spokesman said.",
            "“It could have been worse,” police said.",
        ]
    )
    assert [(q.speaker, q.speaker_title, q.speaker_kind) for q in quotes] == [
        ("Jane Doe", "lawyer", "person"),
        ("", "", "person"),
        ("a spokesman", "", "described"),
        ("police", "", "organisation"),
    ]


def test_quotation_after_a_paragraph_ending_in_a_colon():
    quote = only(
        [
            "In a letter to parents, Principal Ruth Adler wrote:",
            "“School will open two hours late on Monday.”",
        ]
    )
    assert (quote.speaker, quote.speaker_title, quote.paragraph) == ("Ruth Adler", "Principal", 1)


def test_title_of_a_work_in_a_sentence_is_no_quotation():
    paras = ["Mayor Ted Okonkwo said the film “Gone with the Wind and Rain” drew a crowd."]
    assert extract_quotes(paras) == []


def test_single_quotation_marks_where_no_double_ones_are_used():
    quote = only(["‘We won’t give up,’ said Amy Jones, the club’s captain. ‘Not this year.’"])
    assert (quote.speaker, quote.speaker_title, quote.text) == (
        "Amy Jones",
        "captain",
        "We won’t give up. Not this year.",
    )


def test_partial_quotation_in_a_sentence_closed_by_its_attribution():
    quotes = extract_quotes(
        [
            "The new bridge has brought “more traffic than anyone planned for” to Elm Street, "
            "said Priya Das, a Harbor College planner.",
            "“We will need a second lane,” she said.",
        ]
    )
    assert [(q.speaker, q.speaker_title, q.text) for q in quotes] == [
        ("Priya Das", "planner", "more traffic than anyone planned for"),
        ("Priya Das", "planner", "We will need a second lane"),
    ]


def test_later_sentence_of_the_same_paragraph_keeps_its_speaker_unless_another_takes_over():
    quotes = extract_quotes(
        [
            "“We lost the barn,” said farmer Ed Lang. He looked at the field. “We kept the cows.”",
            "“The road is open,” said Ann Wu. Ed Lang shook his head. “It floods every spring.”",
        ]
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Ed Lang", "We lost the barn"),
        ("Ed Lang", "We kept the cows."),
        ("Ann Wu", "The road is open"),
        ("", "It floods every spring."),
    ]


def test_quotation_resumed_after_an_abbreviation_stays_one():
    quote = only(["“Sales are up,” said Jo Kim of Kim Bros. Inc. “Staff are not.”"])
    assert (quote.speaker, quote.text) == ("Jo Kim", "Sales are up. Staff are not.")


def test_pull_quote_without_its_full_stop_inherits_no_speaker():
    quotes = extract_quotes(
        [
            "“The ferry runs at dawn,” said harbormaster Lou Penn.",
            "“Every town on this coast deserves a way out in a storm”",
        ]
    )
    assert [q.speaker for q in quotes] == ["Lou Penn", ""]


def test_quoted_modifier_before_a_noun_is_a_term_not_a_quotation():
    quotes = extract_quotes(
        [
            "Mayor Jo Kim said the “pay as you go” system would fail.",
            "Kim called it a “disgrace to the city and its people” that must end.",
        ]
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Jo Kim", "disgrace to the city and its people")
    ]


def test_courtesy_titles_tell_he_from_she():
    quotes = extract_quotes(
        [
            "Ruth Adler and Ben Ortiz run the hardware store on Main Street.",
            "“We open at six,” Ms. Adler said.",
            "Mr. Ortiz fixed the sign on Tuesday.",
            "“It took all day,” she said.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Ruth Adler", "Ruth Adler"]


# Each kind of miss found on real copy, in the newsroom's own sentences -------------------------


@pytest.mark.parametrize(
    ("paragraph", "speaker", "kind"),
    [
        (
            "“The pumps failed at dawn,” a spokesman for the water board said.",
            "a spokesman for the water board",
            "described",
        ),
        ("“Nobody warned us,” one resident said.", "one resident", "described"),
        (
            "“We are reviewing it,” a senior official, who was not authorised to speak, said.",
            "a senior official",
            "described",
        ),
        (
            "“Flights resume on Friday,” the airline said in a statement.",
            "the airline",
            "organisation",
        ),
        (
            "“We stand by our reporting,” The Hartwell Courier reported.",
            "Hartwell Courier",
            "organisation",
        ),
        ("“We were told nothing,” said one resident.", "one resident", "described"),
        (
            "“Sailings resume at noon,” said a spokeswoman for the ferry operator.",
            "a spokeswoman for the ferry operator",
            "described",
        ),
        (
            "“The water was up to my knees,” said a woman who lives on the quay.",
            "a woman",
            "described",
        ),
        (
            "A senior official, who spoke on condition of anonymity, said: “No deal this week.”",
            "A senior official",
            "described",
        ),
    ],
)
def test_described_sources_and_organisations_speak_as_the_story_words_them(
    paragraph, speaker, kind
):
    quote = only([paragraph])
    assert (quote.speaker, quote.speaker_kind) == (speaker, kind)


def test_the_airline_is_the_body_the_story_named():
    quotes = extract_quotes(
        [
            "Coastal Airways grounded six planes on Monday.",
            "“Safety comes before the timetable,” the airline said in a statement.",
            "“We are sorry for the delay,” it said.",
        ]
    )
    assert [(q.speaker, q.speaker_kind) for q in quotes] == [
        ("Coastal Airways", "organisation")
    ] * 2


@pytest.mark.parametrize(
    "paragraph",
    [
        "“We should have listened,” Varga thought.",
        "“Get out of the water!” Varga shouted.",
        "“Get out of the water!” she’d shouted.",
        "“The ferry is late again,” Varga emails.",
        "“Please reopen the clinic,” Varga pleaded.",
        "“That is a fairy tale,” Varga laughed.",
        "“The bridge is older than the town,” Varga pointed out.",
        "The Hartwell Courier quoted Varga as saying “the budget is a mess.”",
        "“The budget is a mess,” Varga was quoted as saying.",
        "“We will be back,” Varga promised.",
        "“It is a scandal,” fumed Varga.",
        "“And another thing,” Varga went on.",
        "“The budget is a mess,” Varga had said.",
        "“The budget is a mess,” Varga would later say.",
        "“The budget is a mess,” said the council’s chair, Ines Varga.",
        "“The budget is a mess,” Varga revealed.",
        "“The budget is a mess,” Varga sobbed.",
        "“The budget is a mess,” Varga marvelled.",
        "“The budget is a mess,” Varga laughs.",
        "“The budget is a mess,” Varga hit back.",
        "Varga hit back: “The budget is a mess.”",
        "“The budget is a mess,” chimed in Varga.",
        "“The budget is a mess,” Varga interrupted.",
        # Verbs that report speech only as the tag right after a quotation.
        "“The budget is a mess,” Varga smiled.",
        "“The budget is a mess,” Varga offered.",
    ],
)
def test_speech_verbs_in_every_form(paragraph):
    quote = only(["Councillor Ines Varga chaired the meeting.", paragraph])
    assert quote.speaker == "Ines Varga"


def test_verbs_that_only_tag_a_quotation_give_no_speaker_elsewhere():
    quotes = extract_quotes(
        [
            "Councillor Ines Varga chaired the meeting.",
            "Varga smiled at “the longest budget meeting the council has ever sat through.”",
            "The city offered “a generous package for every family on the street.”",
        ]
    )
    assert [q.speaker for q in quotes] == ["", ""]


def test_a_short_quotation_after_a_speech_verb_is_speech_and_a_scare_quote_is_not():
    quotes = extract_quotes(
        [
            "Mayor Tomas Brandt took questions on Friday.",
            "Asked about a tax rise, Brandt said “no way.”",
            "He called the plan a “success” and left for the “retreat.”",
            "Asked whether he would resign, Brandt said simply, “No.”",
            "Brandt told reporters “absolutely not.”",
            "Brandt said “thank you” and left.",
            "Residents reported “strange smells” and loud bangs.",
            "Brandt said the scheme was “dead” and walked out.",
        ]
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Tomas Brandt", "no way."),
        ("Tomas Brandt", "No."),
        ("Tomas Brandt", "absolutely not."),
        ("Tomas Brandt", "thank you"),
    ]


def test_pronouns_reach_only_people_of_the_same_sex():
    quotes = extract_quotes(
        [
            "Officer Ruth Calloway and Sergeant Marcus Bell arrived first.",
            "Bell said the doors were locked.",
            "“We broke the glass,” she said.",
            "Hartwell announced a curfew on Monday.",
            "“Stay inside after dark,” it said.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Ruth Calloway", ""]


def test_a_verbless_quotation_goes_to_who_spoke_in_the_sentence_before():
    quote = only(
        [
            "Planner Odile Mercer summed up the dispute with a proverb. "
            "“Good fences make good neighbours.”"
        ]
    )
    assert quote.speaker == "Odile Mercer"


def test_a_sentence_that_only_says_its_subject_speaks_gives_the_quotation_after_it():
    quotes = extract_quotes(
        [
            "Planner Odile Mercer was blunt about the bypass. “A waste of money.”",
            "Mercer had a simple verdict on the ring road: “Worse.”",
            "Engineer Piet Claes, who built the old bridge, put it this way:",
            "“Every bridge is a promise.”",
            "Claes hung a sign on the gate: “Closed for repairs.”",
        ]
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Odile Mercer", "A waste of money."),
        ("Odile Mercer", "Worse."),
        ("Piet Claes", "Every bridge is a promise."),
        ("", "Closed for repairs."),
    ]


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Planner Odile Mercer was adamant. “The bypass will not be built.”"],
        ["Planner Odile Mercer was more cautious. “The bypass may not be built.”"],
        ["Planner Odile Mercer took to Twitter. “The bypass is a disaster.”"],
        ["Planner Odile Mercer is unrepentant.", "“The bypass is a disaster.”"],
        ["Odile Mercer, 52, has a simple explanation.", "“The river came through the door.”"],
    ],
)
def test_a_sentence_on_how_someone_spoke_gives_them_the_quotation_after_it(paragraphs):
    assert only(paragraphs).speaker == "Odile Mercer"


def test_a_sentence_about_something_else_gives_the_quotation_after_it_no_one():
    quotes = extract_quotes(
        [
            "Planner Odile Mercer sold the house.",
            "“The river came through the door.”",
            "Mercer was adamant about the “green belt” rules.",
        ]
    )
    assert [q.speaker for q in quotes] == [""]


def test_the_subject_of_a_passive_verb_is_not_the_speaker():
    quotes = extract_quotes(
        [
            "Tomas Roe, a grocer, was charged with “selling spoiled meat to three schools.”",
            "Roe was asked about the charge. “It is a misunderstanding.”",
            "“Mistakes happen,” the Hartwell Courier quoted Roe as saying.",
        ]
    )
    assert [q.speaker for q in quotes] == ["", "Tomas Roe", "Tomas Roe"]


@pytest.mark.parametrize(
    ("paragraphs", "speaker", "kind"),
    [
        (["“Not so fast,” replied her rival, Ben Ode."], "Ben Ode", "person"),
        (["“We are devastated,” the family said in a statement."], "the family", "organisation"),
        (["The judge told Roe: “You showed no remorse.”"], "the judge", "described"),
        (["“Don’t shoot,” the man yelled, according to witnesses."], "the man", "described"),
        (
            ["According to the indictment, Tomas Roe “misled investigators on three occasions.”"],
            "",
            "person",
        ),
    ],
)
def test_who_is_named_or_described_after_the_verb(paragraphs, speaker, kind):
    quote = extract_quotes(paragraphs)[-1]
    assert (quote.speaker, quote.speaker_kind) == (speaker, kind)


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("Ines Varga, 45, whose son was hurt, says: “Nobody told us.”", "Ines Varga"),
        ("“We will act,” a Downing Street source said.", "a Downing Street source"),
        (
            "“We will act,” said two people familiar with the talks.",
            "two people familiar with the talks",
        ),
        ("“We will act,” the prime minister’s official spokesman said.", "the official spokesman"),
        ("“We love it,” the couple said.", "the couple"),
    ],
)
def test_ages_possessive_owners_and_described_groups_before_or_after_the_verb(paragraph, speaker):
    assert only([paragraph]).speaker == speaker


@pytest.mark.parametrize(
    ("paragraph", "speaker", "kind"),
    [
        (
            "A spokesman for the Department for Transport said: “Trains will run.”",
            "A spokesman for the Department for Transport",
            "described",
        ),
        ("“Teenagers need nine hours,” the researchers wrote.", "the researchers", "described"),
        ("The study’s authors concluded: “Teenagers need nine hours.”", "the authors", "described"),
        (
            "“Exams go ahead,” the Department for Education said.",
            "Department for Education",
            "organisation",
        ),
        ("“Exams go ahead,” the State Department said.", "State Department", "organisation"),
        ("The County Council said: “Exams go ahead.”", "County Council", "organisation"),
        ("“Exams go ahead,” the Prime Minister said.", "the prime minister", "described"),
        (
            "“Exams go ahead,” a Department for Education spokesperson said.",
            "a Department for Education spokesperson",
            "described",
        ),
    ],
)
def test_those_who_speak_for_a_body_or_a_study(paragraph, speaker, kind):
    quote = only([paragraph])
    assert (quote.speaker, quote.speaker_kind) == (speaker, kind)


def test_a_quotation_introduced_as_someones_words_is_theirs():
    quotes = extract_quotes(
        [
            "Dr. Ines Varga studies sleep at Hartwell University.",
            "Varga’s advice: “Go to bed.”",
            "In Varga’s words: “Sleep is not optional.”",
            "Hartwell University’s motto: “Light and truth.”",
        ]
    )
    assert [q.speaker for q in quotes] == ["Ines Varga", "Ines Varga", ""]


def test_first_person_words_after_a_speakers_quotation_are_still_theirs():
    quotes = extract_quotes(
        [
            "“I was shocked,” said Ines Varga, a fish buyer. The price is “as low as I’ve seen.”",
            "The mayor, Tom Ode, praised the market. Prices were “the lowest in the county.”",
        ]
    )
    assert [q.speaker for q in quotes] == ["Ines Varga", "Ines Varga", ""]


def test_a_participle_goes_to_the_name_set_off_after_a_role():
    quote = only(
        [
            "The leader of the party, Ines Varga, condemned the attack, saying in a statement "
            "that it “will not break our will.”"
        ]
    )
    assert quote.speaker == "Ines Varga"


def test_a_role_goes_to_its_holder_named_after_it_or_stays_unnamed():
    quotes = extract_quotes(
        [
            "“This will not stand,” the governor wrote on Twitter.",
            "Gov. Ines Varga has been in office since 2019.",
            "“We will appeal,” said Varga’s lawyer, Tom Ode.",
            "The Hartwell Lumber Company, founded in 1910, makes doors.",
            "“Demand is strong,” it said.",
            "“Guilty,” the judge said.",
        ]
    )
    assert [(q.speaker, q.speaker_kind) for q in quotes] == [
        ("Ines Varga", "person"),
        ("Tom Ode", "person"),
        ("Hartwell Lumber Company", "organisation"),
        ("the judge", "described"),
    ]


def test_speaking_to_a_crowd_and_a_given_name_alone_lead_to_the_next_quotation():
    quotes = extract_quotes(
        [
            "Ines Varga spoke to reporters outside the court. “I am innocent.”",
            "Tom Ode addressed the crowd. “We will win.”",
            "The ruling angered Mary Ode. Her brother Luke welcomed it.",
            "“Justice was done,” he said.",
            "“I still remember the smoke,” Varga remembers.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Ines Varga", "Tom Ode", "Luke", "Ines Varga"]


def test_a_bare_quotation_goes_on_after_sentences_about_the_same_speaker():
    quotes = extract_quotes(
        [
            "Ines Varga runs the bakery on Mill Lane.",
            "“We are closing,” Varga said. She has run the shop since 1990.",
            "“It breaks my heart.”",
            "“We tried everything,” Varga said. Her customers were stunned.",
            "“Nobody saw it coming.”",
        ]
    )
    assert [q.speaker for q in quotes] == ["Ines Varga"] * 3 + [""]


def test_epithets_colons_a_missing_comma_and_put_it():
    quotes = extract_quotes(
        [
            "Former Sen. Ines Varga runs a charity in Ohio.",
            "“The system is rigged,” the 45-year-old said.",
            "“We will fix it,” the Ohio Democrat told reporters.",
            "“It is over” Varga said.",
            "Tom Ode asked Varga: “Is it rigged?” Varga said: “Yes.”",
            "As the writer Ann Lee once put it, “We tell ourselves stories in order to live.”",
        ]
    )
    assert [q.speaker for q in quotes] == [
        "Ines Varga",
        "Ines Varga",
        "Ines Varga",
        "Tom Ode",
        "Ines Varga",
        "Ann Lee",
    ]


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        (["“Further research is needed,” the study authors note."], "the study authors"),
        (["“She is devastated,” sources close to the family said."], "sources close to the family"),
        (["“It is a scandal,” said the father-of-two, Tom Ode."], "Tom Ode"),
        (["Tom Ode is furious.", "“It is a scandal,” the father-of-two said."], "Tom Ode"),
    ],
)
def test_study_authors_sources_and_a_father_of_two(paragraphs, speaker):
    assert extract_quotes(paragraphs)[-1].speaker == speaker


def test_a_term_or_nickname_with_an_attribution_after_it_is_no_quotation():
    quotes = extract_quotes(
        [
            "Tom Ode runs the council.",
            "The word “resilience,” Ode said, is overused.",
            "Ode, nicknamed “the Bulldozer,” said he would run.",
            "Ode said “no way,” and left.",
        ]
    )
    assert [(q.speaker, q.text) for q in quotes] == [("Tom Ode", "no way")]


def test_a_name_or_a_source_before_a_colon_gives_the_quotation_after_it():
    quotes = extract_quotes(
        [
            "Ines Varga runs the shelter.",
            "Varga: “It is the new normal.”",
            "After the talk, a question came from a member of the audience: “Why now?”",
            "The parcel came from Leeds: “Handle with care.”",
        ]
    )
    assert [q.speaker for q in quotes] == ["Ines Varga", "a member of the audience", ""]


def test_they_is_only_a_group_that_just_spoke():
    quotes = extract_quotes(
        [
            "“Teenagers need nine hours,” the researchers wrote.",
            "“Schools should start later,” they added.",
            "Tom Ode and Ann Lee run the bakery.",
            "“We love it,” they said.",
        ]
    )
    assert [q.speaker for q in quotes] == ["the researchers", "the researchers", ""]


def test_a_participle_after_a_speech_verb_goes_to_its_speaker():

    quotes = extract_quotes(
        [
            "Baker Ines Varga opened at six.",
            "“Nobody told us,” she says, adding that the council “should have known better.”",
            "Varga and her landlord, Tom Ode, argued. “The rent is too low,” the landlord said.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Ines Varga", "Ines Varga", "Tom Ode"]


def test_a_person_named_only_by_courtesy_title_takes_her_pronoun():

    quotes = extract_quotes(
        [
            "Mrs Okafor met Ben Ode at the depot on Monday.",
            "“We agreed on nothing,” she said. “Nothing at all,” he replied.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Okafor", "Ben Ode"]


def test_a_lead_in_paragraph_names_the_speaker_of_the_quotation_after_it():

    quotes = extract_quotes(
        [
            "Farmer Kwame Asante lost his barn in the flood. Here is what he told us.",
            "“The water came up through the floorboards.”",
            "What did the insurer say?",
            "“We cannot comment on a claim.”",
        ]
    )
    assert [q.speaker for q in quotes] == ["Kwame Asante", ""]


def test_the_one_asking_in_a_when_clause_is_not_the_one_answering():
    quotes = extract_quotes(
        [
            "When reporter Lena Holt asked about the delay, Mayor Tomas Brandt shrugged.",
            "“These things take time.”",
            "When Holt asked whether he would resign, “Absolutely not,” Brandt said.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Tomas Brandt", "Tomas Brandt"]


def test_british_single_marks_are_the_outer_quotation():
    quotes = extract_quotes(
        [
            "‘We were told “wait for the bus”, but it never came,’ said Eileen Doyle, a commuter.",
            "‘It was a shambles,’ Mrs Doyle added.",
        ]
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Eileen Doyle", "We were told “wait for the bus”, but it never came"),
        ("Eileen Doyle", "It was a shambles"),
    ]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("Jane Roe of Hartwell said: “We will vote on it.”", "Jane Roe"),
        ("Jane Roe of the Hartwell Trust said: “We will vote on it.”", "Jane Roe"),
        ("A friend of the family said: “We will vote on it.”", "A friend of the family"),
        ("Jane Roe told the “Courier”: “We will vote on it.”", "Jane Roe"),
    ],
)
def test_a_person_from_somewhere_a_friend_of_the_family_and_a_paper_told(paragraph, speaker):
    quotes = extract_quotes([paragraph])
    assert [(q.speaker, q.text) for q in quotes] == [(speaker, "We will vote on it.")]


def test_british_quotations_typed_in_straight_single_marks():
    quotes = extract_quotes(
        [
            "Theo Brennan chairs the board.",
            "'We will vote on Tuesday,' said Mr Brennan. 'I don't see another way.'",
            "'It has been coming since the '90s', he told the Echo.",
            "The minister said the policy was 'working'. It's the workers' union, he said.",
        ]
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Theo Brennan", "We will vote on Tuesday. I don't see another way."),
        ("Theo Brennan", "It has been coming since the '90s"),
    ]


@pytest.mark.parametrize(
    ("paragraphs", "speaker", "title"),
    [
        (["“The count is final,” said J. R. Okonkwo."], "J. R. Okonkwo", ""),
        (["“Nothing changes,” said Zoë Ó Súilleabháin."], "Zoë Ó Súilleabháin", ""),
        (
            ["Theo Brennan chairs the board.", "“We will vote,” said Mr Brennan."],
            "Theo Brennan",
            "",
        ),
        (["“We will vote,” said Dr Amara Nwosu."], "Amara Nwosu", "Dr"),
        (
            ["Moon Jae-in addressed the crowd.", "“Peace is possible,” Moon said."],
            "Moon Jae-in",
            "",
        ),
        (["“We will vote,” said Ursula von der Leyen."], "Ursula von der Leyen", ""),
    ],
)
def test_names_with_initials_accents_courtesy_titles_and_surname_first(paragraphs, speaker, title):
    quote = extract_quotes(paragraphs)[-1]
    assert (quote.speaker, quote.speaker_title) == (speaker, title)
