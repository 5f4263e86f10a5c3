from articles.analysis.acronyms import find_acronyms, is_short_form, match_long_form


def test_long_form_before_the_parenthesis():
    text = "The Federal Bureau of Investigation (FBI) opened a case."
    assert find_acronyms(text) == [("FBI", "Federal Bureau of Investigation")]


def test_leading_words_outside_the_long_form_are_left_out():
    text = "Officials said the agency, the Environmental Protection Agency (EPA), agreed."
    assert find_acronyms(text) == [("EPA", "Environmental Protection Agency")]


def test_short_form_before_the_parenthesis():
    text = "Agents of the FBI (Federal Bureau of Investigation) arrived."
    assert find_acronyms(text) == [("FBI", "Federal Bureau of Investigation")]


def test_several_definitions_in_one_sentence():
    text = (
        "The Environmental Protection Agency (EPA) and the Department of Homeland Security (DHS)."
    )
    assert find_acronyms(text) == [
        ("EPA", "Environmental Protection Agency"),
        ("DHS", "Department of Homeland Security"),
    ]


def test_letters_inside_words_count_in_the_parenthesised_case():
    # Schwartz & Hearst match letters anywhere in the words after the first.
    assert find_acronyms("A body mass index (BMI) test.") == [("BMI", "body mass index")]
    assert find_acronyms("The Transportation Security Administration (TSA) screens bags.") == [
        ("TSA", "Transportation Security Administration")
    ]


def test_parentheses_that_define_nothing_are_ignored():
    assert find_acronyms("He said (AP) that the plan (which is new) works.") == []
    assert find_acronyms("The vote was 5-2 (with one absent).") == []


def test_short_form_in_headline_long_form_in_body_without_parentheses():
    text = (
        "Westport PD reassures public ahead of ICE raids\n\n"
        "Members of Immigration and Customs Enforcement will arrive."
    )
    assert ("ICE", "Immigration and Customs Enforcement") in find_acronyms(text)


def test_spelled_out_long_form_must_be_capitalised_and_contiguous():
    assert find_acronyms("ICE raids. Immigration agents and customs officials enforce it.") == []
    text = "NYPD officers. The New York Police Department said so."
    assert find_acronyms(text) == [("NYPD", "New York Police Department")]
    assert find_acronyms("NYPD officers. New York. Police Department staff.") == []


def test_words_of_a_line_in_capitals_are_not_short_forms():
    text = "ART SHOW OPENS TODAY\n\nThe Arts Round Table hosts it."
    assert find_acronyms(text) == []
    assert find_acronyms("The ART show opens.\n\nThe Arts Round Table hosts it.") == [
        ("ART", "Arts Round Table")
    ]


def test_the_seed_article_defines_ice(corpus):
    text = (corpus / "westport-ice-raids.txt").read_text()
    pairs = dict(find_acronyms(text))
    assert pairs == {"ICE": "Immigration and Customs Enforcement"}
    # "PD" is not "Police Department": those words continue "Westport Police Department".


def test_real_articles_give_only_real_definitions(corpus):
    for path in sorted((corpus / "quotes").glob("*.txt")):
        for short, long in find_acronyms(path.read_text()):
            letters = [c for c in short if c.isalpha()]
            words = long.split()
            assert words[0][0].upper() == letters[0].upper(), (path.name, short, long)
            assert len(words) <= 2 * len(short) + 5, (path.name, short, long)


def test_spelled_out_long_form_starts_a_name_and_drops_a_possessive():
    text = "TSA lines. The National Highway Traffic Safety Administration said so."
    assert find_acronyms(text) == []
    assert find_acronyms("The NRA spoke. The National Rifle Association's chief said so.") == [
        ("NRA", "National Rifle Association")
    ]


def test_short_form_rules():
    assert is_short_form("ICE")
    assert is_short_form("U.S.")
    assert not is_short_form("x")
    assert not is_short_form("which is new")
    assert not is_short_form("lowercase")


def test_backward_match_needs_the_first_letter_at_a_word_start():
    assert match_long_form("HSF", "Heart Study Foundation") == "Heart Study Foundation"
    assert match_long_form("XYZ", "Heart Study Foundation") == ""
    # "ICE" cannot start inside "price".
    assert match_long_form("ICE", "price") == ""
