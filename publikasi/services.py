"""The kabupaten administrator's choice of what is published (one transaction, checked by the permission
module, audited by django-simple-history)."""

from django.db import transaction

from laporan.models import Report
from publikasi.models import PengaturanPublikasi
from sakip import permissions
from sakip.errors import Penolakan
from sakip.models import Unit


class PublikasiError(Penolakan):
    """A refused change of the publication settings (see sakip.errors)."""


@transaction.atomic
def publikasi_atur(*, user, kabupaten: Unit, jenis: list[str], noindex: bool) -> PengaturanPublikasi:
    permissions.check_user_can_administer_kabupaten(user, kabupaten)
    if kabupaten.jenis != Unit.Kind.KABUPATEN:
        raise PublikasiError("Publikasi diatur per kabupaten.")
    unknown = [kind for kind in jenis if kind not in Report.Kind.values or kind == Report.Kind.LHE]
    if unknown:
        message = "Jenis dokumen tidak dikenal: " + ", ".join(unknown) + "."
        raise PublikasiError(message, {"jenis": message})
    row, _ = PengaturanPublikasi.objects.select_for_update().get_or_create(kabupaten=kabupaten)
    row.jenis = [kind for kind in Report.Kind.values if kind in jenis]  # a stable order
    row.noindex = bool(noindex)
    row._change_reason = "Pengaturan publikasi diubah oleh administrator kabupaten"
    row.save()
    return row
