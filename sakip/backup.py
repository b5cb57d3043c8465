"""Backup and restore: the whole database and the uploaded files in one archive.

`cadangkan PATH.tar.gz` writes data.xml (Django's serialisation of every table
except content types and permissions, which `migrate` recreates; foreign keys
to them by natural key), the files under MEDIA_ROOT, and manifest.json (row
count per model, sha256 per file). `pulihkan PATH.tar.gz` migrates an empty
database, loads the data (sequences are reset on PostgreSQL by loaddata),
restores the files and checks the manifest. It refuses a database that already
holds people unless --force.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

EXCLUDE = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    pass


def _models():
    skip = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    return [m for m in apps.get_models() if m._meta.label_lower not in skip]


def row_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in _models()}


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def create_backup(path: Path) -> dict:
    data = io.StringIO()
    # XML keeps microseconds (the JSON encoder truncates datetimes to milliseconds).
    call_command("dumpdata", exclude=EXCLUDE, natural_foreign=True, format="xml", stdout=data)
    root = Path(settings.MEDIA_ROOT)
    files = {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in _media_files()}
    manifest = {"rows": row_counts(), "files": files}
    with tarfile.open(path, "w:gz") as archive:
        for name, content in (("data.xml", data.getvalue()), ("manifest.json", json.dumps(manifest, indent=1))):
            raw = content.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            archive.addfile(info, io.BytesIO(raw))
        for relative in files:
            archive.add(root / relative, arcname=f"media/{relative}")
    return manifest


def restore_backup(path: Path, *, force: bool = False) -> dict:
    from sakip.models import Pegawai

    call_command("migrate", verbosity=0)
    if Pegawai.objects.exists() and not force:
        raise BackupError("Basis data tujuan sudah berisi data. Pulihkan ke basis data kosong, atau gunakan --force.")
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as tmp:
        archive.extractall(tmp, filter="data")
        tmp = Path(tmp)
        manifest = json.loads((tmp / "manifest.json").read_text(encoding="utf-8"))
        with transaction.atomic():
            call_command("loaddata", str(tmp / "data.xml"), verbosity=0)
            counts = row_counts()
            wrong = {k: (v, counts.get(k)) for k, v in manifest["rows"].items() if counts.get(k) != v}
            if wrong:
                raise BackupError(f"Jumlah baris tidak cocok setelah pemulihan: {wrong}")
        root = Path(settings.MEDIA_ROOT)
        for relative, digest in manifest["files"].items():
            content = (tmp / "media" / relative).read_bytes()
            if hashlib.sha256(content).hexdigest() != digest:
                raise BackupError(f"Berkas {relative} rusak di dalam arsip.")
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    return manifest
