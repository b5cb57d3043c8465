"""Sections of Tugas Saya (the inbox) contributed by the apps above workflow.

The inbox lists the SOP steps waiting for the person; other work that is theirs to do (e.g. the follow-up of an
evaluation's recommendations, evaluasi app) is contributed here, as the Beranda's panels are (sakip/beranda.py),
because workflow cannot import the apps built on it:

    from workflow.inbox import register_section
    register_section(10, "evaluasi/tugas_tindak_lanjut.html", selectors.panel_tindak_lanjut_saya)

`context(user)` returns a dict for the template, or None to hide the section. Each section must cost a
constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    order: int
    template: str
    context: Callable[[object], dict | None]


_sections: dict[str, Section] = {}


def register_section(order: int, template: str, context: Callable[[object], dict | None]) -> None:
    _sections[template] = Section(order, template, context)


def sections_for(user) -> list[dict]:
    shown = []
    for section in sorted(_sections.values(), key=lambda s: s.order):
        context = section.context(user)
        if context is not None:
            shown.append({"template": section.template, "context": context})
    return shown
