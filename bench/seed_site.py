"""Fill the database named by DATABASE_URL with a newsroom of N published stories, for load tests.

    DATABASE_URL=postgres://…/newsroom_bench .venv/bin/python bench/seed_site.py --n 10000

Invented local stories with one or two authors, places, topics, three quotes each, and a lead
photo (twenty real photos with renditions, shared round-robin), written with bulk inserts so
10,000 stories take seconds. Refuses to run on a database that already has stories.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402

from articles.images.storing import attach_image  # noqa: E402
from articles.models import (  # noqa: E402
    Article,
    Author,
    Byline,
    Person,
    Photo,
    Place,
    Quote,
    Section,
    TaggedArticlePlace,
    TaggedArticleTopic,
    Topic,
)
from articles.prepared import prepare  # noqa: E402
from articles.rendering import render_bodies  # noqa: E402

SECTIONS = ["Local News", "Schools", "Public Safety", "Business", "Arts & Culture", "Sports"]
TOWNS = ["Westport", "Norwalk", "Fairfield", "Weston", "Wilton", "Easton", "Darien", "Stamford"]
TOPICS = ["Budget", "Zoning", "Harbor", "Library", "Elections", "Housing", "Parks", "Beaches"]
SUBJECTS = ["the ferry schedule", "the school budget", "a new bus route", "beach parking fees",
            "the library renovation", "the harbor dredging", "a proposed bike lane"]  # fmt: skip
PARAGRAPH = (
    "Members of the board spent most of the evening on {subject}, which residents have raised at "
    "every meeting since the spring. Several speakers asked for more time to read the plan, and "
    "the chairwoman promised a second hearing before any vote in {town}."
)


def paragraphs(rng: random.Random) -> str:
    return "".join(
        f"<p>{PARAGRAPH.format(subject=rng.choice(SUBJECTS), town=rng.choice(TOWNS))}</p>"
        for _ in range(8)
    )


def photo_files(count: int) -> list[Photo]:
    photos = []
    for number in range(count):
        image = Image.new("RGB", (2400, 1600), (40 + number * 9 % 200, 90, 140))
        buffer = BytesIO()
        image.save(buffer, "JPEG", quality=85)
        upload = SimpleUploadedFile(f"bench-{number}.jpg", buffer.getvalue(), "image/jpeg")
        photo = Photo(caption=f"Scene {number} on the Saugatuck River.", credit="Staff",
                      agency="Newsroom", alt_text="The river at dusk.")  # fmt: skip
        photos.append(attach_image(photo, upload, name=upload.name))
    return photos


def seed(n: int) -> None:
    if Article.objects.exists():
        sys.exit("The database already has stories; seed an empty one.")
    rng = random.Random(7)
    sections = [Section.objects.create(name=name, slug=f"s-{i}") for i, name in enumerate(SECTIONS)]
    authors = Author.objects.bulk_create(
        Author(name=f"Reporter {i}", slug=f"reporter-{i}", job_title="Staff writer")
        for i in range(40)
    )
    people = Person.objects.bulk_create(
        Person(name=f"Speaker {i}", slug=f"speaker-{i}", title="Selectwoman") for i in range(80)
    )
    places = [Place.objects.create(name=name) for name in TOWNS]
    topics = [Topic.objects.create(name=name) for name in TOPICS]
    photos = photo_files(20)
    now = timezone.now()
    for start in range(0, n, 1000):
        with transaction.atomic():
            batch = [
                Article(
                    headline=f"Board weighs {rng.choice(SUBJECTS)} in {rng.choice(TOWNS)}, "
                    f"story {number}",
                    slug=f"story-{number}",
                    dek="The board meets again Tuesday.",
                    dateline="WESTPORT",
                    body=paragraphs(rng),
                    section=rng.choice(sections),
                    lead_photo=photos[number % len(photos)],
                    status=Article.Status.PUBLISHED,
                    published_at=now - timedelta(minutes=10 * (n - number)),
                )
                for number in range(start, min(start + 1000, n))
            ]
            # bulk_create skips save(), so render the served bodies as save() does.
            Article.objects.bulk_create(render_bodies(batch))
            Byline.objects.bulk_create(
                Byline(article=article, author=author, position=position)
                for article in batch
                for position, author in enumerate(rng.sample(authors, rng.choice((1, 1, 2))))
            )
            TaggedArticlePlace.objects.bulk_create(
                TaggedArticlePlace.of(article, tag)
                for article in batch
                for tag in rng.sample(places, 2)
            )
            TaggedArticleTopic.objects.bulk_create(
                TaggedArticleTopic.of(article, tag)
                for article in batch
                for tag in rng.sample(topics, 2)
            )
            Quote.objects.bulk_create(
                Quote(
                    article=article,
                    person=rng.choice(people),
                    position=position,
                    text="We heard from hundreds of residents, and they were clear.",
                )  # fmt: skip
                for article in batch
                for position in range(3)
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    n = parser.parse_args().n
    started = time.perf_counter()
    seed(n)
    print(f"seeded {n:,} stories in {time.perf_counter() - started:.1f} s")
    # As the purge task does after each save: bulk inserts skip it.
    started = time.perf_counter()
    prepare(Article.objects.values_list("pk", flat=True))
    print(f"prepared their pages and cards in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
