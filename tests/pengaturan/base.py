"""Shared helpers of the Pengaturan Kabupaten tests: a second kabupaten, tiny real images, checks of the
login / role / other-kabupaten rules every page must keep."""

import io

from django.urls import reverse
from PIL import Image

from sakip.models import Unit
from sakip.roles import Role
from tests.factories import make_kecamatan, make_person, make_unit

# Roles that are not the kabupaten administrator: all refused (403) on their own kecamatan's objects.
NOT_ADMIN = [
    Role.CAMAT,
    Role.SEKRETARIS,
    Role.KASUBBAG_PERENCANAAN,
    Role.KASUBBAG_UMUM,
    Role.KASI,
    Role.KABID,
    Role.PELAKSANA,
]


def other_kabupaten():
    """Kabupaten Tabalong with Kecamatan Muara Uya (every role), unrelated to Balangan."""
    tabalong = make_unit("Tabalong", Unit.Kind.KABUPATEN)
    return make_kecamatan(tabalong, "Muara Uya", "muara")


def image_bytes(fmt: str = "PNG", size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def assert_login_required(client, url, method="get"):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def assert_role_required(client_for, org, url, method="get", data=None):
    people = [org.person("awayan", role) for role in NOT_ADMIN] + [org.evaluator]
    for person in people:
        response = getattr(client_for(person), method)(url, data or {})
        assert response.status_code == 403, (person.username, response.status_code)


def second_admin(org):
    """A second administrator of Balangan (e.g. of the BKPSDM): the person who confirms grants of powers."""
    return make_person("admin2.balangan", org.admin.jabatan, nama="Rahmah Fitriani, S.Sos")
