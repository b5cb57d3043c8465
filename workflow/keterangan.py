"""What the apps above workflow say about a run, shown beside it on workflow's own pages (the inbox rows, the
task page, the run page and the list of runs): the front desk (loket) names the request a service run serves,
its receipt code and the masked applicant, so counter work is recognisable at a glance.

workflow cannot import those apps (they sit above it), so they register a provider in their
AppConfig.ready():

    from workflow import keterangan
    keterangan.register(selectors.keterangan_run)

A provider takes run ids and returns {run_id: text} in a constant number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

_penyedia: list[Callable[[list[int]], dict[int, str]]] = []


def register(penyedia: Callable[[list[int]], dict[int, str]]) -> None:
    if penyedia not in _penyedia:
        _penyedia.append(penyedia)


def untuk(run_ids: Iterable[int]) -> dict[int, str]:
    """{run_id: what the apps say of it}, for the runs that have something said."""
    ids = sorted({i for i in run_ids if i})
    hasil: dict[int, list[str]] = {}
    if ids:
        for penyedia in _penyedia:
            for run_id, teks in penyedia(ids).items():
                hasil.setdefault(run_id, []).append(teks)
    return {run_id: " · ".join(teks) for run_id, teks in hasil.items()}


def pasang(items: list, *, run_id: Callable[[object], int] = lambda item: item.run_id) -> list:
    """Each item (a task, a run) gets `keterangan`, its run's text or ""; the list is returned."""
    teks = untuk(run_id(item) for item in items)
    for item in items:
        item.keterangan = teks.get(run_id(item), "")
    return items
