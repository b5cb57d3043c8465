"""Who may open the staff import pages: the kabupaten's administrator only; each kabupaten its own mapping and
its own imports."""

import pytest
from django.urls import reverse

from kepegawaian import pratinjau, services
from kepegawaian.models import ImporPegawai, PemetaanKolom
from sakip.models import Position
from sakip.roles import Role
from tests.factories import make_person
from tests.kepegawaian.data import MAPPING, row, rows_of, xlsx
from tests.pengaturan.base import NOT_ADMIN, other_kabupaten

PAGES = ["kepegawaian:index", "kepegawaian:pemetaan", "kepegawaian:pratinjau"]
ACTIONS = ["kepegawaian:unggah", "kepegawaian:susun_ulang", "kepegawaian:terapkan", "kepegawaian:batal"]


def tabalong_admin():
    muara = other_kabupaten()
    position = Position.objects.create(unit=muara.unit.parent, nama="Administrator Tabalong", role=Role.ADMIN)
    return muara, make_person("admin.tabalong", position)


def test_anonymous_visitors_are_sent_to_login(client, db):
    for name in PAGES + ACTIONS:
        response = client.get(reverse(name)) if name in PAGES else client.post(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), name


def test_a_camat_and_every_other_kecamatan_role_and_the_evaluator_are_refused(client_for, org):
    for person in [org.person("awayan", role) for role in NOT_ADMIN] + [org.evaluator]:
        client = client_for(person)
        for name in PAGES:
            assert client.get(reverse(name)).status_code == 403, (person.username, name)
        for name in ACTIONS:
            assert client.post(reverse(name)).status_code == 403, (person.username, name)


def test_another_kabupatens_administrator_sees_none_of_balangans_import_and_cannot_apply_it(client_for, org):
    PemetaanKolom.objects.create(kabupaten=org.kabupaten, kolom=MAPPING)
    balangan = client_for(org.admin)
    balangan.post(reverse("kepegawaian:unggah"), {"berkas": xlsx(rows_of(org), name="balangan-rahasia.xlsx")})
    impor = ImporPegawai.objects.get()
    _, admin = tabalong_admin()
    client = client_for(admin)
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200 and "balangan-rahasia" not in response.content.decode(), name
    response = client.post(reverse("kepegawaian:terapkan"), {"sidik": pratinjau.sidik_pratinjau(impor.pratinjau)})
    assert response.status_code == 302
    assert ImporPegawai.objects.get(pk=impor.pk).status == ImporPegawai.Status.PRATINJAU
    with pytest.raises(Exception) as refused:
        services.terapkan(user=admin, kabupaten=org.kabupaten, sidik=pratinjau.sidik_pratinjau(impor.pratinjau))
    assert refused.type.__name__ == "PermissionDenied"


def test_the_mapping_is_kept_per_kabupaten(client_for, org):
    PemetaanKolom.objects.create(kabupaten=org.kabupaten, kolom=MAPPING)
    muara, admin = tabalong_admin()
    client = client_for(admin)
    # Tabalong's first upload asks for its own mapping; Balangan's is neither shown nor used.
    camat = muara.people[Role.CAMAT]
    response = client.post(reverse("kepegawaian:unggah"), {"berkas": xlsx([row(camat)], name="tabalong.xlsx")})
    assert response["Location"] == reverse("kepegawaian:pemetaan")
    tabalong_mapping = {**MAPPING, "golongan": "", "tmt": ""}
    assert client.post(reverse("kepegawaian:pemetaan"), tabalong_mapping).status_code == 302
    assert PemetaanKolom.objects.get(kabupaten=muara.unit.parent).kolom["golongan"] == ""
    assert PemetaanKolom.objects.get(kabupaten=org.kabupaten).kolom == MAPPING
    assert PemetaanKolom.objects.count() == 2
