"""Issue 12, findings 5 and 7: a restore that cannot escape, and a backup that carries any text.

Each hostile archive is refused before anything is written: no file outside MEDIA_ROOT, no file
inside it, no change to the database.
"""

import hashlib
import io
import json
import os
import stat
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.models import Realisasi
from sakip import backup
from sakip.models import Pegawai
from tests.factories import PASSWORD
from tests.kinerja.data import make_pk

CONTENT = b"isi berkas bukti"


@pytest.fixture
def media(tmp_path, settings):
    root = tmp_path / "srv" / "media"
    root.mkdir(parents=True)
    settings.MEDIA_ROOT = str(root)
    return root


def sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def member(name: str, content: bytes = b"", kind=tarfile.REGTYPE, linkname: str = "") -> tuple:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    info.size = len(content) if kind == tarfile.REGTYPE else 0
    if kind == tarfile.CHRTYPE:
        info.devmajor, info.devminor = 1, 3
    return info, content


def write_archive(path: Path, members: list[tuple], files: dict[str, str], data: bytes = b"[]") -> Path:
    manifest = {"rows": {}, "data": {"name": "data.json", "sha256": sha(data)}, "files": files}
    with tarfile.open(path, "w:gz") as archive:
        for info, content in [member("data.json", data), member("manifest.json", json.dumps(manifest).encode())]:
            archive.addfile(info, io.BytesIO(content))
        for info, content in members:
            archive.addfile(info, io.BytesIO(content) if info.isreg() else None)
    return path


def everything_under(path: Path) -> set[str]:
    return {str(p.relative_to(path)) for p in path.rglob("*")}


def assert_refused(archive: Path, media: Path, match: str) -> None:
    outside_before = everything_under(media.parent.parent)
    people_before = Pegawai.objects.count()
    with pytest.raises(CommandError, match=match):
        call_command("pulihkan", str(archive), "--force", verbosity=0)
    assert everything_under(media.parent.parent) == outside_before  # nothing written, inside or outside
    assert Pegawai.objects.count() == people_before


def test_restore_refuses_a_path_climbing_out_with_dot_dot(org, tmp_path, media):
    archive = write_archive(
        tmp_path / "a.tar.gz",
        [member("media/../../evil.txt", CONTENT)],
        {"../../evil.txt": sha(CONTENT)},
    )
    assert_refused(archive, media, "tidak aman")
    # The archive of the finding: a harmless member name, the climb only in manifest.json.
    archive = write_archive(tmp_path / "b.tar.gz", [member("evil.txt", CONTENT)], {"../evil.txt": sha(CONTENT)})
    assert_refused(archive, media, "ditolak")
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "srv" / "evil.txt").exists()


def test_restore_refuses_absolute_paths(org, tmp_path, media):
    target = tmp_path / "signing-key.pem"
    archive = write_archive(tmp_path / "a.tar.gz", [member(str(target), CONTENT)], {})
    assert_refused(archive, media, "tidak aman")
    archive = write_archive(tmp_path / "b.tar.gz", [member(f"media/{target}", CONTENT)], {str(target): sha(CONTENT)})
    assert_refused(archive, media, "tidak aman")
    assert not target.exists()


def test_restore_refuses_symbolic_links(org, tmp_path, media):
    archive = write_archive(
        tmp_path / "a.tar.gz",
        [member("media/bukti", kind=tarfile.SYMTYPE, linkname=str(tmp_path)), member("media/bukti/x.pdf", CONTENT)],
        {"bukti": sha(b""), "bukti/x.pdf": sha(CONTENT)},
    )
    assert_refused(archive, media, "bukan berkas biasa")


def test_restore_refuses_hard_links(org, tmp_path, media):
    archive = write_archive(
        tmp_path / "a.tar.gz",
        [member("media/kunci.pem", kind=tarfile.LNKTYPE, linkname="../../signing-key.pem")],
        {"kunci.pem": sha(b"")},
    )
    assert_refused(archive, media, "bukan berkas biasa")


def test_restore_refuses_device_files(org, tmp_path, media):
    archive = write_archive(tmp_path / "a.tar.gz", [member("media/null", kind=tarfile.CHRTYPE)], {"null": sha(b"")})
    assert_refused(archive, media, "bukan berkas biasa")


