"""Views of the SOP runtime: inbox (Tugas Saya), task page, runs overview and start form, run timeline."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sakip import params, permissions, unduhan, uploads
from sakip.beranda import panels_for
from sakip.errors import Penolakan
from sakip.models import Pegawai
from sakip.pdf import render_pdf
from sop.models import SopRevision, Step
from workflow import actions, compliance_export, keterangan, selectors, services
from workflow.calendar import periode_berjalan
from workflow.forms import StartRunForm
from workflow.models import Lampiran, Run, Task


@login_required
@require_safe
def inbox(request):
    return render(
        request,
        "workflow/inbox.html",
        {
            "tasks": selectors.inbox(request.user),
            "waiting": selectors.waiting_tasks(request.user),
            # Other work that is the person's, contributed by the apps above workflow (sakip/beranda.py).
            "sections": panels_for(request.user, halaman="tugas"),
        },
    )


def _people_of(task):
    """People of the kecamatan who may take the task over: for a step bound to work, only those allowed to do it."""
    people = Pegawai.objects.filter(jabatan__kecamatan_id=task.kecamatan_id, is_active=True).select_related("jabatan")
    action = actions.get(task.step.aksi) if task.step.aksi else None
    if action is not None and action.permission:
        people = people.filter(jabatan__role__in=permissions.ACTION_ROLES[action.permission])
    return people


@login_required
@require_safe
def task_detail(request, pk: int):
    """The task page; taking, completing and reassigning the task each have their own URL below."""
    return _task_page(request, selectors.task_for_user(request.user, pk))


@login_required
@require_POST
def task_ambil(request, pk: int):
    task = selectors.task_for_user(request.user, pk)
    if not permissions.user_can_work_task(request.user, task):
        raise PermissionDenied("Tugas ini bukan untuk peran Anda.")
    try:
        services.task_take(user=request.user, task=task)
    except Penolakan as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Tugas diambil dan sekarang menjadi tanggung jawab Anda.")
    return redirect("workflow:task", pk=task.pk)


@login_required
@require_POST
def task_selesai(request, pk: int):
    task = selectors.task_for_user(request.user, pk)
    try:
        disposisi = None
        if request.POST.get("disposisi_kepada"):
            kepada_id = params.id_or_none(request.POST["disposisi_kepada"])
            if kepada_id is None:
                raise services.WorkflowError("Pilih penerima disposisi dari daftar.")
            disposisi = services.DisposisiData(
                kepada_id=kepada_id,
                instruksi=request.POST.get("disposisi_instruksi", ""),
                catatan=request.POST.get("disposisi_catatan", ""),
            )
        following = services.task_complete(
            user=request.user,
            task=task,
            catatan=request.POST.get("catatan", ""),
            keputusan=request.POST.get("keputusan", ""),
            alasan=request.POST.get("alasan", ""),
            kelengkapan_cek=request.POST.getlist("kelengkapan"),
            disposisi=disposisi,
            lampiran=request.FILES.getlist("lampiran"),
        )
    except Penolakan as error:
        messages.error(request, error.message)
        # What was typed stays on the page (no lost words).
        return _task_page(request, selectors.task_for_user(request.user, pk), typed=request.POST)
    messages.success(
        request,
        "Tugas selesai." + (f" Langkah {following.step.no} diteruskan." if following else " Pelaksanaan SOP selesai."),
    )
    return redirect("workflow:run", pk=task.run_id)


@login_required
@require_POST
def task_alihkan(request, pk: int):
    task = selectors.task_for_user(request.user, pk)
    permissions.check_user_can(request.user, "workflow.reassign_task", task)
    try:
        kepada_id = params.id_or_none(request.POST.get("kepada"))
        kepada = _people_of(task).filter(pk=kepada_id).first() if kepada_id else None
        if kepada is None:
            raise services.WorkflowError("Pilih pegawai penerima.")
        services.task_reassign(user=request.user, task=task, kepada=kepada, alasan=request.POST.get("alasan_alih", ""))
    except Penolakan as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Tugas dialihkan kepada {kepada.nama}.")
    return redirect("workflow:task", pk=task.pk)


def _task_page(request, task, *, typed=None, status: int = 200):
    user = request.user
    action = actions.get(task.step.aksi) if task.step.aksi else None
    ctx = services._context(task, user)
    may_work = task.status == Task.Status.AKTIF and permissions.user_can_work_task(user, task)
    typed = typed or {}
    is_decision = task.step.kind == Step.Kind.DECISION
    consequence = actions.consequence_for(action, ctx) if may_work else None
    confirm = consequence or "Selesaikan langkah ini? Langkah berikutnya akan diteruskan"
    if consequence and is_decision:
        confirm = f"Jika keputusan Ya: {consequence}"
    return render(
        request,
        "workflow/task.html",
        {
            "task": task,
            "keterangan": keterangan.untuk([task.run_id]).get(task.run_id, ""),
            "may_work": may_work,
            # An outside actor's step (Pemohon, Desa …) is recorded as received, never taken.
            "may_take": may_work and task.assignee_id is None and not task.peran_pencatat,
            "luar": bool(task.peran_pencatat),
            "may_reassign": task.status in (Task.Status.AKTIF, Task.Status.MENUNGGU)
            and permissions.user_can(user, "workflow.reassign_task", task),
            "is_decision": is_decision,
            "is_disposition": task.step.no
            == task.run.revision.steps.order_by("no").values_list("no", flat=True).first()
            and task.role == "CAMAT",
            "kelengkapan": [
                k.strip(" -") for k in task.step.kelengkapan.replace(",", "\n").splitlines() if k.strip(" -")
            ],
            "action": action,
            "action_url": action.url(ctx) if action and action.url else None,
            "blocker": actions.blocker_for(action, ctx) if action and may_work else None,
            "deskripsi": actions.describe_for(action, ctx) if action else None,
            "konsekuensi": consequence,
            "konfirmasi": confirm + " Catatan tidak dapat diubah setelah selesai.",
            "typed": {
                "catatan": typed.get("catatan", ""),
                "alasan": typed.get("alasan", ""),
                "keputusan": typed.get("keputusan", ""),
                "kelengkapan": typed.getlist("kelengkapan") if hasattr(typed, "getlist") else [],
                "disposisi_kepada": typed.get("disposisi_kepada", ""),
                "disposisi_instruksi": typed.get("disposisi_instruksi", ""),
                "disposisi_catatan": typed.get("disposisi_catatan", ""),
            },
            "people": _people_of(task),
            "overdue": bool(task.due_at and task.due_at < timezone.now() and task.status == Task.Status.AKTIF),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def runs(request):
    user = request.user
    revisions = permissions.scope(
        user, SopRevision.objects.filter(status=SopRevision.Status.EFFECTIVE).select_related("sop"), "sop__kecamatan"
    ).order_by("nama")
    may_start = any(permissions.user_can(user, "workflow.start_run", k) for k in permissions.visible_kecamatan(user))
    tahun, triwulan = periode_berjalan(timezone.localdate())
    initial = {"tahun": tahun, "triwulan": triwulan}
    # "Jalankan SOP ini" on an SOP's page names its revision; only one the user may run is taken.
    chosen = params.id_or_none(request.GET.get("revision"))
    if chosen and revisions.filter(pk=chosen).exists():
        initial["revision"] = chosen
    form = StartRunForm(request.POST or None, revisions=revisions, initial=initial)
    if request.method == "POST":
        if not may_start:
            raise PermissionDenied("Anda tidak berwenang memulai pelaksanaan SOP.")
        if form.is_valid():
            try:
                run = services.run_start(
                    user=user,
                    revision=form.cleaned_data["revision"],
                    tahun=form.cleaned_data["tahun"],
                    triwulan=form.cleaned_data["triwulan"],
                )
            except Penolakan as error:
                messages.error(request, error.message)
            else:
                messages.success(request, f'Pelaksanaan "{run}" dimulai.')
                return redirect("workflow:run", pk=run.pk)
    return render(
        request,
        "workflow/runs.html",
        {
            # Counter runs (one per applicant) are listed in the loket's register, not here.
            "runs": selectors.runs_of(user).filter(jenis=Run.Jenis.BERKALA)[:200],
            "form": form,
            "may_start": may_start,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def run_detail(request, pk: int):
    run = permissions.get_visible_or_404(request.user, selectors.runs_of(request.user), pk=pk)
    may_cancel = run.status == Run.Status.BERJALAN and permissions.user_can(request.user, "workflow.cancel_run", run)
    if request.method == "POST":
        try:
            services.run_cancel(user=request.user, run=run, alasan=request.POST.get("alasan", ""))
        except Penolakan as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Pelaksanaan SOP dibatalkan.")
        return redirect("workflow:run", pk=run.pk)
    return render(
        request,
        "workflow/run.html",
        {
            "run": run,
            "rows": selectors.timeline(run),
            "may_cancel": may_cancel,
            "keterangan": keterangan.untuk([run.pk]).get(run.pk, ""),
        },
    )


@login_required
@require_safe
def lampiran_unduh(request, pk: int):
    item = permissions.get_visible_or_404(request.user, Lampiran.objects.all(), pk=pk)
    return uploads.attachment_response(item.berkas, filename=item.nama_asli, content_type=item.jenis_isi)


# The dates a compliance period may span (the same years ?tahun= accepts); beyond them date arithmetic
# overflows (9999-12-31 + 1 day).
COMPLIANCE_FIRST, COMPLIANCE_LAST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


def _compliance_request(request):
    """(report, errors, kecamatan, visible kecamatan) from ?dari=&sampai=&kecamatan= (defaults: this year so far).

    Also accepts ?tahun= for a whole year. A kecamatan outside the user's scope is a 404."""
    today = timezone.localdate()
    errors = {}
    mulai, sampai = datetime.date(today.year, 1, 1), today
    year = params.year_or_none(request.GET.get("tahun"))
    if year and 2000 <= year <= 2100:
        mulai, sampai = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    for name in ("dari", "sampai"):
        raw = request.GET.get(name, "").strip()
        if not raw:
            continue
        try:
            value = datetime.date.fromisoformat(raw)
        except ValueError:
            errors[name] = "Tanggal tidak sah; gunakan format TTTT-BB-HH."
            continue
        if not COMPLIANCE_FIRST <= value <= COMPLIANCE_LAST:
            errors[name] = f"Tanggal harus antara {COMPLIANCE_FIRST.isoformat()} dan {COMPLIANCE_LAST.isoformat()}."
            continue
        if name == "dari":
            mulai = value
        else:
            sampai = value
    if sampai < mulai:
        errors["sampai"] = "Tanggal akhir tidak boleh sebelum tanggal awal."
        sampai = mulai
    visible = list(permissions.visible_kecamatan(request.user).order_by("nama"))
    kecamatan = None
    if request.GET.get("kecamatan"):
        kecamatan = next((k for k in visible if str(k.pk) == request.GET["kecamatan"]), None)
        if kecamatan is None:
            raise Http404("Kecamatan tidak ditemukan.")
    elif len(visible) == 1:
        kecamatan = visible[0]
    report = selectors.compliance(request.user, mulai=mulai, sampai=sampai, kecamatan=kecamatan)
    return report, errors, kecamatan, visible


