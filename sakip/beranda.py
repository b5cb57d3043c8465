"""Panels of the Beranda ("what needs me now"), contributed by the apps above sakip.

sakip cannot import workflow or kinerja, so they register panels in their
AppConfig.ready():

    from sakip.beranda import register_panel
    register_panel(10, "workflow/panel_tugas.html", tasks_panel_context)

`context(user)` returns a dict for the template, or None to hide the panel
(e.g. for roles it does not concern). Each panel must cost a constant number
of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    context: Callable[[object], dict | None]


_panels: dict[str, Panel] = {}


def register_panel(order: int, template: str, context: Callable[[object], dict | None]) -> None:
    _panels[template] = Panel(order, template, context)


def panels_for(user) -> list[dict]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        context = panel.context(user)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown
