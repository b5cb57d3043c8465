"""The IKM rules of PermenPAN-RB 14/2017 (layanan/ikm.py), with cases computed by hand."""

from decimal import Decimal

import pytest

from layanan import ikm


@pytest.mark.parametrize(
    ("answers", "expected_ikm", "expected_mutu"),
    [
        ([[4] * 9], "100.00", "A"),
        ([[3] * 9], "75.00", "C"),
        ([[2] * 9], "50.00", "D"),
        ([[1] * 9], "25.00", "D"),
        # Two respondents: [4,4,4,4,4,4,4,4,4] and [3,3,3,3,3,3,3,3,3]: every NRR 3,5; tertimbang 3,5;
        # IKM 3,5 × 25 = 87,50 → B.
        ([[4] * 9, [3] * 9], "87.50", "B"),
        # Three respondents: sums per unsur 4+3+3=10, 4+4+3=11, 3+3+3=9, 4+4+4=12, 3+2+3=8,
        # 4+3+4=11, 4+4+4=12, 2+3+3=8, 3+3+4=10 → total 91; NRR tertimbang = 91/27 = 3,37037…;
        # IKM = 91/27 × 25 = 84,259… → 84,26 → B.
        (
            [[4, 4, 3, 4, 3, 4, 4, 2, 3], [3, 4, 3, 4, 2, 3, 4, 3, 3], [3, 3, 3, 4, 3, 4, 4, 3, 4]],
            "84.26",
            "B",
        ),
        # One respondent, eight 4s and one 1: 33/9 × 25 = 91,666… → 91,67 → A.
        ([[4, 4, 4, 4, 4, 4, 4, 4, 1]], "91.67", "A"),
    ],
)
def test_ikm_from_answers(answers, expected_ikm, expected_mutu):
    hasil = ikm.hitung_jawaban(answers)
    assert hasil.ikm == Decimal(expected_ikm)
    assert hasil.mutu.huruf == expected_mutu
    assert hasil.responden == len(answers)


def test_nrr_per_unsur_and_weighted():
    hasil = ikm.hitung_jawaban([[4, 4, 3, 4, 3, 4, 4, 2, 3], [3, 4, 3, 4, 2, 3, 4, 3, 3], [3, 3, 3, 4, 3, 4, 4, 3, 4]])
    # 10/3, 11/3, 9/3, 12/3, 8/3, 11/3, 12/3, 8/3, 10/3 to two decimals, half up.
    assert hasil.nrr == tuple(
        Decimal(v) for v in ("3.33", "3.67", "3.00", "4.00", "2.67", "3.67", "4.00", "2.67", "3.33")
    )
    assert hasil.nrr_tertimbang == Decimal("3.3704")  # 91/27


@pytest.mark.parametrize(
    ("value", "huruf", "kinerja"),
    [
        ("25.00", "D", "Tidak Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("76.60", "C", "Kurang Baik"),
        ("76.61", "B", "Baik"),
        ("88.30", "B", "Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("100.00", "A", "Sangat Baik"),
        ("76.605", "B", "Baik"),  # printed as 76,61 (half up), so B
        ("76.604", "C", "Kurang Baik"),
    ],
)
def test_conversion_boundaries(value, huruf, kinerja):
    m = ikm.mutu(Decimal(value))
    assert (m.huruf, m.kinerja) == (huruf, kinerja)


def test_no_respondents_means_no_index():
    hasil = ikm.hitung(jumlah=[0] * 9, responden=0)
    assert hasil.ikm is None and hasil.mutu is None and hasil.nrr is None
    assert hasil.sampel_cukup is None


@pytest.mark.parametrize(
    ("populasi", "minimal"),
    [(5, 5), (10, 10), (11, 11), (30, 28), (100, 80), (101, 86), (1000, 278), (1000000, 384), (5_000_000, 384)],
)
def test_minimum_sample_krejcie_morgan(populasi, minimal):
    assert ikm.sampel_minimal(populasi) == minimal


def test_sample_check_against_population():
    assert ikm.hitung_jawaban([[3] * 9] * 80, populasi=100).sampel_cukup is True
    assert ikm.hitung_jawaban([[3] * 9] * 79, populasi=100).sampel_cukup is False
    assert ikm.hitung_jawaban([[3] * 9] * 79).sampel_cukup is None


def test_out_of_range_answers_are_refused():
    with pytest.raises(ValueError):
        ikm.hitung_jawaban([[5] * 9])
    with pytest.raises(ValueError):
        ikm.hitung_jawaban([[3] * 8])


def test_nine_unsur_each_with_four_answers():
    assert [u.nomor for u in ikm.UNSUR] == list(range(1, 10))
    assert ikm.UNSUR[0].jawaban == ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")
    assert all(len(u.jawaban) == 4 and u.pertanyaan.endswith("?") for u in ikm.UNSUR)


@pytest.mark.parametrize(
    ("value", "huruf_2017", "huruf_2004"),
    [("81.26", "B", "A"), ("88.30", "B", "A"), ("62.51", "D", "B"), ("64.99", "D", "B"), ("43.76", "D", "C")],
)
def test_bands_are_14_2017_not_the_repealed_2004_ones(value, huruf_2017, huruf_2004):
    """KEP/25/M.PAN/2/2004's bands (A from 81,26, B from 62,51, C from 43,76) still circulate in reports."""
    assert ikm.mutu(Decimal(value)).huruf == huruf_2017 != huruf_2004
