"""What a kabupaten publishes of its kecamatan's signed documents (issue 25; UU 14/2008 on public information,
and the LKE criteria "… telah dipublikasikan" of PermenPAN-RB 88/2021).

Publication is a reading, not a copy: a signed document (laporan.SignedDocument) is public while its kind is
among the kabupaten's published kinds and its report is the signed revision in force; it was published when it
was signed. Drafts never have a signed document; a superseded revision (PK Perubahan, a corrected report) leaves
the list and is marked as superseded where its old address is still followed.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from laporan.models import Report
from sakip.models import Unit

# The kinds published on signing unless the kabupaten chooses otherwise: the planning and reporting documents
# the SAKIP rules expect on a public page.
JENIS_BAWAAN = [Report.Kind.PK, Report.Kind.RENSTRA, Report.Kind.IKU, Report.Kind.LKIP]


def jenis_bawaan() -> list[str]:
    return [str(kind) for kind in JENIS_BAWAAN]


class PengaturanPublikasi(models.Model):
    """A kabupaten's choice of published kinds (no row: `JENIS_BAWAAN`)."""

    kabupaten = models.OneToOneField(
        Unit,
        verbose_name="kabupaten",
        on_delete=models.CASCADE,
        related_name="pengaturan_publikasi",
        limit_choices_to={"jenis": Unit.Kind.KABUPATEN},
    )
    jenis = models.JSONField("jenis dokumen yang dipublikasikan", default=jenis_bawaan)
    # Ask search engines not to index the public pages (the documents stay public).
    noindex = models.BooleanField("minta mesin pencari tidak mengindeks", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pengaturan publikasi"
        verbose_name_plural = "pengaturan publikasi"

    def __str__(self) -> str:
        return f"Publikasi {self.kabupaten}"
