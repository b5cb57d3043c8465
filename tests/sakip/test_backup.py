from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.services import realisasi as realisasi_services
from kinerja.services import triwulan as tw
from sakip import backup
from sakip.roles import Role
from tests.kinerja.data import make_pk

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def snapshot():
    tables = {}
    for model in backup._models():
        rows = list(model._default_manager.order_by("pk").values())
        tables[model._meta.label_lower] = rows
    root = Path(settings.MEDIA_ROOT)
    files = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    return tables, files


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_gives_back_every_row_and_file(org, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load_demo", verbosity=0)
    indicators = make_pk(org.awayan, 2025, 2)
    quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=1)
    staff = org.person("awayan", Role.PELAKSANA)
    realisasi_services.bukti_unggah(
        user=staff, quarter=quarter, indikator=indicators[0], berkas=SimpleUploadedFile("bukti.pdf", PDF)
    )
    before = snapshot()
    assert before[1]  # the evidence file is part of it
    archive = tmp_path / "cadangan.tar.gz"
    call_command("cadangkan", str(archive), verbosity=0)

    call_command("flush", interactive=False, verbosity=0)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    assert not apps.get_model("sakip", "Pegawai").objects.exists()

    call_command("pulihkan", str(archive), verbosity=0)
    after = snapshot()
    assert after[1] == before[1]
    for label, rows in before[0].items():
        assert after[0][label] == rows, label


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_data(org, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    archive = tmp_path / "cadangan.tar.gz"
    call_command("cadangkan", str(archive), verbosity=0)
    with pytest.raises(CommandError, match="sudah berisi data"):
        call_command("pulihkan", str(archive), verbosity=0)
