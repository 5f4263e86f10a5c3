import csv

from articles.analysis.topics import FoundTopic, find_topics


def seed(corpus):
    lines = (corpus / "westport-ice-raids.txt").read_text().splitlines()
    return lines[0], "\n\n".join(line for line in lines[1:] if line.strip())


def test_seed_article_on_an_empty_vocabulary_gets_ice_with_its_long_form(corpus):
    headline, body = seed(corpus)
    topics = find_topics(headline=headline, text=body)
    assert topics == [FoundTopic("ICE", ["Immigration and Customs Enforcement"])]


def test_seed_article_finds_vocabulary_topics_by_name_and_alias(corpus):
    headline, body = seed(corpus)
    vocabulary = [
        ("Immigration", ["Deportation"]),
        ("Public safety", []),
        ("Policing", ["Police Department"]),
        ("Schools", []),
    ]
    topics = find_topics(headline=headline, text=body, vocabulary=vocabulary)
    assert [t.name for t in topics] == ["Immigration", "Policing", "ICE"]


def test_known_acronym_topic_gains_the_long_form_as_an_alias(corpus):
    headline, body = seed(corpus)
    topics = find_topics(headline=headline, text=body, vocabulary=[("ICE", [])])
    assert topics == [FoundTopic("ICE", ["Immigration and Customs Enforcement"])]


def test_topic_named_by_its_long_form_is_the_one_found():
    vocabulary = [("Immigration and Customs Enforcement", ["ICE"])]
    text = "Agents of Immigration and Customs Enforcement came; ICE declined to comment."
    topics = find_topics(headline="", text=text, vocabulary=vocabulary)
    assert topics == [FoundTopic("Immigration and Customs Enforcement", ["ICE"])]


def test_alias_finds_the_topic():
    vocabulary = [("ICE", ["Immigration and Customs Enforcement"])]
    text = "Officers of Immigration and Customs Enforcement arrived."
    assert [t.name for t in find_topics(headline="", text=text, vocabulary=vocabulary)] == ["ICE"]


def test_acronyms_and_short_names_match_case_exactly():
    vocabulary = [("ICE", []), ("Arts", [])]
    assert (
        find_topics(headline="Roads covered in ice", text="Black ice.", vocabulary=vocabulary) == []
    )
    assert find_topics(headline="", text="Local arts thrive.", vocabulary=vocabulary) == []
    assert [t.name for t in find_topics(headline="ICE raids", text="", vocabulary=vocabulary)] == [
        "ICE"
    ]


def test_longer_names_match_in_any_case_and_as_whole_words():
    vocabulary = [("Public Safety", []), ("Zoning", [])]
    text = "The public safety committee met; rezoning was postponed."
    assert [t.name for t in find_topics(headline="", text=text, vocabulary=vocabulary)] == [
        "Public Safety"
    ]


def test_trivial_and_generic_acronyms_are_not_topics():
    text = (
        "The chief executive officer (CEO) of the firm, a Police Department (PD) veteran, "
        "spoke on TV in the United States (U.S.) and the United Arab Emirates (UAE) "
        "about the intensive care unit (ICU)."
    )
    assert find_topics(headline="", text=text) == []


def test_organisation_with_parenthesised_acronym_becomes_a_topic():
    text = "The Transportation Security Administration (TSA) added staff at the airport."
    assert find_topics(headline="", text=text) == [
        FoundTopic("TSA", ["Transportation Security Administration"])
    ]


def test_mixed_case_acronym_of_an_organisation_is_a_topic():
    text = "Climate change threatens bases, the Department of Defense (DoD) said."
    assert find_topics(headline="", text=text) == [FoundTopic("DoD", ["Department of Defense"])]


def test_acronym_found_in_the_text_joins_the_vocabulary_topic_of_that_exact_name():
    text = "The Department of Defense (DoD) said so."
    vocabulary = [("Dod", []), ("DoD", ["Pentagon"])]
    assert find_topics(headline="", text=text, vocabulary=vocabulary) == [
        FoundTopic("DoD", ["Pentagon", "Department of Defense"])
    ]


def test_each_topic_once():
    vocabulary = [("ICE", ["Immigration and Customs Enforcement"]), ("ice", [])]
    text = "ICE agents and Immigration and Customs Enforcement officers (ICE)."
    assert [t.name for t in find_topics(headline="ICE", text=text, vocabulary=vocabulary)] == [
        "ICE"
    ]


def test_real_articles_give_only_organisation_topics(corpus):
    folder = corpus / "quotes"
    with (folder / "HEADLINES.tsv").open() as handle:
        headlines = {row[0]: row[1] for row in csv.reader(handle, delimiter="\t")}
    found = {}
    for path in sorted(folder.glob("*.txt")):
        for topic in find_topics(headline=headlines.get(path.name, ""), text=path.read_text()):
            found[topic.name] = topic.aliases
    for name, aliases in found.items():
        assert len(name) >= 3 and name.isupper(), name
        assert aliases and all(word[0].isupper() for word in aliases[0].split() if len(word) > 3)
