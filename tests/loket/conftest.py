import pytest
from django.db import transaction

from sakip.models import Unit
from sakip.roles import Role
from sop import excel
from sop import services as sop_services
from tests.factories import make_kecamatan, make_unit
from tests.loket.data import ktp_workbook


@pytest.fixture(scope="module")
def kota(django_db_setup, django_db_blocker):
    """Kecamatan Baiturrahman (Kota Banda Aceh), one person per role, with its KTP SOP imported from the
    workbook and made effective by its Camat: built once per module, rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            kota = make_unit("Banda Aceh", Unit.Kind.KABUPATEN)
            kec = make_kecamatan(kota, "Baiturrahman", "btr")
            revision = excel.import_workbook(ktp_workbook(), kecamatan=kec.unit)
            sop_services.sop_revision_make_effective(user=kec.people[Role.CAMAT], revision=revision)
            revision.refresh_from_db()
            yield {"kec": kec, "revision": revision, "people": kec.people}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
