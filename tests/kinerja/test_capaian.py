from dataclasses import dataclass
from decimal import Decimal

import pytest

from kinerja import capaian as c

D = Decimal


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "rumus", "status", "nilai"),
    [
        (D(80), D(80), "positif", "selisih", "ok", D(100)),
        (D(80), D(60), "positif", "selisih", "ok", D(75)),
        (D(80), D(100), "positif", "selisih", "ok", D(125)),  # over-achievement kept uncapped
        (D(80), D(0), "positif", "selisih", "ok", D(0)),  # 0 is a value
        (D(80), None, "positif", "selisih", "belum_diisi", None),  # blank is not 0
        (D(0), D(5), "positif", "selisih", "tidak_dapat_dihitung", None),
        (None, D(5), "positif", "selisih", "tidak_dapat_dihitung", None),
        (D(10), D(8), "negatif", "selisih", "ok", D(120)),  # (2*10-8)/10
        (D(10), D(12), "negatif", "selisih", "ok", D(80)),
        (D(10), D(25), "negatif", "selisih", "ok", D(0)),  # floored at 0
        (D(10), D(8), "negatif", "rasio", "ok", D(125)),  # 10/8
        (D(10), D(0), "negatif", "rasio", "tidak_dapat_dihitung", None),
        (D(10), D(0), "negatif", "selisih", "ok", D(200)),
    ],
)
def test_capaian_formulas(target, realisasi, polaritas, rumus, status, nilai):
    result = c.hitung_capaian(target=target, realisasi=realisasi, polaritas=polaritas, rumus_negatif=rumus)
    assert result.status == status
    assert result.nilai == nilai
    if status != "ok":
        assert result.alasan


def test_uncapped_value_is_kept_and_capped_only_on_request():
    result = c.hitung_capaian(target=D(50), realisasi=D(60))
    assert result.nilai == D(120)
    assert result.nilai_dibatasi == D(100)
    assert result.teks == "120,00%"


def test_reasons_are_shown_in_indonesian():
    assert c.hitung_capaian(target=D(0), realisasi=D(3)).teks == "Tidak dapat dihitung: target 0"
    assert c.hitung_capaian(target=D(5), realisasi=None).teks == "Belum diisi"


@pytest.mark.parametrize(
    ("values", "cara", "expected"),
    [
        ([D(10), D(20), None, None], "kumulatif", D(30)),
        ([D(10), D(20), None, None], "akhir", D(20)),
        ([D(70), None, D(80), None], "akhir", D(80)),
        ([D(70), D(80), D(90), None], "rata", D(80)),
        ([D(70), None, D(90), None], "rata", D(80)),  # mean of reported quarters only
        ([None, None, None, None], "kumulatif", None),
        ([D(0), None, None, None], "kumulatif", D(0)),
    ],
)
def test_quarterly_aggregation(values, cara, expected):
    assert c.agregasi(values, cara) == expected


def test_target_up_to_a_quarter_uses_the_same_aggregation():
    targets = [D(25), D(25), D(25), D(25)]
    assert c.target_sampai(targets, "kumulatif", 2) == D(50)
    assert c.target_sampai([D(70), D(75), D(80), D(85)], "akhir", 3) == D(80)


def test_quarterly_targets_that_do_not_add_up_are_a_warning():
    assert c.cek_target_triwulan(D(100), [D(25)] * 4, "kumulatif") is None
    warning = c.cek_target_triwulan(D(100), [D(20)] * 4, "kumulatif")
    assert "Jumlah target triwulan (80)" in warning and "(100)" in warning
    assert c.cek_target_triwulan(D(85), [D(70), D(75), D(80), D(85)], "akhir") is None
    assert c.cek_target_triwulan(D(80), [D(75), D(80), D(80), D(85)], "rata") is None
    assert "Rata-rata target triwulan (77,5)" in c.cek_target_triwulan(D(80), [D(70), D(75), D(80), D(85)], "rata")
    assert c.cek_target_triwulan(D(80), [None] * 4, "kumulatif") is None


