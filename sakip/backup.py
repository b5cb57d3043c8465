"""Backup and restore: the whole database and the uploaded files in one archive.

`cadangkan PATH.tar.gz` writes, readable by its owner only (mode 0600),
data.json (Django's serialisation of every table except content types and
permissions, which `migrate` recreates; foreign keys to them by natural key;
JSON carries any text, control characters included, and sakip.backup_json keeps
microseconds), the files under MEDIA_ROOT, and manifest.json (row count per
model, sha256 of the data and of every file).

`pulihkan PATH.tar.gz` first checks the whole archive and writes nothing when
any check fails: every member is a regular file (no symbolic or hard link, no
device or pipe) with a relative name without `..`; the members are exactly the
data, the manifest and the files the manifest lists; each file's destination,
resolved, lies under MEDIA_ROOT; every SHA-256 in the manifest matches. Then it
migrates an empty database, loads the data (sequences are reset on PostgreSQL
by loaddata) and restores the files. It refuses a database that already holds
people unless --force. Archives written before data.json (data.xml) are read too.
"""

import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import transaction

from sakip import backup_json

EXCLUDE = ["contenttypes", "auth.permission", "sessions"]
DATA = "data.json"
DATA_XML = "data.xml"  # archives written before data.json
MANIFEST = "manifest.json"
MEDIA = "media/"
CHUNK = 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")


class BackupError(Exception):
    pass


def _models():
    skip = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    return [m for m in apps.get_models() if m._meta.label_lower not in skip]


def row_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in _models()}


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    # Regular files only: a link under MEDIA_ROOT is nothing the application wrote.
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(content))


