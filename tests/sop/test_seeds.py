import re
from collections import Counter

import pytest
from django.core.management import call_command

from sop import flowchart, seeds
from sop.models import Sop, SopRevision, Step

EXPECTED = {
    "067/211/KTT-BLG/2024": ("tebing-tinggi", 9),
    "067/02/KEC.AWY/VII/2023": ("awayan", 7),
    "SOP – 01/Kec.Awy": ("awayan", 9),
    "067.2/ 03 /KEC.AWY/VII/2023": ("awayan", 10),
    "067/02/KEC.AWY/VII/2024": ("awayan", 7),
    "02 JANUARI 2023": ("paringin-selatan", 8),
    "067/001/KEC.BTM/BLG/2024": ("batumandi", 12),
    "009  /KBB /SOP/IV/2023": (None, 10),
}


@pytest.fixture
def seeded(seeds_data, db):
    """The seeds as production loads them (the organisation of the demo gives the kecamatan), once per module."""
    return {r.nomor: r for r in SopRevision.objects.select_related("sop__kecamatan")}


def test_all_eight_seed_sops_load_with_their_step_counts(seeded):
    assert set(seeded) == set(EXPECTED)
    for nomor, (kecamatan, steps) in EXPECTED.items():
        revision = seeded[nomor]
        assert (revision.sop.kecamatan.kode if revision.sop.kecamatan else None) == kecamatan
        assert revision.steps.count() == steps, nomor


def test_seeds_load_as_drafts_whose_lanes_need_the_camats_review(seeded):
    for nomor, revision in seeded.items():
        assert revision.status == SopRevision.Status.DRAFT, nomor
        assert revision.lajur_perlu_diperiksa, nomor
        assert revision.lajur_diperiksa_oleh is None and revision.lajur_diperiksa_pada is None


def history_count() -> int:
    return SopRevision.history.count() + Sop.history.count()


def test_loading_twice_creates_nothing(seeded):
    before = (Sop.objects.count(), SopRevision.objects.count(), Step.objects.count(), history_count())
    revisions, created = seeds.load_seeds()
    assert (len(revisions), created) == (8, 0)
    assert {r.pk for r in revisions} == {r.pk for r in seeded.values()}
    assert (Sop.objects.count(), SopRevision.objects.count(), Step.objects.count(), history_count()) == before


def test_the_demo_loader_twice_creates_nothing(db):
    call_command("load_demo", verbosity=0)
    before = (Sop.objects.count(), SopRevision.objects.count(), Step.objects.count(), history_count())
    assert seeds.load_seed_sops() == "8 SOP (0 baru)"
    assert (Sop.objects.count(), SopRevision.objects.count(), Step.objects.count(), history_count()) == before


def test_printed_values_are_kept_as_printed(seeded):
    auyan = seeded["SOP – 01/Kec.Awy"]
    assert auyan.unit_penerbit == "Kecamatan Auyan"
    assert auyan.steps.get(no=3).waktu_cetak == "2 Menit"
    assert seeded["067/211/KTT-BLG/2024"].steps.get(no=7).waktu_cetak == "120 Hari"
    lanes = [lane.label for lane in seeded["02 JANUARI 2023"].lanes.all()]
    assert lanes == ["Start/JF", "Kasi", "Kasubdag", "Sekcam", "Camat"]
    assert seeded["02 JANUARI 2023"].lanes.get(label="Kasubdag").role == "KASUBBAG_PERENCANAAN"


def test_waktu_is_parsed_next_to_the_printed_text(seeded):
    step = seeded["067/211/KTT-BLG/2024"].steps.get(no=6)
    assert (step.waktu_cetak, step.waktu_nilai, step.waktu_satuan) == ("2 Hari", 2, "hari")
    assert not Step.objects.filter(waktu_satuan="").exists()


def test_the_template_from_outside_balangan_has_no_issuing_unit(seeded):
    template = seeded["009  /KBB /SOP/IV/2023"]
    assert template.sop.kecamatan is None
    assert template.unit_penerbit == ""
    assert "esakip gowa" in template.steps.get(no=9).uraian
    decision = template.steps.get(no=8)
    assert (decision.kind, decision.ya_ke, decision.tidak_ke) == ("keputusan", 9, 7)


def test_inferred_lanes_are_recorded_for_review(seeded):
    for revision in seeded.values():
        assert "disimpulkan" in revision.catatan_transkripsi
    paringin = seeded["02 JANUARI 2023"]
    assert not paringin.steps.get(no=1).lane_inferred  # "Mulai" was printed in the Start/JF lane
    assert paringin.steps.get(no=2).lane_inferred


def test_decisions_marked_in_the_seeds_have_both_branches(seeded):
    decisions = {
        (r.nomor, s.no, s.ya_ke, s.tidak_ke) for r in seeded.values() for s in r.steps.filter(kind="keputusan")
    }
    assert decisions == {
        ("SOP – 01/Kec.Awy", 8, 9, 7),
        ("067/001/KEC.BTM/BLG/2024", 7, 8, 6),
        ("067/001/KEC.BTM/BLG/2024", 11, 12, 10),
        ("009  /KBB /SOP/IV/2023", 8, 9, 7),
    }


@pytest.mark.parametrize("nomor", sorted(EXPECTED))
def test_flowchart_has_one_symbol_per_step_of_the_right_shape(seeded, nomor):
    revision = seeded[nomor]
    steps = list(revision.steps.order_by("no"))
    lanes = list(revision.lanes.all())
    svg = flowchart.full_svg(flowchart.nodes_from_steps(steps, lanes), len(lanes))
    found = re.findall(r'data-shape="(\w+)" data-step="(\d+)"', svg)
    assert Counter(step for _, step in found) == Counter(str(s.no) for s in steps)
    by_step = {int(step): shape for shape, step in found}
    assert by_step[steps[0].no] == "terminator" and by_step[steps[-1].no] == "terminator"
    for s in steps[1:-1]:
        assert by_step[s.no] == ("diamond" if s.kind == "keputusan" else "rectangle")
    assert svg.count("Tidak") == sum(1 for s in steps if s.kind == "keputusan")
