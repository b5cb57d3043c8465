"""NIK rules (sakip/nik.py): 16 digits, a region code, a birth date (a woman's day plus 40), a sequence."""

import pytest
from django.core.exceptions import ValidationError

from sakip import nik
from sakip.models import Pegawai


@pytest.mark.parametrize("value", ["6308011208700003", "6308 0112 0870 0003", "6308015507800002", "1101010101000001"])
def test_well_formed_niks_are_accepted_as_digits(value):
    assert nik.validate(value) == value.replace(" ", "")


@pytest.mark.parametrize(
    ("value", "part"),
    [
        ("63080112087000", "16 digit"),
        ("630801120870000A", "angka"),
        ("６３０８０１１２０８７０００３", "angka"),  # full-width digits are not ASCII digits
        ("0008011208700003", "kode wilayah"),
        ("6300011208700003", "kode wilayah"),
        ("6308013208700003", "tanggal lahir"),  # day 32
        ("6308011213700003", "tanggal lahir"),  # month 13
        ("6308017208700003", "tanggal lahir"),  # 72 - 40 = day 32
        ("6308011208700000", "nomor urut"),
    ],
)
def test_malformed_niks_say_which_part_is_wrong(value, part):
    with pytest.raises(ValidationError) as refused:
        nik.validate(value)
    assert part in refused.value.messages[0]


def test_a_nik_is_shown_masked():
    assert nik.samarkan("6308011208700003") == "6308********0003"
    assert nik.samarkan("") == ""


@pytest.mark.django_db
def test_the_model_keeps_the_nik_as_digits_and_unique(org):
    from django.db import IntegrityError, transaction

    person = org.person("awayan", "CAMAT")
    person.nik = "6308011208700003"
    person.full_clean(exclude=["password"])
    person.save()
    assert Pegawai.objects.get(pk=person.pk).nik == "6308011208700003"
    assert person.nik_samar == "6308********0003"
    other = org.person("tebing", "CAMAT")
    other.nik = "6308011208700003"
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()
