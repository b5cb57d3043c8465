"""The cascading Perjanjian Kinerja of a position (PK berjenjang) as its own document.

Source: PermenPAN-RB 53/2014 (Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas
Laporan Kinerja Instansi Pemerintah), Bab II and its annex (format Perjanjian Kinerja): each eselon III and IV
official makes a PK with their superior, in the same format as the head of the office's — a statement page
between PIHAK PERTAMA (the holder of the position) and PIHAK KEDUA (the superior: the Camat for the
Sekretaris, a Kasi or a Kabid; the Sekretaris for a Kasubbag — kinerja/berjenjang.py `ATASAN`), both
signatures with name, jabatan, pangkat and NIP, and an attachment table Sasaran | Indikator | Target (here
also the Camat's indicator each one supports, the cascade the LKE asks evidence of).

The figures come from kinerja's records only (the PK, its sasaran and indicators). Its life as a signed
document is a laporan Report of kind PK_JABATAN (`jabatan` = the position), one per position and year:

* the holder of the position (pihak pertama) establishes the PK in kinerja with the password
  (`pk_tetapkan`) and then submits the document to the superior (services.pk_jabatan_ajukan: the draft
  report made if none, then the ordinary `ajukan`, whose gate asks the PK established);
* the holder of the superior position (pihak kedua; Camat or Sekretaris, own or acting —
  sakip.permissions `POSITION_DOCUMENT_ACTIONS`) reads the submitted file and signs it with the kabupaten's
  signer backend (the one signing path, services.tandatangani), or returns it with a reason;
* the signed file carries pihak pertama's establishment (name, NIP, the PK's date) and pihak kedua's
  signature block with the verification code, verified like every signed document.

Before it is submitted the PK page's "Unduh" renders the same body (`render_pdf`), DRAF while not
established.
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
    return f"Perjanjian Kinerja {pk.jabatan.nama} Tahun {pk.tahun}"


def atasan_of(jabatan: Position) -> Position | None:
    """The superior's position in the kecamatan (pihak kedua), or None when the office has none."""
    role = berjenjang.atasan_role(jabatan)
    if role is None:
        return None
    return Position.objects.filter(kecamatan_id=jabatan.kecamatan_id, role=role).order_by("pk").first()


def penanda_tangan(report) -> tuple[Pegawai | None, str]:
    """Who signs the position's PK document and the title printed: the holder of the superior position."""
    atasan = atasan_of(report.jabatan)
    pk = pk_of(report)
    jabatan = (pk.pihak_kedua_jabatan if pk is not None and pk.pihak_kedua_jabatan else "") or (
        atasan.nama.upper() if atasan else ""
    )
    return _holder(atasan), jabatan


def pk_of(report) -> PerjanjianKinerja | None:
    """The PK the document prints: the position's current PK of the report's year."""
    return (
        PerjanjianKinerja.objects.filter(jabatan=report.jabatan, tahun=report.tahun)
        .exclude(status=PerjanjianKinerja.Status.DIGANTIKAN)
        .select_related("jabatan", "kecamatan__kabupaten", "pihak_pertama")
        .order_by("-revisi")
        .first()
    )


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


def alasan_kosong(report) -> list[str]:
    """Why the position's PK document cannot be submitted or signed yet (laporan/gates.py): its PK is
    established by pihak pertama first, the signature of pihak kedua comes after."""
    pk = pk_of(report)
    nama = f"Perjanjian Kinerja {report.jabatan.nama} Tahun {report.tahun}"
    if pk is None:
        return [f"{nama} belum disusun."]
    if pk.status != PerjanjianKinerja.Status.DITANDATANGANI:
        return [
            f"{nama} belum ditetapkan oleh pemegang jabatannya (pihak pertama); tetapkan lebih dahulu pada "
            "halaman Perjanjian Kinerja jabatan tersebut."
        ]
    return []


def build(report) -> dict:
    """The data of the PK_JABATAN report (laporan/documents.py `build`)."""
    pk = pk_of(report)
    if pk is None:
        return {"report": report, "kecamatan": report.kecamatan, "sections": [], "pk": None}
    return {**context(pk), "report": report, "sections": []}


def html(pk: PerjanjianKinerja) -> str:
    ctx = context(pk)
    body = render_to_string("laporan/dokumen/pk_jabatan.html", ctx)
    return render_to_string(
        "laporan/pdf.html",
        {"body": body, "report": {"judul": judul(pk)}, "kecamatan": pk.kecamatan, "ttd": {"draft": ctx["draf"]}},
    )


def render_pdf(pk: PerjanjianKinerja) -> bytes:
    return laporan_pdf.write_pdf(html(pk), judul(pk))
