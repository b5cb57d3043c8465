"""The quarter's lifecycle as one table: draft > diajukan > diverifikasi > disetujui (locked), and back.

Every place that needs to know what may happen to a quarter reads this table: the service that performs a
transition (kinerja/services/triwulan.py `triwulan_lakukan`), the quarter page that offers the buttons
(kinerja/views.py), Beranda's next steps (kinerja/panels.py), the SOP step actions bound to a quarter
(kinerja/workflow_actions.py) and the notifications (notifikasi/receivers.py, keyed by the transition's
name). Adding a transition is adding a row here (and its wording in notifikasi).

Pure data and lookups: no database, no request.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.models import Triwulan
from sakip.roles import Role

S = Triwulan.Status

# Reason rules: none asked, always required, optional, or required only when approving before the quarter
# has ended on the calendar (kinerja.gates.persetujuan_dini).
TANPA, WAJIB, OPSIONAL, WAJIB_BILA_DINI = "tanpa", "wajib", "opsional", "wajib_bila_dini"


@dataclass(frozen=True)
class Transisi:
    nama: str  # in URLs and the SOP step actions: ".../triwulan/<nama>/"
    dari: str
    ke: str
    izin: str  # the permission (sakip.permissions ACTION_ROLES) checked for it
    peran: str  # the role acted under, printed in the history ("Plh. CAMAT AWAYAN")
    label: str  # the button on the quarter page
    akibat: str  # what pressing it does, shown beside the button; {nama} is the quarter's label
    alasan: str = TANPA
    # Separation of duties: the quarter's submitter may not do this (the verb names it in the refusal).
    pemisahan: str = ""
    # Who is asked to act next, told by a notification (the submitter too when the data goes back).
    diberitahu: tuple[str, ...] = ()
    pengaju_diberitahu: bool = False  # the data goes back to whoever submitted it
    maju: bool = True  # moves the data on (green button), or sends it back / unlocks it
    # Beranda, while the quarter waits for this step: the title for the person who does it, and what the
    # others of the kecamatan read ("menunggu …").
    langkah: str = ""
    menunggu: str = ""


ALUR: tuple[Transisi, ...] = (
    Transisi(
        "ajukan",
        S.DRAFT,
        S.DIAJUKAN,
        "kinerja.submit_quarter",
        Role.KASUBBAG_PERENCANAAN,
        "Ajukan untuk diverifikasi",
        "Data {nama} diajukan kepada Sekretaris dan tidak dapat diubah lagi sampai dikembalikan.",
        diberitahu=(Role.SEKRETARIS,),
    ),
    Transisi(
        "verifikasi",
        S.DIAJUKAN,
        S.DIVERIFIKASI,
        "kinerja.verify_quarter",
        Role.SEKRETARIS,
        "Verifikasi",
        "Data {nama} diteruskan kepada Camat untuk disetujui.",
        pemisahan="memverifikasi",
        diberitahu=(Role.CAMAT,),
        langkah="Verifikasi",
        menunggu="menunggu verifikasi Sekretaris",
    ),
    Transisi(
        "kembalikan",
        S.DIAJUKAN,
        S.DRAFT,
        "kinerja.verify_quarter",
        Role.SEKRETARIS,
        "Kembalikan untuk diperbaiki",
        "Data kembali berstatus draf dan dapat diubah.",
        alasan=WAJIB,
        diberitahu=(Role.KASUBBAG_PERENCANAAN,),
        pengaju_diberitahu=True,
        maju=False,
    ),
    Transisi(
        "setujui",
        S.DIVERIFIKASI,
        S.DISETUJUI,
        "kinerja.approve_quarter",
        Role.CAMAT,
        "Setujui dan kunci",
        "Menyetujui akan MENGUNCI data {nama}; perubahan memerlukan pembukaan kembali oleh Camat.",
        alasan=WAJIB_BILA_DINI,
        pemisahan="menyetujui",
        diberitahu=(Role.KASUBBAG_PERENCANAAN, Role.SEKRETARIS),
        langkah="Setujui",
        menunggu="menunggu persetujuan Camat",
    ),
    Transisi(
        "kembalikan_verifikasi",
        S.DIVERIFIKASI,
        S.DRAFT,
        "kinerja.approve_quarter",
        Role.CAMAT,
        "Kembalikan untuk diperbaiki",
        "Data kembali berstatus draf dan dapat diubah; alasan Anda tampil pada halaman triwulan.",
        alasan=WAJIB,
        diberitahu=(Role.KASUBBAG_PERENCANAAN, Role.SEKRETARIS),
        pengaju_diberitahu=True,
        maju=False,
    ),
    Transisi(
        "buka_kembali",
        S.DISETUJUI,
        S.DRAFT,
        "kinerja.reopen_quarter",
        Role.CAMAT,
        "Buka kembali",
        "Data kembali berstatus draf dan dapat diubah.",
        alasan=WAJIB,
        diberitahu=(Role.KASUBBAG_PERENCANAAN, Role.SEKRETARIS),
        maju=False,
    ),
)
TRANSISI = {t.nama: t for t in ALUR}
# The forward order of the statuses (the SOP step actions ask "is the quarter already past this state?").
URUTAN = (S.DRAFT, S.DIAJUKAN, S.DIVERIFIKASI, S.DISETUJUI)


def antara(dari_status: str, ke_status: str) -> Transisi | None:
    """The transition from one status to another (each pair has at most one)."""
    return next((t for t in ALUR if (t.dari, t.ke) == (dari_status, ke_status)), None)


def dari(status: str) -> list[Transisi]:
    """The transitions possible from a status, forward ones first (the page's order)."""
    return [t for t in ALUR if t.dari == status]


def maju_dari(status: str) -> Transisi | None:
    """The one transition that moves the data on from a status (None once approved)."""
    return next((t for t in ALUR if t.dari == status and t.maju), None)


def menunggu() -> dict[str, Transisi]:
    """Statuses in which the quarter waits for someone past its drafters, with the step it waits for."""
    return {t.dari: t for t in ALUR if t.maju and t.menunggu}


def sudah_melewati(status: str, tahap: str) -> bool:
    """Whether a quarter in `status` is already past `tahap` in the forward order."""
    return URUTAN.index(status) > URUTAN.index(tahap)