def create_backup(path: Path) -> dict:
    serializers.register_serializer(backup_json.FORMAT, "sakip.backup_json")
    data = io.StringIO()
    call_command("dumpdata", exclude=EXCLUDE, natural_foreign=True, format=backup_json.FORMAT, stdout=data)
    data_bytes = data.getvalue().encode("utf-8")
    root = Path(settings.MEDIA_ROOT)
    contents = {str(p.relative_to(root).as_posix()): p.read_bytes() for p in _media_files()}
    files = {name: hashlib.sha256(content).hexdigest() for name, content in contents.items()}
    manifest = {
        "rows": row_counts(),
        "data": {"name": DATA, "sha256": hashlib.sha256(data_bytes).hexdigest()},
        "files": files,
    }
    # Created 0600 (and set so when the file existed): the archive holds every password hash.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
        _add(archive, DATA, data_bytes)
        _add(archive, MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
        for name, content in contents.items():
            _add(archive, MEDIA + name, content)
    return manifest


# --- restore -----------------------------------------------------------------------------------------


def _refuse(reason: str) -> BackupError:
    return BackupError(f"Arsip cadangan ditolak: {reason} Tidak ada data atau berkas yang dipulihkan.")


def _check_name(name: str) -> None:
    parts = name.split("/")
    if not name or name.startswith("/") or "\\" in name or "\x00" in name or any(p in ("", ".", "..") for p in parts):
        raise _refuse(f"nama berkas {name!r} tidak aman (jalur absolut atau mengandung '..').")


def _digest(archive: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    digest = hashlib.sha256()
    stream = archive.extractfile(member)
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _destination(root: Path, relative: str) -> Path:
    target = (root / relative).resolve()
    if target == root or not target.is_relative_to(root):
        raise _refuse(f"berkas {relative!r} akan ditulis di luar folder unggahan.")
    return target


def _check_archive(archive: tarfile.TarFile, root: Path) -> tuple[dict, tarfile.TarInfo, list]:
    """Every check before anything is written: (manifest, data member, [(member, destination, sha256)])."""
    members: dict[str, tarfile.TarInfo] = {}
    seen: set[str] = set()
    for member in archive.getmembers():
        _check_name(member.name)
        if member.name in seen:
            raise _refuse(f"{member.name!r} muncul lebih dari sekali.")
        seen.add(member.name)
        if member.isdir():
            continue
        if not member.isreg():
            raise _refuse(f"{member.name!r} bukan berkas biasa (tautan simbolik, tautan keras atau perangkat).")
        members[member.name] = member
    if MANIFEST not in members:
        raise _refuse("manifest.json tidak ada.")
    try:
        manifest = json.loads(archive.extractfile(members[MANIFEST]).read().decode("utf-8"))
        rows, files, data = manifest["rows"], manifest["files"], manifest.get("data")
        valid = (
            isinstance(rows, dict)
            and isinstance(files, dict)
            and all(isinstance(v, str) and SHA256.fullmatch(v) for v in files.values())
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        valid = False
    if not valid:
        raise _refuse("manifest.json tidak terbaca.")
    data_name = DATA if DATA in members else DATA_XML
    if data_name not in members:
        raise _refuse("data basis data tidak ada.")
    if data is not None and (
        not isinstance(data, dict)
        or data.get("name") != data_name
        or _digest(archive, members[data_name]) != data.get("sha256")
    ):
        raise _refuse(f"{data_name} tidak cocok dengan SHA-256 pada manifest.")
    expected = {MEDIA + relative for relative in files}
    extra = set(members) - expected - {MANIFEST, data_name}
    if extra:
        raise _refuse(f"berisi berkas yang tidak tercantum pada manifest: {', '.join(sorted(extra)[:3])}.")
    missing = expected - set(members)
    if missing:
        raise _refuse(f"berkas yang tercantum pada manifest tidak ada: {', '.join(sorted(missing)[:3])}.")
    restores = []
    for relative, digest in files.items():
        _check_name(relative)
        member = members[MEDIA + relative]
        restores.append((member, _destination(root, relative), digest))
        if _digest(archive, member) != digest:
            raise _refuse(f"berkas {relative!r} tidak cocok dengan SHA-256 pada manifest.")
    return manifest, members[data_name], restores


def _write(archive: tarfile.TarFile, member: tarfile.TarInfo, target: Path, root: Path, digest: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    _destination(root, str(target.relative_to(root)))  # still inside after creating the folders
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".pulihkan-")
    try:
        written = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            stream = archive.extractfile(member)
            while chunk := stream.read(CHUNK):
                written.update(chunk)
                out.write(chunk)
        if written.hexdigest() != digest:
            raise BackupError(f"Berkas {member.name} berubah saat dipulihkan.")
        if settings.FILE_UPLOAD_PERMISSIONS is not None:
            os.chmod(tmp, settings.FILE_UPLOAD_PERMISSIONS)
        # Replaces a link at the destination itself, never writes through it.
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def restore_backup(path: Path, *, force: bool = False) -> dict:
    from sakip.models import Pegawai

    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Arsip cadangan tidak dapat dibuka: {error}") from None
    with archive, tempfile.TemporaryDirectory() as tmp:
        try:
            manifest, data_member, restores = _check_archive(archive, root)
        except (OSError, tarfile.TarError, EOFError) as error:
            raise _refuse(f"arsip rusak ({error}).") from None
        call_command("migrate", verbosity=0)
        if Pegawai.objects.exists() and not force:
            raise BackupError(
                "Basis data tujuan sudah berisi data. Pulihkan ke basis data kosong, atau gunakan --force."
            )
        data_file = Path(tmp) / data_member.name
        with archive.extractfile(data_member) as stream, data_file.open("wb") as out:
            while chunk := stream.read(CHUNK):
                out.write(chunk)
        with transaction.atomic():
            call_command("loaddata", str(data_file), verbosity=0)
            counts = row_counts()
            wrong = {k: (v, counts.get(k)) for k, v in manifest["rows"].items() if counts.get(k) != v}
            if wrong:
                raise BackupError(f"Jumlah baris tidak cocok setelah pemulihan: {wrong}")
        for member, target, digest in restores:
            _write(archive, member, target, root, digest)
    return manifest