@login_required
@require_safe
def compliance(request):
    report, errors, kecamatan, visible = _compliance_request(request)
    query = urlencode(
        {
            "dari": report.mulai.isoformat(),
            "sampai": report.sampai.isoformat(),
            "kecamatan": kecamatan.pk if kecamatan else "",
        }
    )
    return render(
        request,
        "workflow/compliance.html",
        {
            "report": report,
            "errors": errors,
            "kecamatan": kecamatan,
            "kecamatan_list": visible if len(visible) > 1 else [],
            "query": query,
        },
    )


def _compliance_filename(report, extension: str) -> str:
    return unduhan.download_name("monev-sop", report.mulai.isoformat(), report.sampai.isoformat(), ext=extension)


@login_required
@require_safe
def compliance_pdf(request):
    report, _errors, _kecamatan, _visible = _compliance_request(request)
    response = HttpResponse(compliance_export.pdf(report), content_type="application/pdf")
    unduhan.as_attachment(response, _compliance_filename(report, "pdf"))
    return response


@login_required
@require_safe
def compliance_xlsx(request):
    report, _errors, _kecamatan, _visible = _compliance_request(request)
    response = HttpResponse(
        compliance_export.xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    unduhan.as_attachment(response, _compliance_filename(report, "xlsx"))
    return response


@login_required
@require_safe
def disposisi_pdf(request, pk: int):
    """The Lembar Disposisi of a task's disposition, as a printable PDF."""
    from django.template.loader import render_to_string

    task = selectors.task_for_user(request.user, pk)
    sheet = getattr(task, "disposisi", None)
    if sheet is None:
        raise Http404("Tugas ini tidak memiliki lembar disposisi.")
    html = render_to_string("workflow/disposisi_pdf.html", {"task": task, "d": sheet})
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    unduhan.as_attachment(response, unduhan.download_name("lembar-disposisi", task.pk, ext="pdf"))
    return response
