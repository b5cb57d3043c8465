import pytest
from django.urls import reverse

from sakip.models import Pegawai, Unit
from sop import services
from sop.models import SopRevision
from sop.validation import validate_revision
from tests.sop.test_views import make_draft


@pytest.fixture
def demo(demo_data, db):
    return {r.nomor: r for r in SopRevision.objects.all()}


def messages(revision, severity):
    return [i.message for i in validate_revision(revision) if i.severity == severity]


def test_seed_sops_have_no_errors_but_list_suspicious_printed_values(demo):
    for revision in demo.values():
        assert messages(revision, "error") == [], revision.nomor
    warnings = messages(demo["SOP – 01/Kec.Awy"], "warning")
    assert any('Langkah 3, kolom Waktu: "2 Menit" terlalu singkat' in w for w in warnings)
    assert any('Langkah 7, kolom Waktu: "120 hari" sangat panjang' in w for w in warnings)
    assert any('Langkah 8, kolom Waktu: "60 Menit" mungkin lebih tepat ditulis dalam Jam' in w for w in warnings)
    # The demo's Camat confirmed Awayan's lanes; the template's stay inferences to review.
    assert not any("kolom Pelaksana: lajur disimpulkan" in w for w in warnings)
    template_warnings = messages(demo["009  /KBB /SOP/IV/2023"], "warning")
    assert any("Langkah 2, kolom Pelaksana: lajur disimpulkan" in w for w in template_warnings)
    # Printed values stay as printed.
    assert demo["SOP – 01/Kec.Awy"].steps.get(no=3).waktu_cetak == "2 Menit"


def test_errors_name_step_and_field_and_block_making_effective(demo):
    draft = make_draft(Unit.objects.get(kode="awayan"), 4)
    draft.steps.filter(no=1).update(kind="proses")
    draft.steps.filter(no=3).update(kind="keputusan", ya_ke=4, tidak_ke=None)
    draft.steps.filter(no=2).update(waktu_cetak="sebentar")
    errors = messages(draft, "error")
    assert "Langkah 1, kolom Simbol: langkah pertama dan terakhir harus terminator (mulai/selesai)." in errors
    assert "Langkah 3, kolom Tidak: cabang keputusan harus menunjuk langkah yang ada." in errors
    assert 'Langkah 2, kolom Waktu: "sebentar" tidak dapat dibaca.' in errors
    with pytest.raises(services.SopError, match="Langkah 1, kolom Simbol"):
        services.sop_revision_make_effective(user=Pegawai.objects.get(username="camat.awayan"), revision=draft)


def test_owner_sees_the_review_list_other_kecamatan_does_not(client, demo):
    revision = demo["SOP – 01/Kec.Awy"]
    client.force_login(Pegawai.objects.get(username="perencanaan.awayan"))
    assert "Perlu ditinjau" in client.get(reverse("sop:detail", args=[revision.pk])).content.decode()
    client.force_login(Pegawai.objects.get(username="perencanaan.batumandi"))
    assert "Perlu ditinjau" not in client.get(reverse("sop:detail", args=[revision.pk])).content.decode()
