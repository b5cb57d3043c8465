"""The action registry: real work a step of an SOP can be bound to.

The workflow runtime knows nothing of performance data or reports. Apps above
it (kinerja, laporan) register their actions in their AppConfig.ready():

    from workflow.actions import Action, register

    register(Action(
        name="isi_realisasi",
        label="Isi realisasi triwulan",
        blocker=lambda ctx: None if all_filled(ctx) else "Masih ada 3 indikator yang belum diisi.",
        url=lambda ctx: reverse("kinerja:entry", args=[ctx.tahun, ctx.triwulan]),
    ))

A step whose `aksi` names an action completes only when `blocker(ctx)` returns
None; otherwise the task shows the returned Indonesian reason. `perform`, when
given, runs inside the task-completion transaction (e.g. the quarter transition
"ajukan"), so the SOP step and the data status never disagree.

A bound step also says what it does: `describe(ctx)` returns the data the
action touches, shown on the task page ({"judul": ..., "rincian": [(label,
value), ...], "perlu_alasan": "..." or absent}), and `consequence(ctx)` the
sentence the completion confirmation names ("Menyelesaikan langkah ini akan
MENYETUJUI dan MENGUNCI data TW IV 2026 Kecamatan Awayan."). Both optional;
`describe_for` / `consequence_for` call them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sop import aksi as sop_aksi


@dataclass(frozen=True)
class ActionContext:
    """What an action may know about the task being completed."""

    kecamatan_id: int
    tahun: int
    triwulan: int | None  # None for annual runs (e.g. Penyusunan LKIP)
    user: object  # the Pegawai completing the task
    task: object | None = None  # the workflow Task, when there is one
    alasan: str = ""  # the reason typed when completing the step (e.g. approving a quarter before it ends)


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    # Returns None when the step may complete, else the Indonesian reason it may not yet.
    blocker: Callable[[ActionContext], str | None]
    # Where the real work is done (opened from the task), or None.
    url: Callable[[ActionContext], str | None] | None = None
    # Side effect run in the completion transaction (e.g. a quarter transition), or None.
    perform: Callable[[ActionContext], None] | None = None
    # The sakip.permissions action the work needs (e.g. "kinerja.verify_quarter"): the blocker, the
    # reassignment picker and the service behind `perform` all judge by this one declaration.
    permission: str | None = None
    # The data the action touches, for the task page (see the module docstring), or None.
    describe: Callable[[ActionContext], dict | None] | None = None
    # What completing the step will do, named in the confirmation, or None.
    consequence: Callable[[ActionContext], str | None] | None = None


def describe_for(action: Action | None, ctx: ActionContext) -> dict | None:
    if action is None or action.describe is None:
        return None
    return action.describe(ctx)


def consequence_for(action: Action | None, ctx: ActionContext) -> str | None:
    if action is None or action.consequence is None:
        return None
    return action.consequence(ctx)


def blocker_for(action: Action, ctx: ActionContext) -> str | None:
    """Why the step cannot complete yet: the declared permission first, then the action's own blocker."""
    from sakip import permissions

    if action.permission and ctx.task is not None and not permissions.user_can(ctx.user, action.permission, ctx.task):
        return "pekerjaan yang terikat pada langkah ini memerlukan kewenangan yang tidak Anda miliki; alihkan tugas kepada pegawai yang berwenang."
    return action.blocker(ctx)


def may_do(action: Action | None, person, task) -> bool:
    """Whether `person` may do the work bound to the task's step (for the reassignment picker and service)."""
    from sakip import permissions

    if action is None or not action.permission:
        return True
    return permissions.user_can(person, action.permission, task)


_registry: dict[str, Action] = {}


def register(action: Action) -> None:
    _registry[action.name] = action
    sop_aksi.daftar(action.name, action.label)  # the SOP library checks step actions against these names


def get(name: str) -> Action | None:
    return _registry.get(name)


def choices() -> list[tuple[str, str]]:
    """For the SOP editor's step form: ("", "Tugas biasa") + every registered action."""
    return [("", "Tugas biasa (catatan dan lampiran)")] + sorted(
        ((a.name, a.label) for a in _registry.values()), key=lambda item: item[1]
    )
