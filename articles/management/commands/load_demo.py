import io
import json
import math
import os
import random
from collections import Counter
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageOps

from articles.images import attach_image
from articles.importers import text
from articles.importers.pipeline import ImportCache, by_source_ids, save_item
from articles.models import Article, Photo, Section, Topic

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
SOURCE = "demo"
DEMO_PASSWORD = "newsroom-demo"
# (username, group, superuser): logins for trying the desk on a developer's machine.
DEMO_ACCOUNTS = [
    ("admin", None, True),
    ("editor", "Editors", False),
    ("reporter", "Reporters", False),
]
PHOTO_SIZE = (1200, 675)


class Command(BaseCommand):
    help = (
        "Load the demo newsroom (local stories, photos, quotes, places, topics) through the "
        "import pipeline, and with DEBUG on, demo logins. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        manifest = json.loads((DEMO_DIR / "manifest.json").read_text(encoding="utf-8"))
        with transaction.atomic():
            self._vocabulary(manifest)
            cache = ImportCache()
            outcomes = Counter(self._story(entry, cache) for entry in manifest["stories"])
        self.stdout.write(
            "Demo stories: "
            + ", ".join(
                f"{key} {outcomes[key]}" for key in ("created", "updated", "unchanged")
            )  # fmt: skip
        )
        if settings.DEBUG:
            self._accounts()
        else:
            self.stdout.write("DEBUG is off, so no demo logins were created.")

    def _vocabulary(self, manifest) -> None:
        """The sections and the topic vocabulary (with aliases) the stories are filed under."""
        for entry in manifest["sections"]:
            Section.objects.get_or_create(
                slug=entry["slug"], defaults={"name": entry["name"], "position": entry["position"]}
            )
        for entry in manifest["topics"]:
            Topic.objects.get_or_create(
                name=entry["name"], defaults={"aliases": "\n".join(entry["aliases"])}
            )

    def _story(self, entry, cache: ImportCache) -> str:
        """Import one demo story through the pipeline; give its lead photo a generated image."""
        path = DEMO_DIR / entry["file"]
        [item] = text.parse(path)
        item.external_id = f"demo:{path.stem}"
        item.dek = entry.get("dek", "")
        item.status = entry["status"]
        existing = by_source_ids(Article, source=SOURCE, external_ids=[item.external_id]).first()
        if existing is not None:
            item.published_at = existing.published_at  # the story keeps its place in time
        elif "publish_offset_hours" in entry:
            item.published_at = timezone.now() + timedelta(hours=entry["publish_offset_hours"])
        item.lead_photo.external_id = f"demo:{path.stem}:lead"
        item.lead_photo.alt_text = entry["photo"]["alt"]
        # The photo's file is there before the story, as for copy imported with its photos, so
        # the story may go live under the rule for imported copy.
        photo, _ = Photo.objects.get_or_create(
            source=SOURCE, external_id=item.lead_photo.external_id
        )
        if not photo.has_file:
            image = demo_image(entry["photo"], seed=path.stem)
            attach_image(photo, ContentFile(image), name=f"{path.stem}.jpg")
        article, outcome = save_item(
            item, source=SOURCE, status="keep", section=entry["section"], cache=cache
        )
        if entry.get("pull_quote"):
            # An editor's choice, made here as a desk editor would after the import.
            article.quotes.filter(text__startswith=entry["pull_quote"]).update(is_pull_quote=True)
        state = "scheduled" if article in Article.objects.scheduled() else article.status
        self.stdout.write(f"  {outcome}: {article.headline} ({state})")
        return outcome

    def _accounts(self) -> None:
        """Demo logins for a developer's machine; existing accounts keep their passwords."""
        users = get_user_model()
        for username, group, superuser in DEMO_ACCOUNTS:
            user, created = users.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "is_superuser": superuser,
                          "email": f"{username}@newsroom.test"},
            )  # fmt: skip
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:{port}/admin/ user admin password {DEMO_PASSWORD}"
            )
        )
        self.stdout.write(
            f"Also: user editor (Editors, may publish) and user reporter (Reporters, drafts "
            f"only), password {DEMO_PASSWORD}, unless changed since they were created."
        )


def demo_image(spec: dict, *, seed: str) -> bytes:
    """JPEG bytes of a made-up picture: a two-colour gradient with simple shapes over it."""
    dark, light = spec["colors"]
    width, height = PHOTO_SIZE
    gradient = Image.linear_gradient("L").resize(PHOTO_SIZE)
    image = ImageOps.colorize(gradient, black=light, white=dark).convert("RGB")
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    shape = spec["shape"]
    if shape == "circles":
        for _ in range(9):
            x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(40, 160)
            draw.ellipse((x - r, y - r, x + r, y + r), outline=light, width=8)
    elif shape == "waves":
        for row in range(6):
            base = height * (0.45 + row * 0.09)
            points = [(x, base + 28 * math.sin(x / 90 + row)) for x in range(0, width + 20, 20)]
            draw.line(points, fill=light, width=10)
    elif shape == "barn":
        left, top, right, bottom = width * 0.3, height * 0.45, width * 0.7, height * 0.9
        draw.rectangle((left, top, right, bottom), fill="#6a040f")
        draw.polygon([(left - 40, top), (width / 2, height * 0.18), (right + 40, top)],
                     fill="#9d0208")  # fmt: skip
        draw.rectangle((width * 0.45, height * 0.62, width * 0.55, bottom), fill="#370617")
    elif shape == "sun":
        draw.ellipse((width - 420, 80, width - 160, 340), fill="#ffd166")
        draw.rectangle((0, height * 0.72, width, height), fill=dark)
    else:
        for _ in range(12):
            x, y = rng.randrange(width - 200), rng.randrange(height - 150)
            draw.rectangle((x, y, x + rng.randrange(80, 260), y + rng.randrange(60, 200)),
                           fill=light if rng.random() < 0.5 else dark)  # fmt: skip
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
