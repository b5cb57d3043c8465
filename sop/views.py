"""SOP library pages: list, official document view, PDF download, editor, lane review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sakip import params, permissions, unduhan, uploads
from sop import aksi, document, pdf, selectors, services
from sop.models import SopRevision, Step
from sop.validation import validate_revision

S = SopRevision.Status


@login_required
@require_safe
def library(request):
    q = request.GET.get("q", "").strip()
    kecamatan = request.GET.get("kecamatan", "")
    status = request.GET.get("status", "")
    rows = selectors.library(request.user, q=q, kecamatan_id=kecamatan, status=status)
    return render(
        request,
        "sop/list.html",
        {
            "rows": rows,
            "q": q,
            "kecamatan": kecamatan,
            "status": status,
            "kecamatan_choices": permissions.visible_kecamatan(request.user).order_by("nama")
            if permissions.is_kabupaten_reader(request.user)
            else _kecamatan_of_rows(rows),
            "status_choices": SopRevision.Status.choices,
        },
    )


def _kecamatan_of_rows(rows):
    seen = {}
    for r in rows:
        if r.sop.kecamatan_id:
            seen[r.sop.kecamatan_id] = r.sop.kecamatan
    return sorted(seen.values(), key=lambda k: k.nama)


@login_required
@require_safe
def detail(request, pk: int):
    revision = selectors.revision_for_reading(request.user, pk)
    context = document.context(revision, paginate=False)
    context["others"] = selectors.other_revisions(request.user, revision)
    user = request.user
    context["own"] = permissions.user_can(user, "sop.edit", revision.sop)
    context["may_edit"] = context["own"] and revision.status != SopRevision.Status.SUPERSEDED
    templat = revision.sop.templat_pustaka
    context["templat"] = templat
    context["lajur_perlu_diperiksa"] = pending = revision.lajur_perlu_diperiksa
    context["may_confirm_lanes"] = (
        pending
        and not templat
        and revision.status != SopRevision.Status.SUPERSEDED
        and permissions.user_can(user, "sop.confirm_lanes", revision.sop)
    )
    context["may_make_effective"] = (
        revision.status == SopRevision.Status.DRAFT
        and not templat
        and not pending
        and permissions.user_can(user, "sop.make_effective", revision.sop)
    )
    # The checks are for the office that owns the SOP; readers from elsewhere see the document only.
    context["issues"] = validate_revision(revision) if context["own"] else []
    copyable = revision.status != SopRevision.Status.SUPERSEDED if templat else revision.status == S.EFFECTIVE
    context["may_copy"] = copyable and _kecamatan_of(user) is not None and (templat or not context["own"])
    # "Jalankan SOP ini": an effective SOP of the user's own kecamatan, for those who start runs.
    context["may_run"] = (
        revision.status == S.EFFECTIVE
        and not templat
        and revision.sop.kecamatan_id is not None
        and permissions.user_can(user, "workflow.start_run", revision.sop.kecamatan)
    )
    return render(request, "sop/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def lane_review(request, pk: int):
    """The Camat's check of the inferred lanes against the original document (sop_lajur_konfirmasi)."""
    revision = selectors.revision_for_reading(request.user, pk)
    if revision.sop.templat_pustaka:
        raise PermissionDenied(
            "Templat pustaka tidak memiliki Camat yang memeriksa lajurnya; salin ke kecamatan Anda terlebih dahulu."
        )
    if not permissions.user_can(request.user, "sop.confirm_lanes", revision.sop):
        raise PermissionDenied("Hanya Camat kecamatan pemilik SOP yang memeriksa lajur.")
    if request.method == "POST":
        try:
            services.sop_lajur_konfirmasi(user=request.user, revision=revision)
        except services.SopError as error:
            messages.error(request, error.message)
            return redirect("sop:lane_review", pk=revision.pk)
        messages.success(request, f'Pemeriksaan lajur "{revision.nama}" dicatat; lajur tidak lagi perlu diperiksa.')
        return redirect("sop:detail", pk=revision.pk)
    context = selectors.lane_review(revision)
    context["pending"] = revision.lajur_perlu_diperiksa
    context["may_edit"] = revision.status == S.DRAFT and permissions.user_can(request.user, "sop.edit", revision.sop)
    return render(request, "sop/periksa_lajur.html", context)


