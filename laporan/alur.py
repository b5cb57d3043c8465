"""A report's lifecycle as one table: draft > diajukan > ditandatangani > digantikan, and back.

Every signed document of the kecamatan (quarterly, semester, LKIP, PK, Rencana Aksi, Renstra, IKU, SKM, SOP
monitoring, and the PK of a position) lives by this table. The services perform a transition only from its
`dari` status and record it under its actor's role (laporan/services.py `_pindah`); the report page offers an
action when `boleh` says so (laporan/views.py); the notifications say who is asked to act next and close what
the report asked before (notifikasi/receivers.py `laporan_berubah`, keyed by the transition's name).
Adding a transition is adding a row here (and its wording in notifikasi).

Parties are named by what they are to the report, not by a fixed role, because a position's PK goes between
its holder and the superior (laporan/pk_jabatan.py) while every other report goes between the Kasubbag
Perencanaan and the Camat:

* PENGAJU: who submits it — the Kasubbag Perencanaan; for a position's PK the holder of the position;
* PENANDA: who signs it — the Camat; for a position's PK the holder of the superior position
  (`Report.peran_penanda_tangan`);
* PENYUSUN: who composes the kecamatan's reports — the Kasubbag Perencanaan and the Sekretaris;
* PENILAI: the Inspektorat's evaluator reviewing a submitted LKIP (laporan/reviu.py).

Pure data and lookups: no database, no request.
"""

from __future__ import annotations

from dataclasses import dataclass

from laporan.models import Report
from sakip import permissions
from sakip.roles import Role

S = Report.Status
PENGAJU, PENANDA, PENYUSUN, PENILAI = "pengaju", "penanda", "penyusun", "penilai"


@dataclass(frozen=True)
class Transisi:
    nama: str
    dari: str
    ke: str
    izin: str  # the permission (sakip.permissions) checked for it
    pelaku: str  # the party acting, whose role the history records
    alasan_wajib: bool = False
    # Separation of duties: the report's submitter may not do this (the verb names it in the refusal).
    pemisahan: str = ""
    # The parties told by a notification (who is asked to act next, or whose work came back or is done).
    diberitahu: tuple[str, ...] = ()
    # For which reports: None every report, True only a position's PK, False every other report.
    pk_jabatan: bool | None = None


ALUR: tuple[Transisi, ...] = (
    Transisi("ajukan", S.DRAFT, S.DIAJUKAN, "laporan.submit", PENGAJU, diberitahu=(PENANDA,)),
    Transisi("kembalikan", S.DIAJUKAN, S.DRAFT, "laporan.sign", PENANDA, alasan_wajib=True, diberitahu=(PENGAJU,)),
    Transisi(
        "kembalikan_reviu", S.DIAJUKAN, S.DRAFT, "laporan.reviu", PENILAI, alasan_wajib=True, diberitahu=(PENGAJU,)
    ),
    Transisi(
        "tandatangani",
        S.DIAJUKAN,
        S.DITANDATANGANI,
        "laporan.sign",
        PENANDA,
        pemisahan="menandatangani",
        diberitahu=(PENGAJU, PENYUSUN),
    ),
    Transisi(
        "perubahan", S.DITANDATANGANI, S.DIGANTIKAN, "laporan.edit", PENYUSUN, alasan_wajib=True, pk_jabatan=False
    ),
    # A position's PK: its holder, submitting the document of a PK Perubahan, supersedes the signed one.
    Transisi(
        "perubahan_pk_jabatan",
        S.DITANDATANGANI,
        S.DIGANTIKAN,
        "laporan.submit",
        PENGAJU,
        alasan_wajib=True,
        pk_jabatan=True,
    ),
)
TRANSISI = {t.nama: t for t in ALUR}


def peran(report: Report, pihak: str) -> list[str]:
    """The roles a party of this report holds (for a position's PK, the position's own role as PENGAJU)."""
    if pihak == PENANDA:
        return [report.peran_penanda_tangan]
    if pihak == PENGAJU:
        return [report.jabatan.role] if report.jabatan_id else [Role.KASUBBAG_PERENCANAAN]
    if pihak == PENILAI:
        return [Role.EVALUATOR]
    return [Role.KASUBBAG_PERENCANAAN, Role.SEKRETARIS]


def peran_pelaku(report: Report, nama: str) -> str:
    """The role a transition is recorded under in the report's history."""
    return peran(report, TRANSISI[nama].pelaku)[0]


def berlaku(report: Report, nama: str) -> bool:
    """The transition applies to this report as it stands: its status is where the transition starts, and the
    transition is one of this kind of report's."""
    t = TRANSISI[nama]
    untuk_jabatan = report.kind == Report.Kind.PK_JABATAN
    return report.status == t.dari and (t.pk_jabatan is None or t.pk_jabatan == untuk_jabatan)


def boleh(user, report: Report, nama: str) -> bool:
    """May `user` do this transition on this report now: it applies and the permission holds (the gates,
    which say why not, are laporan/gates.py)."""
    return berlaku(report, nama) and permissions.user_can(user, TRANSISI[nama].izin, report)
