"""One backup: the database and the sealed media folder, consistent with each other; and its
restore into an empty database.

A backup is a folder: `database.dump` (PostgreSQL, pg_dump's custom format) or
`database.sqlite3` (SQLite, copied with SQLite's online backup API, safe while the app writes),
`media/` (the sealed files), and `manifest.json` (what it is, and a SHA-256 of every file; the
restore checks them all before it touches anything).

Consistency: media files are written once under random names and never changed, so a copy of
the folder taken before the dump and topped up after it holds every file the dump refers to
(a file added in between is an unused extra). Nothing in a backup is readable without a staff
password or the school's printed recovery key; SECRET_KEY and the env file are not in it.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1
CHUNK = 1 << 20


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _pg_url() -> str:
    """The libpq address of the default database (the password goes through the environment)."""
    db = connection.settings_dict
    host = db.get("HOST") or ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    user = db.get("USER") or ""
    return f"postgresql://{user}@{host}{port}/{db['NAME']}"


def _pg_env() -> dict:
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env


def _copy_media(source: Path, target: Path) -> int:
    """Copy the files of `source` missing from `target`. Returns how many were copied."""
    copied = 0
    if not source.is_dir():
        return 0
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        dest = target / path.relative_to(source)
        if dest.exists():
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copy2(path, dest)
        except FileNotFoundError:  # removed meanwhile: the dump no longer needs it either
            continue
        copied += 1
    return copied


def backup(directory: Path | None = None) -> Path:
    """Make one backup in a new dated folder under `directory` (BACKUP_DIR); return its path."""
    directory = Path(directory or settings.BACKUP_DIR)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d_%H%M%S")
    target = directory / stamp
    partial = directory / f"{stamp}.partial"
    media = partial / "media"
    old_umask = os.umask(0o077)
    try:
        media.mkdir(parents=True)
        _copy_media(Path(settings.MEDIA_ROOT), media)  # before the dump …
        if connection.vendor == "postgresql":
            database = partial / "database.dump"
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", f"--file={database}", _pg_url()],
                env=_pg_env(),
                check=True,
                capture_output=True,
            )
        elif connection.vendor == "sqlite":
            database = partial / "database.sqlite3"
            connection.ensure_connection()
            out = sqlite3.connect(database)
            try:
                connection.connection.backup(out)
            finally:
                out.close()
        else:
            raise BackupError(f"no backup for a {connection.vendor} database")
        _copy_media(Path(settings.MEDIA_ROOT), media)  # … and after it: every file it names
        files = sorted(p for p in partial.rglob("*") if p.is_file())
        manifest = {
            "format": FORMAT,
            "engine": connection.vendor,
            "made_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": database.name,
            "sha256": {str(p.relative_to(partial)): _sha256(p) for p in files},
        }
        (partial / "manifest.json").write_text(json.dumps(manifest, indent=1))
        partial.rename(target)
    except subprocess.CalledProcessError as e:
        shutil.rmtree(partial, ignore_errors=True)
        raise BackupError(f"pg_dump failed: {e.stderr.decode(errors='replace')}") from e
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    finally:
        os.umask(old_umask)
    return target


def check(source: Path) -> dict:
    """The manifest of a backup folder, after checking every file against it."""
    source = Path(source)
    try:
        manifest = json.loads((source / "manifest.json").read_text())
    except (OSError, ValueError) as e:
        raise BackupError(f"{source} is not a backup (no readable manifest.json)") from e
    for name, digest in manifest["sha256"].items():
        path = source / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"{name} is missing or damaged in {source}")
    return manifest


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def restore(source: Path) -> dict:
    """Restore a backup into the configured database, which must be empty (no tables), and its
    media into MEDIA_ROOT. Returns the manifest."""
    source = Path(source)
    manifest = check(source)
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"a {manifest['engine']} backup cannot be restored into a {connection.vendor} database"
        )
    if _tables():
        raise BackupError("the database is not empty: restore into a new, empty database")
    database = source / manifest["database"]
    if connection.vendor == "postgresql":
        try:
            subprocess.run(
                ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={_pg_url()}", database],
                env=_pg_env(),
                check=True,
                capture_output=True,
            )
        except subprocess.CalledProcessError as e:
            raise BackupError(f"pg_restore failed: {e.stderr.decode(errors='replace')}") from e
    else:
        connection.ensure_connection()
        backup_db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            backup_db.backup(connection.connection)
        finally:
            backup_db.close()
    _copy_media(source / "media", Path(settings.MEDIA_ROOT))
    return manifest


def longest_retention_years() -> int:
    """The longest retention any school keeps (Law No. 58): no backup may outlive it."""
    from django.db.models import Max

    from schools.models import School

    return School.objects.aggregate(longest=Max("retention_years"))["longest"] or 3


def prune(directory: Path | None = None, now: datetime.datetime | None = None) -> list[Path]:
    """Remove the dated backups older than the longest retention; the newest is always kept.
    Returns the removed folders."""
    directory = Path(directory or settings.BACKUP_DIR)
    now = now or datetime.datetime.now(datetime.UTC)
    cutoff = now - datetime.timedelta(days=365 * longest_retention_years())
    dated = []
    for path in directory.iterdir() if directory.is_dir() else []:
        try:
            made = datetime.datetime.strptime(path.name, "%Y-%m-%d_%H%M%S")
        except ValueError:
            continue  # not a backup folder (a .partial, a file of the operator's)
        if path.is_dir():
            dated.append((made.replace(tzinfo=datetime.UTC), path))
    dated.sort()
    removed = []
    for made, path in dated[:-1]:
        if made < cutoff:
            shutil.rmtree(path)
            removed.append(path)
    return removed
