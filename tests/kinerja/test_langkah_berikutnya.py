"""Beranda says what to do next: per role, the concrete steps as links with what is missing, overdue first;
a quarter that moved on says who acts next; the kabupaten roles see which kecamatan are late."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import Realisasi, Triwulan
from kinerja.panels import kecamatan_terlambat, langkah_berikutnya
from sakip.roles import Role
from tests.kinerja.data import make_pk

pytestmark = pytest.mark.django_db
WITA = datetime.timezone(datetime.timedelta(hours=8))
S = Triwulan.Status


def on(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9, tzinfo=WITA), tick=False)


@pytest.fixture
def awayan_2026(org):
    """A PK 2026 of four indicators answered for by the Pelaksana's unit; TW I and II approved."""
    indicators = make_pk(org.awayan, 2026, 4)
    for ind in indicators:
        for tw in (1, 2):
            Realisasi.objects.create(indikator=ind, triwulan=tw, nilai=Decimal(25))
    for tw in (1, 2):
        Triwulan.objects.create(
            kecamatan=org.awayan.unit,
            tahun=2026,
            triwulan=tw,
            status=S.DISETUJUI,
            batas_mulai=datetime.date(2026, 3 * tw - 2, 1),
            batas_akhir=datetime.date(2026, 3 * tw, 28) + datetime.timedelta(days=10),
        )
    return indicators


def titles(person) -> list[str]:
    panel = langkah_berikutnya(person)
    return [s.judul for s in panel["langkah"]] if panel else []


def test_staff_see_how_many_of_their_indicators_are_still_empty(org, awayan_2026):
    with on(datetime.date(2026, 10, 5)):
        assert "Isi realisasi TW III 2026 — 4 dari 4 indikator belum diisi" in titles(
            org.person("awayan", Role.PELAKSANA)
        )
        Realisasi.objects.create(indikator=awayan_2026[0], triwulan=3, nilai=Decimal(20))
        assert "Isi realisasi TW III 2026 — 3 dari 4 indikator belum diisi" in titles(
            org.person("awayan", Role.PELAKSANA)
        )
        # The Kasi answers for none of them; Tebing Tinggi's staff see nothing of Awayan.
        assert not any("TW III 2026" in t for t in titles(org.person("awayan", Role.KASI)))
        assert not any("TW III" in t for t in titles(org.person("tebing", Role.PELAKSANA)))


def test_overdue_steps_come_first_and_are_marked(org, awayan_2026):
    with on(datetime.date(2026, 10, 15)):  # TW III closed on 10 October
        steps = langkah_berikutnya(org.person("awayan", Role.PELAKSANA))["langkah"]
        assert steps[0].terlambat and steps[0].judul.startswith("Isi realisasi TW III 2026")
        assert "Batas pengisian 10 Oktober 2026." in steps[0].keterangan
        html = _beranda(org, Role.PELAKSANA)
        assert "Lewat batas" in html
        assert reverse("kinerja:entry", args=[org.awayan.unit.pk, 2026, 3]) in html


def test_a_full_quarter_asks_the_kasubbag_to_submit_it(org, awayan_2026):
    for ind in awayan_2026:
        Realisasi.objects.create(indikator=ind, triwulan=3, nilai=Decimal(25))
    with on(datetime.date(2026, 10, 5)):
        assert "Ajukan TW III 2026 — semua 4 indikator telah diisi" in titles(
            org.person("awayan", Role.KASUBBAG_PERENCANAAN)
        )
        assert not any("TW III 2026" in t for t in titles(org.person("awayan", Role.PELAKSANA)))


def test_a_moving_quarter_names_who_acts_next(org, awayan_2026):
    quarter = Triwulan.objects.create(
        kecamatan=org.awayan.unit,
        tahun=2026,
        triwulan=3,
        status=S.DIAJUKAN,
        batas_mulai=datetime.date(2026, 7, 1),
        batas_akhir=datetime.date(2026, 10, 10),
    )
    with on(datetime.date(2026, 10, 5)):
        assert "Verifikasi TW III 2026" in titles(org.person("awayan", Role.SEKRETARIS))
        assert "TW III 2026: menunggu verifikasi Sekretaris" in titles(org.person("awayan", Role.PELAKSANA))
        assert not any("TW III" in t for t in titles(org.person("awayan", Role.CAMAT)))
        Triwulan.objects.filter(pk=quarter.pk).update(status=S.DIVERIFIKASI)
        assert "Setujui TW III 2026" in titles(org.person("awayan", Role.CAMAT))
        assert "TW III 2026: menunggu persetujuan Camat" in titles(org.person("awayan", Role.KASUBBAG_PERENCANAAN))


