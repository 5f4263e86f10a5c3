"""A separate process for the rendition race test: `python -m tests.photo_race <folder> <step>`.

Each process opens the SQLite file in <folder> as a real, separate database client would.
Steps: "setup" migrates and stores one photo; "render" waits for the start signal file, then
makes the photo's renditions and prints how many files it wrote.
"""

import os
import sys
import time
from pathlib import Path


def main(folder: Path, step: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'race.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from articles.images import ensure_renditions
    from articles.models import Photo
    from tests.photo_files import image_bytes

    if step == "setup":
        call_command("migrate", verbosity=0)
        photo = Photo(alt_text="Race")
        photo.image.save("race.jpg", ContentFile(image_bytes(size=(1700, 1000))), save=True)
        print(photo.pk)
        return
    go = folder / "go"
    while not go.exists():
        time.sleep(0.005)
    print(ensure_renditions(Photo.objects.get()))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
