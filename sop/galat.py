"""Known errors of the source documents ("galat dokumen sumber"), kept with the revision that carries them.

The seed SOPs (fixtures/sop/*.json) are transcribed faithfully: an error printed in the original (a Perpres
cited as a Permendagri, "Kecamatan Auyan", an SOP number that is a date, a blank "Disahkan Oleh", a NIP whose
appointment precedes its birth) is kept as printed, because only the office may correct its own document.
What the transcriber noticed is stored as data (`SopRevision.galat_sumber`), one entry per error:

    {"bagian": "dasar_hukum", "tercetak": "Peraturan Menteri Dalam Negeri Nomor 29 Tahun 2014",
     "catatan": "…", "persis": false}

`bagian` names the part of the document (a field of the revision, "keterkaitan" or "langkah"); `tercetak` is
the printed text. The error is still present while that part contains the printed text (`persis`: while a
value of the part equals it exactly, e.g. a truncated item or an empty field, tercetak ""). A revision that
changes the text resolves it; the entries travel with every copy of the revision (sop/services.py `_clone`),
so a later revision still shows which errors were corrected.

Shown to the Camat at "Periksa lajur" beside the part they concern, as warnings of the validation, and marked
on the draft's PDF (sop/document.py); never on the paper of an effective revision.
"""

from __future__ import annotations

from dataclasses import dataclass

# The parts of the document an entry may name, with the label printed beside it.
BAGIAN = {
    "pemerintah": "Pemerintah",
    "unit_penerbit": "Unit penerbit",
    "nomor": "Nomor SOP",
    "tanggal_pembuatan_cetak": "Tanggal pembuatan",
    "tanggal_efektif_cetak": "Tanggal pengesahan/efektif",
    "disahkan_jabatan": "Disahkan oleh (jabatan)",
    "disahkan_nama": "Disahkan oleh (nama)",
    "disahkan_nip": "Disahkan oleh (NIP)",
    "nama": "Nama SOP",
    "dasar_hukum": "Dasar hukum",
    "kualifikasi_pelaksana": "Kualifikasi pelaksana",
    "peralatan": "Peralatan/perlengkapan",
    "peringatan": "Peringatan",
    "pencatatan": "Pencatatan dan pendataan",
    "keterkaitan": "Keterkaitan",
    "langkah": "Uraian langkah",
}
STEP_FIELDS = ("uraian", "kelengkapan", "output", "keterangan")


@dataclass(frozen=True)
class Galat:
    bagian: str
    label: str
    tercetak: str
    catatan: str
    masih_ada: bool

    @property
    def tercetak_tampil(self) -> str:
        """The printed text as shown to a person: an empty field says so."""
        return f"“{self.tercetak}”" if self.tercetak else "(kosong)"


def _values(revision, bagian: str, steps, keterkaitan) -> list[str]:
    if bagian == "langkah":
        return [getattr(s, f) or "" for s in steps for f in STEP_FIELDS]
    if bagian == "keterkaitan":
        return [k.teks for k in keterkaitan]
    value = getattr(revision, bagian)
    return [str(item) for item in value] if isinstance(value, list) else [value or ""]


def _present(values: list[str], tercetak: str, persis: bool) -> bool:
    if persis:
        return any(v.strip() == tercetak.strip() for v in values) or (not tercetak.strip() and not values)
    return any(tercetak.casefold() in v.casefold() for v in values)


def daftar(revision, *, steps=None, keterkaitan=None) -> list[Galat]:
    """The revision's known source errors, each with whether the document still carries it."""
    entries = [e for e in (revision.galat_sumber or []) if isinstance(e, dict) and e.get("bagian") in BAGIAN]
    if not entries:
        return []
    if steps is None:
        steps = list(revision.steps.all())
    if keterkaitan is None:
        keterkaitan = list(revision.keterkaitan.all())
    return [
        Galat(
            bagian=e["bagian"],
            label=BAGIAN[e["bagian"]],
            tercetak=e.get("tercetak", ""),
            catatan=e.get("catatan", ""),
            masih_ada=_present(
                _values(revision, e["bagian"], steps, keterkaitan), e.get("tercetak", ""), bool(e.get("persis"))
            ),
        )
        for e in entries
    ]


def pesan(galat: Galat) -> str:
    """The validation warning for an error the document still carries."""
    return f"{galat.label}: galat dokumen sumber masih tercetak {galat.tercetak_tampil}. {galat.catatan}".strip()