def test_a_returned_quarter_shows_the_reason(org, awayan_2026):
    Triwulan.objects.create(
        kecamatan=org.awayan.unit,
        tahun=2026,
        triwulan=3,
        status=S.DRAFT,
        batas_mulai=datetime.date(2026, 7, 1),
        batas_akhir=datetime.date(2026, 10, 10),
        catatan_pengembalian="Bukti indikator 2 belum diunggah.",
    )
    with on(datetime.date(2026, 10, 5)):
        step = next(
            s for s in langkah_berikutnya(org.person("awayan", Role.PELAKSANA))["langkah"] if "TW III" in s.judul
        )
        assert step.keterangan.startswith("Dikembalikan: Bukti indikator 2 belum diunggah.")


def test_the_kabupaten_sees_which_kecamatan_are_late(org, awayan_2026):
    with on(datetime.date(2026, 10, 15)):
        late = {row["kecamatan"].pk: row["triwulan"] for row in kecamatan_terlambat(org.admin)["terlambat"]}
        assert late[org.awayan.unit.pk] == [
            "TW IV 2025 (draf, batas 10 Januari 2026)",  # never entered either
            "TW III 2026 (draf, batas 10 Oktober 2026)",
        ]
        assert org.tebing.unit.pk in late  # nothing entered at all is late too
        assert kecamatan_terlambat(org.person("awayan", Role.CAMAT)) is None
        html = _client(org, org.admin).get(reverse("beranda")).content.decode()
        assert f'data-terlambat="{org.awayan.unit.pk}"' in html


def test_the_panel_costs_the_same_queries_for_4_and_40_indicators(org, awayan_2026, client_for):
    client = client_for(org.person("awayan", Role.PELAKSANA))
    counts = []
    with on(datetime.date(2026, 10, 5)):
        for extra in (0, 36):
            if extra:
                make_pk(org.tebing, 2026, 1)  # another kecamatan's data changes nothing here
                from kinerja.models import Indikator, Sasaran

                sasaran = Sasaran.objects.filter(kecamatan=org.awayan.unit).first()
                for n in range(extra):
                    Indikator.objects.create(
                        sasaran=sasaran,
                        urutan=10 + n,
                        uraian=f"Indikator {n}",
                        satuan="%",
                        target_tahunan=100,
                        penanggung_jawab=awayan_2026[0].penanggung_jawab,
                    )
            client.get(reverse("beranda"))
            with CaptureQueriesContext(connection) as ctx:
                html = client.get(reverse("beranda")).content.decode()
            counts.append(len(ctx.captured_queries))
        assert "40 dari 40 indikator belum diisi" in html
    assert counts[0] == counts[1]


def _client(org, person):
    from django.test import Client

    client = Client()
    client.force_login(person)
    return client


def _beranda(org, role):
    return _client(org, org.person("awayan", role)).get(reverse("beranda")).content.decode()


def test_tidak_ada_kegiatan_counts_as_reported_only_with_its_reason(org, awayan_2026):
    """The same rule as the submission gate (kinerja.gates): a declared "tidak ada kegiatan" needs a reason."""
    first, second = awayan_2026[:2]
    Realisasi.objects.create(indikator=first, triwulan=3, tidak_ada_kegiatan=True, alasan_tidak_ada_kegiatan="")
    Realisasi.objects.create(
        indikator=second, triwulan=3, tidak_ada_kegiatan=True, alasan_tidak_ada_kegiatan="Tidak ada permohonan."
    )
    with on(datetime.date(2026, 10, 5)):
        assert "Isi realisasi TW III 2026 — 3 dari 4 indikator belum diisi" in titles(
            org.person("awayan", Role.PELAKSANA)
        )
