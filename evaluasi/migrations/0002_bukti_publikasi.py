from django.db import migrations

RULES = {
    "Dokumen Perencanaan Kinerja telah dipublikasikan tepat waktu.": "perencanaan_dipublikasikan",
    "Dokumen Laporan Kinerja telah dipublikasikan.": "lkip_dipublikasikan",
}


def bukti_publikasi(apps, schema_editor):
    """Criteria sets loaded before the public SAKIP page existed: its two publication criteria read it now."""
    kriteria = apps.get_model("evaluasi", "Kriteria")
    for teks, rule in RULES.items():
        kriteria.objects.filter(teks=teks, bukti_otomatis="").update(bukti_otomatis=rule)


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0001_initial")]

    operations = [migrations.RunPython(bukti_publikasi, migrations.RunPython.noop)]
