"""The shipped nomenclature versions as rows (kinerja/nomenklatur.py): Kepmendagri 050-5889/2021 for 2022–2023
and its amendment 900.1.15.5-1317/2023 from 2024, each a national `NomenklaturVersi` marked `bawaan`, read from
fixtures/nomenklatur/ as it stands when the migration runs (a later correction of a shipped file comes with a
migration of its own)."""

import json
from pathlib import Path

from django.conf import settings
from django.db import migrations

BERKAS = ("kepmendagri-050-5889-2021.json", "kepmendagri-900.1.15.5-1317-2023.json")


def muat(apps, schema_editor):
    NomenklaturVersi = apps.get_model("kinerja", "NomenklaturVersi")
    folder = Path(settings.BASE_DIR) / "fixtures" / "nomenklatur"
    for name in BERKAS:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        NomenklaturVersi.objects.get_or_create(
            bawaan=True,
            kabupaten=None,
            berlaku_mulai=data["berlaku_mulai"],
            defaults={
                "nama": data["nama"],
                "sumber": data["sumber"],
                "berlaku_sampai": data["berlaku_sampai"],
                "data": data,
                "nama_berkas": name,
                "status": "berlaku",
            },
        )


def hapus(apps, schema_editor):
    apps.get_model("kinerja", "NomenklaturVersi").objects.filter(bawaan=True, kabupaten=None).delete()


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0013_nomenklatur_versi_kabupaten")]

    operations = [migrations.RunPython(muat, hapus)]
