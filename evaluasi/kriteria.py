"""The LKE criteria as data: reading a criteria file (fixtures/evaluasi/*.json) and writing it as a KriteriaSet.

The file names its source (the annex of PermenPAN-RB 88/2021) and says how it was transcribed; it lists the
components (kode, nama, bobot), each with its sub-components (kode, jenis keberadaan/kualitas/pemanfaatan,
porsi in percent, nama) and their criteria (teks, jawaban "YT" or "AE", optional bukti_otomatis = a rule of
evaluasi/bukti.py). Checked here before anything is written: the weights add up to 100, the shares of each
component to 100, every answer kind and rule is known.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings

from evaluasi import nilai
from evaluasi.models import Komponen, Kriteria, KriteriaSet, SubKomponen
from sakip.errors import Penolakan

BAWAAN = Path(settings.BASE_DIR) / "fixtures" / "evaluasi" / "lke_permenpanrb_88_2021.json"


class KriteriaError(Penolakan):
    """A criteria file that cannot be loaded (the message names the place)."""


def baca_berkas(path: Path | str = BAWAAN) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise KriteriaError(f"Berkas kriteria tidak dapat dibaca: {error}") from None


def _angka(value, where: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise KriteriaError(f"{where}: angka tidak valid ({value!r}).") from None


def periksa(data: dict) -> None:
    """Refuse a criteria file whose structure or figures are wrong, naming the place."""
    from evaluasi.bukti import RULES

    komponen = data.get("komponen") or []
    if not komponen:
        raise KriteriaError("Berkas kriteria tidak memuat komponen.")
    for key in ("nama", "sumber"):
        if not str(data.get(key, "")).strip():
            raise KriteriaError(f"Berkas kriteria tidak menyebut {key}.")
    total = Decimal(0)
    kode_seen = set()
    for k in komponen:
        where = f"Komponen {k.get('kode', '?')}"
        if k.get("kode") in kode_seen or not k.get("kode"):
            raise KriteriaError(f"{where}: kode kosong atau ganda.")
        kode_seen.add(k["kode"])
        total += _angka(k.get("bobot"), where)
        porsi = Decimal(0)
        subs = k.get("subkomponen") or []
        if not subs:
            raise KriteriaError(f"{where}: tidak memuat subkomponen.")
        for s in subs:
            swhere = f"Subkomponen {s.get('kode', '?')}"
            if s.get("jenis") not in SubKomponen.Jenis.values:
                raise KriteriaError(f"{swhere}: jenis {s.get('jenis')!r} tidak dikenal.")
            porsi += _angka(s.get("porsi"), swhere)
            if not s.get("kriteria"):
                raise KriteriaError(f"{swhere}: tidak memuat kriteria.")
            for number, c in enumerate(s["kriteria"], start=1):
                cwhere = f"{swhere} kriteria {number}"
                if not str(c.get("teks", "")).strip():
                    raise KriteriaError(f"{cwhere}: teks kosong.")
                if c.get("jawaban") not in nilai.SKOR:
                    raise KriteriaError(f"{cwhere}: jenis jawaban {c.get('jawaban')!r} tidak dikenal (YT atau AE).")
                rule = c.get("bukti_otomatis", "")
                if rule and rule not in RULES:
                    raise KriteriaError(f"{cwhere}: bukti otomatis {rule!r} tidak dikenal.")
        if porsi != 100:
            raise KriteriaError(f"{where}: porsi subkomponen berjumlah {porsi}, seharusnya 100.")
    if total != 100:
        raise KriteriaError(f"Bobot komponen berjumlah {total}, seharusnya 100.")


def tulis(*, kabupaten, tahun: int, data: dict, oleh) -> KriteriaSet:
    """Write a checked criteria file as the kabupaten's set for the year (the caller holds the transaction)."""
    periksa(data)
    kset = KriteriaSet.objects.create(
        kabupaten=kabupaten,
        tahun=tahun,
        nama=data["nama"].strip()[:200],
        sumber=data["sumber"].strip(),
        catatan_sumber=str(data.get("catatan_sumber", "")).strip(),
        dimuat_oleh=oleh,
    )
    kriteria = []
    for ku, k in enumerate(data["komponen"], start=1):
        komponen = Komponen.objects.create(
            kriteria_set=kset, kode=k["kode"], nama=k["nama"], bobot=Decimal(str(k["bobot"])), urutan=ku
        )
        for su, s in enumerate(k["subkomponen"], start=1):
            sub = SubKomponen.objects.create(
                komponen=komponen,
                kode=s["kode"],
                jenis=s["jenis"],
                nama=s["nama"],
                porsi=Decimal(str(s["porsi"])),
                urutan=su,
            )
            kriteria.extend(
                Kriteria(
                    sub=sub,
                    nomor=number,
                    teks=c["teks"].strip(),
                    jenis_jawaban=c["jawaban"],
                    bukti_otomatis=c.get("bukti_otomatis", ""),
                )
                for number, c in enumerate(s["kriteria"], start=1)
            )
    Kriteria.objects.bulk_create(kriteria)
    return kset
