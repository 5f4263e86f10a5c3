"""A source's categories become topics; stories go into the newsroom's sections only when told."""

from pathlib import Path

import pytest

from articles.importers.pipeline import import_paths
from articles.models import Article, Section, Topic
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

WXR_EXPORT = Path(__file__).parent / "fixtures" / "wxr" / "newsroom-export.xml"
FERRY = "https://ledger.example.org/?p=101"  # category Local News
BOOK_SALE = "https://ledger.example.org/?p=102"  # categories Arts & Culture, Local News


def topics(external_id: str) -> set[str]:
    return set(Article.objects.get(external_id=external_id).topics.names())


def test_categories_become_topics_and_make_no_section():
    report = import_paths([WXR_EXPORT])

    assert not Section.objects.exists()
    assert not Article.objects.filter(section__isnull=False).exists()
    assert {"Local News", "Harbor", "Ferries"} <= topics(FERRY)
    assert {"Arts & Culture", "Local News"} <= topics(BOOK_SALE)
    assert Topic.objects.filter(name="Local News").count() == 1
    assert report.categories == {"Local News": 1, "Arts & Culture": 1}  # of the saved stories


def test_section_puts_every_story_in_one_and_categories_stay_topics():
    news = SectionFactory(name="News", slug="news")

    import_paths([WXR_EXPORT], section="news")

    assert set(Article.objects.values_list("section", flat=True)) == {news.pk}
    assert "Local News" in topics(FERRY)


def test_a_mapped_category_goes_into_its_section_instead_of_a_topic():
    news = SectionFactory(name="News", slug="news")
    arts = SectionFactory(name="Arts", slug="arts")

    import_paths([WXR_EXPORT], section_map={"local news": "news", "Arts & Culture": "arts"})

    ferry = Article.objects.get(external_id=FERRY)
    assert ferry.section == news and "Local News" not in topics(FERRY)
    assert Article.objects.get(external_id=BOOK_SALE).section == arts
    assert "Arts & Culture" not in topics(BOOK_SALE)


def test_a_mapping_comes_before_the_section_for_everything_else():
    news = SectionFactory(name="News", slug="news")
    arts = SectionFactory(name="Arts", slug="arts")

    import_paths([WXR_EXPORT], section="news", section_map={"Arts & Culture": "arts", "Other": ""})

    sections = dict(Article.objects.values_list("external_id", "section"))
    assert sections[BOOK_SALE] == arts.pk
    assert sections[FERRY] == news.pk


def test_reimporting_without_a_section_keeps_the_one_the_desk_chose():
    import_paths([WXR_EXPORT])
    police = SectionFactory(name="Police", slug="police")
    Article.objects.filter(external_id=FERRY).update(section=police, import_hash="")

    import_paths([WXR_EXPORT])

    assert Article.objects.get(external_id=FERRY).section == police


def test_unknown_section_slugs_are_refused_before_anything_is_read():
    with pytest.raises(ValueError, match="no section with the slug 'nowhere'"):
        import_paths([WXR_EXPORT], section="nowhere")
    with pytest.raises(ValueError, match=r"'nowhere' \(for the category 'Local News'\)"):
        import_paths([WXR_EXPORT], section_map={"Local News": "nowhere"})
    assert not Article.objects.exists()
