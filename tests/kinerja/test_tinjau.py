"""Checkers read, they do not fill: the entry page is titled for review for those who enter nothing and
leads to the quarter's actions, whose buttons say by their look whether they move the data on or send it
back; Data Kinerja tells each role what choosing a quarter is for."""

import pytest
from django.urls import reverse

from kinerja.models import Triwulan
from kinerja.services.triwulan import triwulan_get_or_create
from sakip.roles import Role
from tests.kinerja.data import make_pk

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(org):
    make_pk(org.awayan, 2025, 2)
    quarter = triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=1)
    Triwulan.objects.filter(pk=quarter.pk).update(status=Triwulan.Status.DIAJUKAN)
    return quarter


def test_the_sekretaris_reviews_a_submitted_quarter_and_is_led_to_its_actions(org, client_for, submitted):
    client = client_for(org.person("awayan", Role.SEKRETARIS))
    html = client.get(reverse("kinerja:entry", args=[org.awayan.unit.pk, 2025, 1])).content.decode()
    assert '<h1 class="h3">Tinjau realisasi' in html and "data-tinjau" in html
    page = client.get(reverse("kinerja:triwulan", args=[org.awayan.unit.pk, 2025, 1])).content.decode()
    verify = page[page.index('data-action="verifikasi"') :]
    assert 'class="btn btn-success"' in verify[: verify.index("</form>")]
    back = page[page.index('data-action="kembalikan"') :]
    assert 'class="btn btn-outline-danger"' in back[: back.index("</form>")]


def test_staff_still_fill_a_draft_quarter(org, client_for):
    make_pk(org.awayan, 2025, 2)
    html = (
        client_for(org.person("awayan", Role.PELAKSANA))
        .get(reverse("kinerja:entry", args=[org.awayan.unit.pk, 2025, 1]))
        .content.decode()
    )
    assert '<h1 class="h3">Isi realisasi' in html and "data-tinjau" not in html


@pytest.mark.parametrize(
    "who,caption",
    [
        ("evaluator", "Pilih triwulan untuk melihat datanya."),
        ("pelaksana", "Pilih triwulan untuk melihat datanya atau mengisi realisasi."),
        ("kasubbag", "Pilih triwulan untuk melihat datanya, mengisi realisasi atau memproses persetujuan."),
        ("camat", "Pilih triwulan untuk melihat datanya atau memproses persetujuan."),
    ],
)
def test_data_kinerja_says_what_choosing_a_quarter_is_for(org, client_for, who, caption):
    person = {
        "evaluator": org.evaluator,
        "pelaksana": org.person("awayan", Role.PELAKSANA),
        "kasubbag": org.person("awayan", Role.KASUBBAG_PERENCANAAN),
        "camat": org.person("awayan", Role.CAMAT),
    }[who]
    html = client_for(person).get(reverse("kinerja:index") + f"?kecamatan={org.awayan.unit.pk}").content.decode()
    assert caption in html


def test_deleting_evidence_asks_first(org, client_for):
    """One tap must not delete a file: the evidence page's Hapus asks for confirmation (static/js/confirm.js)."""
    import hashlib

    from django.core.files.base import ContentFile

    from kinerja.models import BuktiDukung, Realisasi

    (ind,) = make_pk(org.awayan, 2025, 1)
    realisasi = Realisasi.objects.create(indikator=ind, triwulan=1, nilai=1, versi=1)
    content = b"%PDF-1.4\n%%EOF\n"
    bukti = BuktiDukung(
        realisasi=realisasi,
        nama_asli="undangan.pdf",
        jenis_isi="application/pdf",
        ukuran=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        diunggah_oleh=org.person("awayan", Role.PELAKSANA),
    )
    bukti.berkas.save("undangan.pdf", ContentFile(content), save=False)
    bukti.save()
    html = (
        client_for(org.person("awayan", Role.PELAKSANA))
        .get(reverse("kinerja:bukti", args=[org.awayan.unit.pk, 2025, 1, ind.pk]))
        .content.decode()
    )
    assert 'data-confirm="Hapus bukti &quot;undangan.pdf&quot;?' in html and "js/confirm.js" in html
