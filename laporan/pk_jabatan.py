"""The cascading Perjanjian Kinerja of a position (PK berjenjang) as its own document.

Source: PermenPAN-RB 53/2014 (Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas
Laporan Kinerja Instansi Pemerintah), Bab II and its annex (format Perjanjian Kinerja): each eselon III and IV
official makes a PK with their superior, in the same format as the head of the office's — a statement page
between PIHAK PERTAMA (the holder of the position) and PIHAK KEDUA (the superior: the Camat for the
Sekretaris, a Kasi or a Kabid; the Sekretaris for a Kasubbag — kinerja/berjenjang.py `ATASAN`), both
signatures with name, jabatan, pangkat and NIP, and an attachment table Sasaran | Indikator | Target (here
also the Camat's indicator each one supports, the cascade the LKE asks evidence of).

The figures come from kinerja's records only (the PK, its sasaran and indicators); rendered through laporan's
PDF path (laporan/pdf.py `write_pdf`, which calls the one pipeline sakip/pdf.py). Reading only: nothing is
stored. The PK itself is established in kinerja (the holder types the password again, `pk_tetapkan`); this
document prints it, with the PK's own date.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from kinerja import berjenjang
from kinerja.models import Indikator, PerjanjianKinerja
from laporan import pdf as laporan_pdf
from sakip.models import Pegawai, Position


def _holder(position: Position | None) -> Pegawai | None:
    if position is None:
        return None
    return Pegawai.objects.filter(jabatan=position, is_active=True).order_by("pk").first()


def _pihak(nama: str, jabatan: str, orang: Pegawai | None) -> dict:
    """A signature block; pangkat and NIP from the person's record when it is the person named."""
    same = orang is not None and (not nama or orang.nama == nama)
    return {
        "nama": nama or (orang.nama if orang else ""),
        "jabatan": jabatan,
        "pangkat": orang.pangkat_golongan if same else "",
        "nip": orang.nip_cetak if same else "",
    }


def judul(pk: PerjanjianKinerja) -> str:
    return f"Perjanjian Kinerja Tahun {pk.tahun} {pk.jabatan.nama}"


def context(pk: PerjanjianKinerja) -> dict:
    jabatan = pk.jabatan
    kecamatan = pk.kecamatan
    pertama_orang = pk.pihak_pertama or _holder(jabatan)
    pertama = _pihak(
        pertama_orang.nama if pertama_orang else "",
        pk.pihak_pertama_sebutan or jabatan.nama.upper(),
        pertama_orang,
    )
    atasan_role = berjenjang.atasan_role(jabatan)
    atasan = (
        Position.objects.filter(kecamatan=kecamatan, role=atasan_role).order_by("pk").first() if atasan_role else None
    )
    kedua = _pihak(
        pk.pihak_kedua_nama, pk.pihak_kedua_jabatan or (atasan.nama.upper() if atasan else ""), _holder(atasan)
    )
    indikator = (
        Indikator.objects.filter(sasaran__perjanjian=pk)
        .select_related("sasaran", "mendukung", "target_level")
        .order_by("sasaran__urutan", "urutan", "pk")
    )
    sasaran: list[dict] = []
    for item in indikator:
        if not sasaran or sasaran[-1]["id"] != item.sasaran_id:
            sasaran.append({"id": item.sasaran_id, "uraian": item.sasaran.uraian, "baris": []})
        sasaran[-1]["baris"].append(item)
    kabupaten = kecamatan.kabupaten
    return {
        "pk": pk,
        "jabatan": jabatan,
        "kecamatan": kecamatan,
        "kabupaten": kabupaten,
        "lambang": kabupaten.lambang_data_uri if kabupaten is not None else "",
        "pertama": pertama,
        "kedua": kedua,
        "sasaran": sasaran,
        "tempat": kecamatan.nama,
        "draf": pk.status == PerjanjianKinerja.Status.DRAFT,
    }


def html(pk: PerjanjianKinerja) -> str:
    return render_to_string("laporan/dokumen/pk_jabatan.html", context(pk))


def render_pdf(pk: PerjanjianKinerja) -> bytes:
    return laporan_pdf.write_pdf(html(pk), judul(pk))