@login_required
@require_safe
def pdf_download(request, pk: int):
    revision = selectors.revision_for_reading(request.user, pk)
    try:
        content = pdf.render_revision_pdf(revision)
    except pdf.SopTooLong as refused:
        messages.error(request, refused.message)
        return redirect("sop:detail", pk=revision.pk)
    response = HttpResponse(content, content_type="application/pdf")
    unduhan.as_attachment(
        response, unduhan.download_name("SOP", revision.nama, "rev", revision.nomor_revisi, ext="pdf")
    )
    return response


def _kecamatan_of(user):
    """The kecamatan where the user may copy templates (their own)."""
    for unit in permissions.visible_kecamatan(user):
        if permissions.user_can(user, "sop.copy_as_template", unit):
            return unit
    return None


@login_required
@require_POST
def revision_action(request, pk: int, action: str):
    revision = selectors.revision_for_reading(request.user, pk)
    try:
        if action == "edit":
            target = services.sop_revision_start_edit(user=request.user, revision=revision)
            messages.success(
                request, f"Draf revisi {target.nomor_revisi} siap disunting; revisi efektif tetap berlaku."
            )
        elif action == "efektif":
            target = services.sop_revision_make_effective(user=request.user, revision=revision)
            messages.success(
                request,
                f"Revisi {target.nomor_revisi} sekarang efektif; revisi sebelumnya digantikan dan tetap dapat dibaca.",
            )
        elif action == "templat":
            kecamatan = _kecamatan_of(request.user)
            if kecamatan is None:
                raise PermissionDenied("Anda tidak berwenang menyalin SOP ke kecamatan.")
            target = services.sop_copy_as_template(user=request.user, revision=revision, kecamatan=kecamatan)
            messages.success(request, f"SOP disalin ke {kecamatan} sebagai draf baru.")
        else:
            raise Http404("Tindakan tidak dikenal.")
    except services.SopError as error:
        messages.error(request, error.message)
        return redirect("sop:detail", pk=revision.pk)
    return redirect("sop:detail", pk=target.pk)


