"""Panels of the Beranda ("what needs me now"), contributed by the apps above sakip.

sakip cannot import workflow or kinerja, so they register panels in their
AppConfig.ready():

    from sakip.beranda import register_panel
    register_panel(10, "workflow/panel_tugas.html", tasks_panel_context)

`context(user)` returns a dict for the template, or None to hide the panel
(e.g. for roles it does not concern). Each panel must cost a constant number
of queries. `halaman="tugas"` puts a panel in Tugas Saya (the workflow inbox)
instead, beside the SOP steps: other work that is the person's to do, such as
the follow-up of an evaluation's recommendations.

The next steps ("Langkah berikutnya", kinerja/panels.py) are one list: apps above kinerja add the steps that
someone's act handed to the person (e.g. notifikasi's open request to draft a quarter's report after its
approval) through `register_langkah(name, steps)`, `steps(user)` returning dicts with judul, tautan and
keterangan, in a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    halaman: str  # "beranda" or "tugas"
    order: int
    template: str
    context: Callable[[object], dict | None]


_panels: dict[tuple[str, str], Panel] = {}


def register_panel(
    order: int, template: str, context: Callable[[object], dict | None], *, halaman: str = "beranda"
) -> None:
    _panels[(halaman, template)] = Panel(halaman, order, template, context)


def panels_for(user, halaman: str = "beranda") -> list[dict]:
    shown = []
    for panel in sorted((p for p in _panels.values() if p.halaman == halaman), key=lambda p: p.order):
        context = panel.context(user)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown


_langkah: dict[str, Callable[[object], list[dict]]] = {}


def register_langkah(name: str, steps: Callable[[object], list[dict]]) -> None:
    _langkah[name] = steps


def langkah_diserahkan(user) -> list[dict]:
    """The steps other apps hand to the user (see the module's docstring), in their registration order."""
    return [step for name in _langkah for step in _langkah[name](user)]