@dataclass
class Level:
    label: str
    skor: Decimal


def test_qualitative_levels_compare_scores():
    wtp, wdp = Level("WTP", D(4)), Level("WDP", D(3))
    assert c.hitung_capaian_level(target_level=wtp, realisasi_level=wtp).nilai == D(100)
    assert c.hitung_capaian_level(target_level=wtp, realisasi_level=wdp).nilai == D(75)
    assert c.hitung_capaian_level(target_level=wtp, realisasi_level=None).status == "belum_diisi"
    assert c.hitung_capaian_level(target_level=Level("x", D(0)), realisasi_level=wdp).status == "tidak_dapat_dihitung"


@pytest.mark.parametrize(
    ("nilai", "expected"),
    [
        (D(120), "Sangat Tinggi"),
        (D(91), "Sangat Tinggi"),
        (D("90.99"), "Tinggi"),
        (D("90.5"), "Tinggi"),
        (D(76), "Tinggi"),
        (D("75.99"), "Sedang"),
        (D(66), "Sedang"),
        (D("65.5"), "Rendah"),
        (D(51), "Rendah"),
        (D("50.99"), "Sangat Rendah"),
        (D(0), "Sangat Rendah"),
        (None, None),
    ],
)
def test_predikat_band_edges(nilai, expected):
    assert c.predikat(nilai) == expected


def test_predikat_bands_are_configurable():
    bands = [
        (D(91), "Sangat Baik"),
        (D(76), "Baik"),
        (D(66), "Cukup"),
        (D(51), "Kurang"),
        (D("-Infinity"), "Sangat Kurang"),
    ]
    assert c.predikat(D(80), bands) == "Baik"


def test_sasaran_capaian_is_the_mean_of_computable_indicators():
    items = [c.Capaian("ok", D(100)), c.Capaian("ok", D(80)), c.belum_diisi(), c.tidak_dapat_dihitung("target 0")]
    assert c.capaian_sasaran(items).nilai == D(90)
    assert c.capaian_sasaran([c.belum_diisi()]).status == "belum_diisi"
    assert c.capaian_sasaran([c.tidak_dapat_dihitung("target 0")]).status == "tidak_dapat_dihitung"


def test_budget_absorption_and_efficiency():
    assert c.serapan(D(750_000), D(1_000_000)) == D(75)
    assert c.serapan(D(10), D(0)) is None
    assert c.serapan(None, D(10)) is None
    assert c.efisiensi(D(95), D(75)) == D(20)
    assert c.efisiensi(None, D(75)) is None


@pytest.mark.parametrize(
    ("polaritas", "rumus", "target", "realisasi"),
    [
        ("positif", "selisih", D(80), D(60)),
        ("negatif", "selisih", D(12), D(14)),
        ("negatif", "selisih", D(12), D(30)),  # floored at 0
        ("negatif", "rasio", D(12), D(14)),
    ],
)
def test_the_printed_formula_computes_the_figure(polaritas, rumus, target, realisasi):
    """The sentence the IKU and the LKIP print (rumus_teks), read as arithmetic, gives the capaian computed."""
    sentence = c.rumus_teks(polaritas=polaritas, rumus_negatif=rumus)
    expression = sentence.split("=", 1)[1].split("(indikator")[0]
    floor = "paling rendah 0%" in expression
    expression = expression.replace(", paling rendah 0%", "").replace("%", "").replace("×", "*").replace("−", "-")
    expression = expression.replace("target", f"D('{target}')").replace("realisasi", f"D('{realisasi}')")
    value = eval(expression, {"D": D})  # noqa: S307 - our own sentence with our own numbers
    if floor:
        value = max(value, D(0))
    assert value == c.hitung_capaian(target=target, realisasi=realisasi, polaritas=polaritas, rumus_negatif=rumus).nilai