@login_required
@require_safe
def xlsx_download(request, pk: int):
    from sop.excel import export_revision

    revision = selectors.revision_for_reading(request.user, pk)
    response = HttpResponse(
        export_revision(revision), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    unduhan.as_attachment(
        response, unduhan.download_name("SOP", revision.nama, "rev", revision.nomor_revisi, ext="xlsx")
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_xlsx(request):
    from sop.excel import ImportErrors, import_workbook

    kecamatan = next(
        (k for k in permissions.visible_kecamatan(request.user) if permissions.user_can(request.user, "sop.edit", k)),
        None,
    )
    if kecamatan is None:
        raise PermissionDenied("Anda tidak berwenang mengimpor SOP.")
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("berkas")
        if upload is None:
            errors = ["Pilih berkas .xlsx yang akan diimpor."]
        else:
            try:
                revision = import_workbook(uploads.check_xlsx(upload), kecamatan=kecamatan)
            except uploads.UploadRefused as refused:
                errors = [refused.message]
            except ImportErrors as error:
                errors = error.errors
            else:
                if getattr(revision, "sudah_ada", False):
                    messages.info(
                        request, f'SOP "{revision.nama}" dengan isi yang sama sudah diimpor; draf itu dibuka.'
                    )
                else:
                    messages.success(request, f'SOP "{revision.nama}" diimpor sebagai draf.')
                return redirect("sop:detail", pk=revision.pk)
    return render(request, "sop/import.html", {"errors": errors, "kecamatan": kecamatan})


def _action_choices() -> list[tuple[str, str]]:
    """The step form's choices: ("", plain task) + every action the runtime registered (sop.aksi, since sop sits
    below workflow and does not import it)."""
    return [("", "Tugas biasa (catatan dan lampiran)")] + sorted(aksi.dikenal().items(), key=lambda item: item[1])


def _editable_revision(request, pk: int):
    """The draft revision the user may edit, or None (with a message) when it is no longer a draft."""
    revision = selectors.revision_for_reading(request.user, pk)
    if not permissions.user_can(request.user, "sop.edit", revision.sop):
        raise PermissionDenied("Anda tidak berwenang menyunting SOP ini.")
    if revision.status != SopRevision.Status.DRAFT:
        messages.info(request, "Revisi ini tidak dapat disunting; buat revisi baru (draf) terlebih dahulu.")
        return None
    return revision


def _edit_page(request, revision, *, form_data=None, editing=None) -> HttpResponse:
    """The draft editor: read on a GET, shown again with the typed step by an action that refused it."""
    context = document.context(revision, paginate=False)
    from sop import flowchart

    context.update(
        {
            "flowchart": flowchart.full_svg(
                flowchart.nodes_from_steps(context["steps"], context["lanes"]), len(context["lanes"])
            ),
            "kinds": Step.Kind.choices,
            "actions": _action_choices(),
            "form_data": form_data,
            "editing": editing,
            "lists": {f: "\n".join(getattr(revision, f)) for f in services.LIST_FIELDS},
            "issues": validate_revision(revision),
        }
    )
    return render(request, "sop/edit.html", context)


@login_required
@require_safe
def edit(request, pk: int):
    """The draft editor: identity fields and lists, steps (add, edit, delete, move; each its own URL below),
    live flowchart."""
    revision = _editable_revision(request, pk)
    if revision is None:
        return redirect("sop:detail", pk=pk)
    return _edit_page(request, revision)


def _edit_action(request, pk: int, action, *, no=None) -> HttpResponse:
    """Run one change of the draft by its editors; back to the editor, or the editor with the typed input when
    refused."""
    revision = _editable_revision(request, pk)
    if revision is None:
        return redirect("sop:detail", pk=pk)
    try:
        action(revision)
    except services.SopError as error:
        messages.error(request, error.message)
        return _edit_page(request, revision, form_data=request.POST, editing=no)
    return redirect("sop:edit", pk=revision.pk)


@login_required
@require_POST
def edit_identitas(request, pk: int):
    def identitas(revision):
        services.sop_revision_update_identity(user=request.user, revision=revision, data=request.POST)
        messages.success(request, "Identitas SOP tersimpan.")

    return _edit_action(request, pk, identitas)


@login_required
@require_POST
def langkah_simpan(request, pk: int):
    """Adds a step at the end, or changes the step whose number is typed in the form."""
    no = params.optional_int_param(request.POST.get("no"), field="no", maximum=params.INT_MAX)

    def simpan(revision):
        step = services.sop_step_save(user=request.user, revision=revision, no=no, data=request.POST)
        messages.success(request, f"Langkah {step.no} tersimpan.")

    return _edit_action(request, pk, simpan, no=no)


@login_required
@require_POST
def langkah_hapus(request, pk: int, no: int):
    def hapus(revision):
        services.sop_step_delete(user=request.user, revision=revision, no=no)
        messages.success(request, f"Langkah {no} dihapus; nomor langkah disusun ulang.")

    return _edit_action(request, pk, hapus, no=no)


def _langkah_pindah(request, pk: int, no: int, direction: int) -> HttpResponse:
    def pindah(revision):
        services.sop_step_move(user=request.user, revision=revision, no=no, direction=direction)
        messages.success(request, f"Langkah {no} dipindahkan.")

    return _edit_action(request, pk, pindah, no=no)


@login_required
@require_POST
def langkah_naik(request, pk: int, no: int):
    return _langkah_pindah(request, pk, no, -1)


@login_required
@require_POST
def langkah_turun(request, pk: int, no: int):
    return _langkah_pindah(request, pk, no, 1)
