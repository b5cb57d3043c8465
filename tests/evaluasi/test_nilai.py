"""The scoring rules of PermenPAN-RB 88/2021, table-driven (evaluasi/nilai.py)."""

import json
from decimal import Decimal
from types import SimpleNamespace as NS

import pytest

from evaluasi import kriteria, nilai

D = Decimal


@pytest.mark.parametrize(
    ("jawaban", "jenis", "skor"),
    [
        ("Y", "YT", D("1")),
        ("T", "YT", D("0")),
        ("A", "AE", D("1")),
        ("B", "AE", D("0.75")),
        ("C", "AE", D("0.5")),
        ("D", "AE", D("0.25")),
        ("E", "AE", D("0")),
        ("", "AE", None),
        ("", "YT", None),
    ],
)
def test_each_answer_scores_as_the_regulation_says(jawaban, jenis, skor):
    assert nilai.skor(jawaban, jenis) == skor


@pytest.mark.parametrize(("jawaban", "jenis"), [("A", "YT"), ("Y", "AE"), ("X", "AE")])
def test_an_answer_outside_the_criterion_scale_is_refused(jawaban, jenis):
    with pytest.raises(ValueError):
        nilai.skor(jawaban, jenis)


@pytest.mark.parametrize(
    ("total", "predikat"),
    [
        ("100", "AA"),
        ("90.01", "AA"),
        ("90", "A"),
        ("90.004", "A"),  # printed 90,00
        ("80.01", "A"),
        ("80", "BB"),
        ("70.01", "BB"),
        ("70", "B"),
        ("60.01", "B"),
        ("60", "CC"),
        ("50.01", "CC"),
        ("50", "C"),
        ("30.01", "C"),
        ("30", "D"),
        ("0", "D"),
    ],
)
def test_predikat_bands_take_the_lower_edge_into_the_band_below(total, predikat):
    assert nilai.predikat(D(total)) == predikat


def test_the_bundled_criteria_carry_the_regulation_weights_and_shares():
    data = kriteria.baca_berkas()
    kriteria.periksa(data)
    bobot = {k["nama"]: D(k["bobot"]) for k in data["komponen"]}
    assert bobot == {
        "Perencanaan Kinerja": 30,
        "Pengukuran Kinerja": 30,
        "Pelaporan Kinerja": 15,
        "Evaluasi Akuntabilitas Kinerja Internal": 25,
    }
    for k in data["komponen"]:
        assert [(s["jenis"], D(s["porsi"])) for s in k["subkomponen"]] == [
            ("keberadaan", 20),
            ("kualitas", 30),
            ("pemanfaatan", 50),
        ]
    assert "ingatan" in data["catatan_sumber"]  # says it was transcribed from memory


def _tree(answers_per_sub):
    """Four components of the regulation, each with three sub-components of the given criteria kinds."""
    comps = []
    pk = 0
    for kode, bobot in (("1", 30), ("2", 30), ("3", 15), ("4", 25)):
        subs = []
        for jenis, porsi in (("keberadaan", 20), ("kualitas", 30), ("pemanfaatan", 50)):
            crit = []
            for kind in answers_per_sub[jenis]:
                pk += 1
                crit.append(NS(pk=pk, jenis_jawaban=kind))
            subs.append(NS(kode=f"{kode}.{jenis[0]}", nama=jenis, jenis=jenis, porsi=D(porsi), kriteria_list=crit))
        comps.append(NS(kode=kode, nama=f"K{kode}", bobot=D(bobot), sub_list=subs))
    return comps


