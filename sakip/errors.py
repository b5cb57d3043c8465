"""The one refusal type: every operation the project refuses raises a `Penolakan`.

Each app's error (`SopError`, `WorkflowError`, `KinerjaError`, `UploadRefused`,
`ImportErrors`, `WorkbookError`, `AngkaError`, `LaporanError`) derives from it,
so it carries one Indonesian `message` (and, where the refusal is about fields,
`errors`: field or row -> message). Views show it with `tampilkan`; whatever a
view does not catch (e.g. an action bound to an SOP step that refuses) reaches
`PenolakanMiddleware`, which shows the same message instead of a 500.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


class Penolakan(Exception):
    """A refused operation, with the message shown to the person who asked for it."""

    def __init__(self, message: str, errors: dict | list | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors if errors is not None else {}


def tampilkan(request, error: Penolakan) -> None:
    """The one way a refusal reaches the page: a single error message at the top."""
    messages.error(request, error.message)


def ke_formulir(form, error: Penolakan) -> None:
    """The one way a refusal reaches a form shown again with what was typed: each field's message(s) under
    its field (on the form itself when the form has no such field), the refusal's message when it names no
    field. `errors` values may be one message or a list of them."""
    errors = error.errors if isinstance(error.errors, dict) else {}
    if not errors:
        form.add_error(None, error.message)
    for field, pesan in errors.items():
        for satu in pesan if isinstance(pesan, list | tuple) else [pesan]:
            form.add_error(field if field in form.fields else None, satu)


def _back(request) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return request.path


class PenolakanMiddleware:
    """A refusal no view caught: back to the page with its message (POST), or a 400 page naming it (GET)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Penolakan):
            return None
        if request.method == "POST":
            tampilkan(request, exception)
            return redirect(_back(request))
        return render(request, "400.html", {"pesan": exception.message}, status=400)
