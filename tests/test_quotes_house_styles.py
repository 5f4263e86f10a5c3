"""Quote attribution on whole stories in the house styles the newsroom takes in: a US wire story,
a British broadsheet report and a magazine feature, written for these tests."""

import pytest

from articles.analysis.quotes import extract_quotes

WIRE = [
    "SPRINGFIELD, Ill. (AP) — State regulators on Tuesday fined Lakeshore Power $4.2 million over "
    "a blackout that left 80,000 homes without heat in January.",
    "“This was a failure of basic maintenance,” said Maria Delgado, chair of the Illinois Commerce "
    "Commission. “Customers paid for reliability and did not get it.”",
    "Lakeshore Power said in a statement that it “accepts the commission's findings in full” and "
    "had replaced the substation equipment blamed for the outage.",
    "The company's chief executive, Robert Haines, told reporters he was “deeply sorry” for the "
    "hardship.",
    "“We let people down,” Haines said. “We will earn their trust back.”",
    "Consumer advocates said the fine was too small. “It is a rounding error for a company this "
    "size,” said Tom Ricci of the Citizens Utility Board.",
    "One customer, retired teacher Linda Marsh, 71, said she spent two nights in her car. “I have "
    "never been so cold in my life,” she said.",
    "“Disgraceful,” one neighbor shouted at a hearing in Joliet.",
]
BROADSHEET = [
    "Ministers have been accused of “sleepwalking into a housing crisis” after figures showed the "
    "number of new homes fell for a third year.",
    "The Prime Minister, Sir Keir Starmer, said the figures were “deeply disappointing” but "
    "insisted the plan was working.",
    "‘We inherited a broken system,’ the Prime Minister told MPs. ‘It will take time to fix.’",
    "Kemi Badenoch, the Conservative leader, hit back: ‘Labour promised 1.5 million homes. They "
    "are nowhere near.’",
    "A Downing Street spokesman said: ‘We are confident the target will be met.’",
    "Housing charity Shelter said the figures were “a disgrace”. Its chief executive, Polly "
    "Neate, said: ‘Families are paying the price for years of inaction.’",
    "Mrs Badenoch later added that the target was ‘a fantasy’.",
]
MAGAZINE = [
    "The first time I met Dr. Aisha Rahman, she was elbow-deep in a bucket of river mud.",
    "“Everything you need to know about this river is in here,” she told me, holding up a "
    "handful. “You just have to know how to read it.”",
    "Rahman, a 44-year-old hydrologist at the University of Oregon, has spent a decade studying "
    "the Willamette.",
    "Her colleague Ben Ortiz is more blunt. “The river is sick, and we made it sick.”",
    "When I asked Rahman whether the damage could be undone, she paused for a long time.",
    "“Some of it,” she said finally. “Not all.”",
    "The locals call the stretch below the dam “the Dead Mile.”",
    "Ortiz put it this way:",
    "“If you want to see the future of American rivers, come here.”",
]


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        (
            WIRE,
            [
                "Maria Delgado",
                "Lakeshore Power",
                "Robert Haines",
                "Tom Ricci",
                "Linda Marsh",
                "one neighbor",
            ],
        ),
        (
            BROADSHEET,
            ["", "Keir Starmer", "Kemi Badenoch", "A Downing Street spokesman", "Polly Neate"],
        ),
        (MAGAZINE, ["Aisha Rahman", "Ben Ortiz"] * 2),
    ],
    ids=["wire", "broadsheet", "magazine"],
)
def test_every_quotation_of_a_story_gets_its_speaker_and_no_scare_quote_one(story, expected):
    assert [q.speaker for q in extract_quotes(story)] == expected


def test_sources_the_stories_describe_are_kept_as_described():
    quotes = extract_quotes(WIRE + BROADSHEET)
    described = {q.speaker for q in quotes if q.speaker_kind == "described"}
    assert described == {"one neighbor", "A Downing Street spokesman"}
