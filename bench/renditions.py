"""How long, and how much memory, the full rendition set of a 24-megapixel photo takes.

Run:  .venv/bin/python bench/renditions.py
      .venv/bin/python bench/renditions.py --format heic --size 4032x3024   # an iPhone's HEIC

Makes a 6000 × 4000 JPEG (or the format and size asked for), then measures in fresh processes
(so each peak is its own):
  upload      what the desk waits for: validate + clean original + store + queue the renditions
  worker      the renditions task: every rendition from the stored original (JPEG draft mode,
              each size resized from the next larger), as a worker runs it
Prints wall and CPU time (CPU time is steadier on a busy machine), Python's own peak allocation
(tracemalloc) and the process's peak resident memory (VmHWM, reset before the phase; getrusage
where /proc is missing), which also counts Pillow's pixel buffers that tracemalloc cannot see.
Uses a throwaway SQLite database and media folder.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (6000, 4000)
# Format name -> (Pillow format, file ending, save options).
SOURCES = {
    "jpeg": ("JPEG", ".jpg", {"quality": 90}),
    "heic": ("HEIF", ".heic", {"quality": 80}),
}


def setup_django(workdir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["PHOTO_MAX_UPLOAD_BYTES"] = str(200 * 1024 * 1024)
    os.environ["TASKS_BACKEND"] = "database"  # the upload queues the renditions; "worker" runs them
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_photo_file(path: Path, fmt: str, size: tuple[int, int]) -> None:
    from PIL import Image

    from articles.images import validation  # noqa: F401  (registers the HEIC plugin)

    # Smooth light, fine grain and hard edges, so the encoders work as hard as on a real photo.
    red = Image.linear_gradient("L").resize(size)
    green = Image.radial_gradient("L").resize(size)
    grain = Image.effect_noise(size, 24)
    image = Image.merge("RGB", (red, green, grain))
    for left in range(0, size[0], size[0] // 8):
        image.paste((20, 60, 140), (left, size[1] * 3 // 8, left + size[0] // 20, size[1] * 5 // 8))
    pillow_format, _, options = SOURCES[fmt]
    image.save(path, pillow_format, **options)


def reset_peak_rss() -> bool:
    """Start a new resident-memory peak (Linux); False where the kernel does not allow it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_rss_mb() -> float:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return peak_rss_mb()


def run_phase(phase: str, workdir: Path, source: Path) -> None:
    setup_django(workdir)
    from django.core.files import File

    from articles.images import attach_image, ensure_renditions
    from articles.images.renditions import discard_renditions
    from articles.models import Photo

    if phase == "worker":
        photo = Photo.objects.get()
        discard_renditions(photo)
    baseline = current_rss_mb()
    fresh_peak = reset_peak_rss()
    tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    if phase == "upload":
        with source.open("rb") as handle:
            photo = attach_image(Photo(alt_text="Bench"), File(handle), name=source.name)
        written = photo.renditions.count()  # none yet: a worker makes them
    else:
        written = ensure_renditions(photo)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = peak_rss_mb()
    peak_kind = "peak RSS" if fresh_peak else "peak RSS since start"
    print(
        f"{phase:<9} {written:>3} files  {elapsed:6.2f} s wall  {cpu:6.2f} s CPU  "
        f"tracemalloc peak {traced_peak / 2**20:5.1f} MB  "
        f"{peak_kind} {rss:6.1f} MB (+{rss - baseline:.1f} MB over {baseline:.1f} MB before)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=SOURCES, default="jpeg")
    parser.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}", help="WIDTHxHEIGHT")
    parser.add_argument("--phase", choices=["upload", "worker"], help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        run_phase(args.phase, args.workdir, args.source)
        return
    size = tuple(int(side) for side in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
        workdir = Path(folder)
        setup_django(workdir)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        pillow_format, ending, _ = SOURCES[args.format]
        source = workdir / f"harbor{ending}"
        started = time.perf_counter()
        make_photo_file(source, args.format, size)
        made = time.perf_counter() - started
        megabytes = source.stat().st_size / 2**20
        print(
            f"Source: {size[0]} × {size[1]} {pillow_format}, {megabytes:.1f} MB "
            f"(encoded in {made:.1f} s)"
        )
        for phase in ("upload", "worker"):
            subprocess.run(
                [sys.executable, __file__, "--phase", phase, "--workdir", str(workdir),
                 "--source", str(source)],
                check=True,
            )  # fmt: skip
        stored = sum(p.stat().st_size for p in (workdir / "media" / "renditions").rglob("*.*"))
        count = len(list((workdir / "media" / "renditions").rglob("*.*")))
        print(f"Rendition set: {count} files, {stored / 2**20:.1f} MB in all")


if __name__ == "__main__":
    main()
