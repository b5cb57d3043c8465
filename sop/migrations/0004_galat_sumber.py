import json
from pathlib import Path

from django.conf import settings
from django.db import migrations, models


def backfill(apps, schema_editor):
    """Revisions loaded from a seed before its errors were recorded get the seed's list (sop/galat.py): every
    revision of the same SOP number and name in the seed's kecamatan that has none yet."""
    SopRevision = apps.get_model("sop", "SopRevision")
    for path in sorted((Path(settings.BASE_DIR) / "fixtures" / "sop").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not data.get("galat_sumber"):
            continue
        rows = SopRevision.objects.filter(nomor=data["nomor"], nama=data["nama"], galat_sumber=[])
        if data["kecamatan"]:
            rows = rows.filter(sop__kecamatan__kode=data["kecamatan"])
        else:
            rows = rows.filter(sop__kecamatan__isnull=True)
        rows.update(galat_sumber=data["galat_sumber"])


class Migration(migrations.Migration):
    dependencies = [
        ("sop", "0003_lajur_luar"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsoprevision",
            name="galat_sumber",
            field=models.JSONField(blank=True, default=list, verbose_name="galat dokumen sumber"),
        ),
        migrations.AddField(
            model_name="soprevision",
            name="galat_sumber",
            field=models.JSONField(blank=True, default=list, verbose_name="galat dokumen sumber"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