def test_restore_refuses_a_destination_resolving_outside_media_root(org, tmp_path, media):
    # A link already inside MEDIA_ROOT must not be written through.
    outside = tmp_path / "outside"
    outside.mkdir()
    (media / "bukti").symlink_to(outside, target_is_directory=True)
    archive = write_archive(
        tmp_path / "a.tar.gz", [member("media/bukti/x.pdf", CONTENT)], {"bukti/x.pdf": sha(CONTENT)}
    )
    assert_refused(archive, media, "di luar folder unggahan")
    assert not list(outside.iterdir())


def test_restore_refuses_a_manifest_that_lies_and_writes_nothing(org, tmp_path, media):
    # A real backup, one file swapped for other bytes: the manifest's SHA-256 no longer holds.
    (media / "bukti").mkdir()
    (media / "bukti" / "a.pdf").write_bytes(CONTENT)
    (media / "bukti" / "b.pdf").write_bytes(b"berkas kedua")
    good = tmp_path / "cadangan.tar.gz"
    call_command("cadangkan", str(good), verbosity=0)
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(good, "r:gz") as src, tarfile.open(tampered, "w:gz") as dst:
        for info in src.getmembers():
            content = src.extractfile(info).read()
            if info.name == "media/bukti/b.pdf":
                content = b"kunci penandatanganan palsu"
                info.size = len(content)
            dst.addfile(info, io.BytesIO(content))
    (media / "bukti" / "b.pdf").unlink()
    assert_refused(tampered, media, "tidak cocok dengan SHA-256")
    assert not (media / "bukti" / "b.pdf").exists()


def test_restore_refuses_tampered_data_and_unlisted_or_duplicate_members(org, tmp_path, media):
    good = tmp_path / "cadangan.tar.gz"
    call_command("cadangkan", str(good), verbosity=0)
    with tarfile.open(good, "r:gz") as src:
        parts = {info.name: (info, src.extractfile(info).read()) for info in src.getmembers()}

    def repack(name, changes):
        path = tmp_path / name
        with tarfile.open(path, "w:gz") as dst:
            for info, content in changes:
                info = tarfile.TarInfo(info.name) if isinstance(info, tarfile.TarInfo) else tarfile.TarInfo(info)
                info.size = len(content)
                dst.addfile(info, io.BytesIO(content))
        return path

    data_info, data = parts["data.json"]
    manifest = parts["manifest.json"]
    injected = data.replace(b'"is_superuser": false', b'"is_superuser": true', 1)
    assert injected != data
    assert_refused(repack("data.tar.gz", [manifest, (data_info, injected)]), media, "data.json tidak cocok")
    extra = ("media/tambahan.txt", CONTENT)
    assert_refused(repack("extra.tar.gz", [manifest, (data_info, data), extra]), media, "tidak tercantum")
    twice = ("manifest.json", manifest[1])
    assert_refused(repack("twice.tar.gz", [manifest, (data_info, data), twice]), media, "lebih dari sekali")


@pytest.mark.django_db(transaction=True)
def test_backup_with_a_control_character_in_a_catatan_round_trips_and_is_private(org, tmp_path, settings):
    # Finding 7: one "\x01" typed into a catatan made every later backup fail (its history row keeps it).
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (indikator,) = make_pk(org.awayan, 2025, 1)
    realisasi = Realisasi(indikator=indikator, triwulan=1, nilai=5, catatan="awal\x01akhir\x1f\ttab\nbaris")
    realisasi.save()  # through the model: its history row holds the character too
    realisasi.hambatan = "kedua\x0b"
    realisasi.save()
    archive = tmp_path / "cadangan.tar.gz"
    archive.write_bytes(b"")
    os.chmod(archive, 0o644)  # an older, world-readable file of the same name
    call_command("cadangkan", str(archive), verbosity=0)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive, "r:gz") as content:
        assert {m.name for m in content.getmembers()} >= {"data.json", "manifest.json"}

    call_command("flush", interactive=False, verbosity=0)
    call_command("pulihkan", str(archive), verbosity=0)
    restored = Realisasi.objects.get()
    assert restored.catatan == "awal\x01akhir\x1f\ttab\nbaris"
    assert restored.hambatan == "kedua\x0b"
    assert {h.catatan for h in restored.history.all()} == {"awal\x01akhir\x1f\ttab\nbaris"}
    assert backup.row_counts()["kinerja.realisasi"] == 1
    assert Pegawai.objects.get(username="camat.awayan").check_password(PASSWORD)  # people come back whole
