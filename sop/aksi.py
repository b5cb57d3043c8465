"""The names of the actions an SOP step may be bound to (`Step.aksi`).

The actions themselves live in the runtime (workflow/actions.py, registered by kinerja and laporan). sop sits
below workflow and cannot import it, so the runtime tells sop each name it registers (`daftar`, called by
workflow.actions.register: a higher app registers into a lower one). Without this, a step bound to a mistyped
action ("setujuii") was imported, validated and made effective, then completed as a plain task: the quarter was
never approved and nobody was warned (issue 27). The workbook import, the validation (which gates making a
revision effective) and the step editor ask `pesan_aksi`.
"""

_dikenal: dict[str, str] = {}


def daftar(name: str, label: str) -> None:
    _dikenal[name] = label


def dikenal() -> dict[str, str]:
    """{name: label} of every registered action."""
    return dict(_dikenal)


def pesan_aksi(aksi: str) -> str | None:
    """Why `aksi` cannot be bound to a step (None: blank, or a registered action)."""
    aksi = (aksi or "").strip()
    if not aksi or aksi in _dikenal:
        return None
    known = ", ".join(sorted(_dikenal)) or "(belum ada aksi terdaftar)"
    return f'aksi "{aksi}" tidak dikenal; aksi yang dikenal: {known}.'