@pytest.mark.parametrize(
    ("answers", "expected_total", "expected_predikat"),
    [
        ({"keberadaan": "Y", "kualitas": "A", "pemanfaatan": "A"}, D("100.00"), "AA"),
        ({"keberadaan": "T", "kualitas": "E", "pemanfaatan": "E"}, D("0.00"), "D"),
        # keberadaan full (20), kualitas B (0,75 × 30 = 22,5), pemanfaatan C (0,5 × 50 = 25) = 67,5 of 100,
        # except that Pelaporan's kualitas (0,75 × 4,5 = 3,375) is printed 3,38: the printed values add to 67,51.
        ({"keberadaan": "Y", "kualitas": "B", "pemanfaatan": "C"}, D("67.51"), "B"),
        # keberadaan full, kualitas full, pemanfaatan D (12,5) = 62,5; Pelaporan's 1,875 is printed 1,88.
        ({"keberadaan": "Y", "kualitas": "A", "pemanfaatan": "D"}, D("62.51"), "B"),
    ],
)
def test_sub_component_value_is_mean_times_share_times_weight(answers, expected_total, expected_predikat):
    tree = _tree({"keberadaan": ["YT", "YT"], "kualitas": ["AE", "AE"], "pemanfaatan": ["AE", "AE"]})
    given = {}
    for comp in tree:
        for sub in comp.sub_list:
            for c in sub.kriteria_list:
                given[c.pk] = answers[sub.jenis]
    hasil = nilai.hitung(tree, given)
    assert hasil.total == expected_total
    assert hasil.predikat == expected_predikat
    assert hasil.belum_dijawab == 0
    # Each component contributes its weight times the same share: the components add up to the total.
    assert sum(k.nilai for k in hasil.komponen) == hasil.total


@pytest.mark.parametrize(
    ("kode", "bobot", "nilai_keberadaan"),
    [("1", D("30"), D("6.00")), ("2", D("30"), D("6.00")), ("3", D("15"), D("3.00")), ("4", D("25"), D("5.00"))],
)
def test_keberadaan_is_twenty_percent_of_each_component_weight(kode, bobot, nilai_keberadaan):
    tree = _tree({"keberadaan": ["YT"], "kualitas": ["AE"], "pemanfaatan": ["AE"]})
    given = {
        c.pk: "Y" for comp in tree for sub in comp.sub_list if sub.jenis == "keberadaan" for c in sub.kriteria_list
    }
    hasil = nilai.hitung(tree, given)
    komponen = next(k for k in hasil.komponen if k.kode == kode)
    assert komponen.bobot == bobot
    assert komponen.sub[0].nilai == nilai_keberadaan
    assert [s.bobot for s in komponen.sub] == [bobot * D("0.2"), bobot * D("0.3"), bobot * D("0.5")]


def test_a_mean_is_taken_over_all_criteria_with_the_unanswered_as_zero_and_counted():
    tree = _tree({"keberadaan": ["YT", "YT", "YT"], "kualitas": ["AE"], "pemanfaatan": ["AE"]})
    first = tree[0].sub_list[0].kriteria_list
    hasil = nilai.hitung(tree, {first[0].pk: "Y", first[1].pk: "T"})
    # (1 + 0 + 0) / 3 × 20% × 30 = 2 exactly.
    assert hasil.komponen[0].sub[0].nilai == D("2.00")
    assert hasil.belum_dijawab == 1 + 2 + 3 * 5  # one in 1.a, kualitas and pemanfaatan of 1, all five of 2..4


def test_sub_component_values_are_rounded_once_to_two_decimals_half_up():
    # 2 of 3 criteria with B: (0,75 + 0,75 + 0) / 3 × 30% × 15 = 2,25 exactly; 1 of 3 A: 1/3 × 4,5 = 1,50.
    assert nilai.nilai_subkomponen([D("1"), None, None], D("30"), D("15")) == D("1.50")
    # 1/3 × 20% × 25 = 1,6666… → 1,67.
    assert nilai.nilai_subkomponen([D("1"), D("0"), D("0")], D("20"), D("25")) == D("1.67")


def test_a_file_with_weights_not_adding_up_is_refused():
    data = kriteria.baca_berkas()
    broken = json.loads(json.dumps(data))
    broken["komponen"][0]["bobot"] = "31"
    with pytest.raises(kriteria.KriteriaError, match="seharusnya 100"):
        kriteria.periksa(broken)
    broken = json.loads(json.dumps(data))
    broken["komponen"][0]["subkomponen"][0]["kriteria"][0]["bukti_otomatis"] = "tidak_ada"
    with pytest.raises(kriteria.KriteriaError, match="tidak dikenal"):
        kriteria.periksa(broken)
