from django.urls import reverse

from sop.models import Sop, SopRevision
from tests.pengaturan.base import assert_login_required, assert_role_required

URL = "pengaturan:templat_sop"


def test_it_requires_login(client, db):
    assert_login_required(client, reverse(URL))


def test_it_requires_role(client_for, org):
    assert_role_required(client_for, org, reverse(URL))


def test_it_lists_shared_templates_and_links_to_the_library(client_for, org):
    sop = Sop.objects.create(kecamatan=None)
    template = SopRevision.objects.create(sop=sop, nama="Templat Pelayanan Surat", status=SopRevision.Status.EFFECTIVE)
    own = Sop.objects.create(kecamatan=org.awayan.unit)
    SopRevision.objects.create(sop=own, nama="SOP Milik Awayan", status=SopRevision.Status.EFFECTIVE)
    html = client_for(org.admin).get(reverse(URL)).content.decode()
    assert "Templat Pelayanan Surat" in html
    assert "SOP Milik Awayan" not in html
    assert reverse("sop:detail", args=[template.pk]) in html
    assert f"{reverse('sop:list')}?kecamatan=templat" in html


def test_it_says_what_would_fill_an_empty_list(client_for, org):
    assert "Belum ada templat SOP bersama." in client_for(org.admin).get(reverse(URL)).content.decode()
