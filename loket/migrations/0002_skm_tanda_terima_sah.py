import hashlib
import hmac

from django.conf import settings
from django.db import migrations


def tandai_jawaban_bertanda_terima(apps, schema_editor):
    """SKM answers given before receipts were checked: those whose receipt HMAC is that of a finished request
    of the same service count (layanan.services.hash_tanda_terima, repeated here as migrations must be)."""
    permohonan = apps.get_model("loket", "Permohonan")
    respon = apps.get_model("layanan", "ResponSkm")
    hashes = set()
    finished = permohonan.objects.filter(layanan__isnull=False, run__status="selesai").values_list("layanan_id", "kode")
    for layanan_id, kode in finished.iterator():
        normal = "".join(ch for ch in kode.upper() if ch.isalnum())
        pesan = f"{layanan_id}:{normal}".encode()
        hashes.add((layanan_id, hmac.new(settings.SECRET_KEY.encode(), pesan, hashlib.sha256).hexdigest()))
    for pk, layanan_id, tanda in respon.objects.exclude(tanda_terima_hash="").values_list(
        "pk", "layanan_id", "tanda_terima_hash"
    ):
        if (layanan_id, tanda) in hashes:
            respon.objects.filter(pk=pk).update(tanda_terima_sah=True)


class Migration(migrations.Migration):
    dependencies = [
        ("loket", "0001_initial"),
        ("layanan", "0002_skm_tanda_terima"),
    ]

    operations = [migrations.RunPython(tandai_jawaban_bertanda_terima, migrations.RunPython.noop)]
