import pytest
from django.core.exceptions import ValidationError

from sakip import nip


def test_printed_spaced_form_is_stored_as_18_digits():
    assert nip.validate("19701208 199203 1 007") == "197012081992031007"


def test_digits_print_in_the_spaced_form():
    assert nip.format_nip("197012081992031007") == "19701208 199203 1 007"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1970120819920310", "18 digit; yang diisi 16 digit"),
        ("19701208 199203 1 00A", "hanya boleh berisi angka"),
        ("19701308 199203 1 007", "tanggal lahir yang valid"),
        ("19700230 199203 1 007", "tanggal lahir yang valid"),
        ("19701208 199213 1 007", "tahun dan bulan pengangkatan"),
        ("19701208 199203 3 007", "harus 1 (laki-laki) atau 2 (perempuan)"),
    ],
)
def test_invalid_nip_says_what_is_wrong_in_indonesian(value, message):
    with pytest.raises(ValidationError) as error:
        nip.validate(value)
    assert message in error.value.messages[0]


def test_appointment_before_birth_is_a_warning_not_a_block():
    # Camat Batumandi's NIP as printed in the seed SOP: appointed 1988-04, born 1989-04-13.
    assert nip.validate("19890413 198804 1 001") == "198904131988041001"
    warnings = nip.warnings("19890413 198804 1 001")
    assert len(warnings) == 1
    assert "lebih awal dari tanggal lahir" in warnings[0]


def test_plausible_nip_has_no_warnings():
    assert nip.warnings("19880619 200701 2 002") == []


def test_appointment_as_a_child_is_a_warning():
    assert "kurang dari 18 tahun" in nip.warnings("20000101 200501 1 001")[0]


def test_sex_digit_is_read():
    assert nip.sex_of("19880619 200701 2 002") == "Perempuan"
