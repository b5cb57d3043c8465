"""Pages of the planning chain: the RPJMD (kabupaten), the kecamatan's Renstra and its IKU. Thin: the rules
are in renstra/services.py, the reads in renstra/selectors.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from renstra import selectors, services
from renstra.forms import (
    IndikatorForm,
    KegiatanForm,
    NaskahForm,
    ProgramForm,
    RpjmdForm,
    SasaranForm,
    TetapkanForm,
    UraianForm,
)
from renstra.models import (
    IndikatorRenstra,
    KegiatanRenstra,
    MisiRpjmd,
    ProgramRenstra,
    Renstra,
    SasaranRenstra,
    SasaranRpjmd,
    TujuanRenstra,
)
from renstra.services import RenstraError
from sakip import params, permissions
from sakip.models import Unit


def _kecamatan(user, kecamatan_id: int) -> Unit:
    kecamatan = permissions.visible_kecamatan(user).select_related("kabupaten").filter(pk=kecamatan_id).first()
    if kecamatan is None:
        raise Http404("Kecamatan tidak ditemukan.")
    return kecamatan


def _current_or_404(kecamatan) -> Renstra:
    renstra = services.current_renstra(kecamatan)
    if renstra is None:
        raise Http404("Renstra kecamatan ini belum dibuat.")
    return renstra


def _pohon_tahun(renstra: Renstra | None) -> int | None:
    """The year whose pohon kinerja the Renstra pages link to: this year, kept within the period."""
    if renstra is None:
        return None
    return min(max(timezone.localdate().year, renstra.tahun_awal), renstra.tahun_akhir)


def _index_url(kecamatan_id: int) -> str:
    return reverse("renstra:index", args=[kecamatan_id])


def _apply_errors(form, error: RenstraError) -> None:
    if not error.errors:
        form.add_error(None, error.message)
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message)


def _refused(request, error: RenstraError) -> None:
    messages.error(request, error.message)
    for message in error.errors.values():
        if isinstance(message, str):
            messages.error(request, message)


# --- RPJMD ---


@login_required
@require_http_methods(["GET", "POST"])
def rpjmd(request):
    """The RPJMD of the user's kabupaten; the kabupaten administrator starts a new period."""
    kabupaten_ids = sorted(permissions.administered_kabupaten_ids(request.user))
    form = RpjmdForm(request.POST or None)
    if request.method == "POST":
        if not kabupaten_ids:
            raise PermissionDenied("Hanya administrator kabupaten yang dapat membuat RPJMD.")
        if form.is_valid():
            kabupaten = Unit.objects.get(pk=kabupaten_ids[0])
            try:
                created = services.rpjmd_buat(user=request.user, kabupaten=kabupaten, **form.cleaned_data)
            except RenstraError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, f"{created} dibuat.")
                return redirect("renstra:rpjmd_ubah", rpjmd_id=created.pk)
    return render(
        request,
        "renstra/rpjmd_list.html",
        {"daftar": list(selectors.rpjmd_visible(request.user)), "form": form, "can_create": bool(kabupaten_ids)},
        status=400 if form.errors else 200,
    )


RPJMD_OPS = {"visi", "misi", "misi_hapus", "sasaran", "sasaran_hapus"}


@login_required
@require_http_methods(["GET", "POST"])
def rpjmd_ubah(request, rpjmd_id: int):
    obj = selectors.rpjmd_visible(request.user).filter(pk=rpjmd_id).first()
    if obj is None:
        raise Http404("RPJMD tidak ditemukan.")
    can_edit = permissions.user_can_administer_kabupaten(request.user, obj)
    if request.method == "POST":
        permissions.check_user_can_administer_kabupaten(request.user, obj)
        op = request.POST.get("op", "")
        text = request.POST.get("uraian", "")
        try:
            if op == "visi":
                services.rpjmd_ubah_visi(user=request.user, rpjmd=obj, visi=request.POST.get("visi", ""))
            elif op in ("misi", "misi_hapus"):
                misi = None
                if request.POST.get("id"):
                    misi = MisiRpjmd.objects.filter(
                        rpjmd=obj, pk=params.int_param(request.POST["id"], field="id")
                    ).first()
                    if misi is None:
                        raise Http404("Misi tidak ditemukan.")
                if op == "misi":
                    services.misi_simpan(user=request.user, rpjmd=obj, uraian=text, misi=misi)
                elif misi is not None:
                    services.misi_hapus(user=request.user, misi=misi)
            elif op in ("sasaran", "sasaran_hapus"):
                sasaran = None
                if request.POST.get("id"):
                    sasaran = SasaranRpjmd.objects.filter(
                        rpjmd=obj, pk=params.int_param(request.POST["id"], field="id")
                    ).first()
                    if sasaran is None:
                        raise Http404("Sasaran tidak ditemukan.")
                if op == "sasaran":
                    services.sasaran_rpjmd_simpan(user=request.user, rpjmd=obj, uraian=text, sasaran=sasaran)
                elif sasaran is not None:
                    services.sasaran_rpjmd_hapus(user=request.user, sasaran=sasaran)
            else:
                messages.error(request, "Tindakan tidak dikenal.")
                return redirect(request.path)
        except RenstraError as error:
            _refused(request, error)
        else:
            messages.success(request, "RPJMD disimpan.")
        return redirect(request.path)
    return render(request, "renstra/rpjmd.html", {"rpjmd": selectors.rpjmd_lengkap(obj), "can_edit": can_edit})


# --- Renstra ---


@login_required
@require_safe
def pilih(request):
    """Which kecamatan's Renstra: a kecamatan person goes straight to theirs; kabupaten readers choose."""
    kecamatan = list(permissions.visible_kecamatan(request.user).order_by("nama"))
    if len(kecamatan) == 1:
        return redirect("renstra:index", kecamatan_id=kecamatan[0].pk)
    current = {
        r.kecamatan_id: r
        for r in permissions.scope(request.user, Renstra.objects.exclude(status=Renstra.Status.DIGANTIKAN)).order_by(
            "tahun_awal"
        )
    }
    rows = [{"kecamatan": k, "renstra": current.get(k.pk)} for k in kecamatan]
    return render(request, "renstra/pilih.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def index(request, kecamatan_id: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    current = services.current_renstra(kecamatan)
    tetapkan = TetapkanForm()
    if request.method == "POST":
        action = request.POST.get("aksi", "")
        needed = "renstra.establish" if action == "tetapkan" else "renstra.edit"
        permissions.check_user_can(request.user, needed, kecamatan)
        try:
            if action == "buat":
                rpjmd_obj = (
                    selectors.rpjmd_visible(request.user)
                    .filter(kabupaten=kecamatan.kabupaten_id, pk=params.id_or_none(request.POST.get("rpjmd")))
                    .first()
                )
                if rpjmd_obj is None:
                    raise RenstraError("Periksa isian.", {"rpjmd": "Pilih RPJMD kabupaten."})
                services.renstra_buat(user=request.user, kecamatan=kecamatan, rpjmd=rpjmd_obj)
                messages.success(request, "Renstra dibuat sebagai draf.")
                return redirect(request.path)
            if current is None:
                raise Http404("Renstra kecamatan ini belum dibuat.")
            if action == "tetapkan":
                tetapkan = TetapkanForm(request.POST)
                if tetapkan.is_valid():
                    try:
                        services.renstra_tetapkan(
                            user=request.user, renstra=current, password=tetapkan.cleaned_data["password"]
                        )
                    except RenstraError as error:
                        if "password" not in error.errors:
                            raise
                        tetapkan.add_error("password", error.errors["password"])
                    else:
                        messages.success(request, "Renstra ditetapkan.")
                        return redirect(request.path)
            elif action == "perubahan":
                services.renstra_perubahan(user=request.user, renstra=current, alasan=request.POST.get("alasan", ""))
                messages.success(request, "Renstra Perubahan dibuat sebagai draf; Renstra sebelumnya tetap tersimpan.")
                return redirect(request.path)
            else:
                messages.error(request, "Tindakan tidak dikenal.")
        except RenstraError as error:
            _refused(request, error)
    can_edit_role = permissions.user_can(request.user, "renstra.edit", kecamatan)
    is_draft = current is not None and current.status == Renstra.Status.DRAFT
    rpjmd_choices = []
    if current is None and can_edit_role:
        taken = Renstra.objects.filter(kecamatan=kecamatan).values("rpjmd")
        rpjmd_choices = list(
            selectors.rpjmd_visible(request.user).filter(kabupaten=kecamatan.kabupaten_id).exclude(pk__in=taken)
        )
    return render(
        request,
        "renstra/index.html",
        {
            "kecamatan": kecamatan,
            "renstra": current,
            "tujuan_list": selectors.renstra_tree(current) if current else [],
            "kurang": services.alasan_belum_lengkap(current) if is_draft else [],
            "revisions": selectors.revisions(request.user, kecamatan),
            "rpjmd_choices": rpjmd_choices,
            "tetapkan_form": tetapkan,
            "can_create": current is None and can_edit_role,
            "can_edit": is_draft and can_edit_role,
            "can_sign": is_draft and permissions.user_can(request.user, "renstra.establish", kecamatan),
            "can_revise": current is not None and current.status == Renstra.Status.DITETAPKAN and can_edit_role,
            "pohon_tahun": _pohon_tahun(current),
        },
        status=400 if tetapkan.errors else 200,
    )


@login_required
@require_safe
def dokumen(request, kecamatan_id: int, renstra_id: int):
    """One revision of the Renstra as a document (print stylesheet); a superseded revision stays readable."""
    kecamatan = _kecamatan(request.user, kecamatan_id)
    obj = permissions.get_visible_or_404(
        request.user,
        Renstra.objects.filter(kecamatan=kecamatan).select_related("rpjmd", "ditetapkan_oleh"),
        pk=renstra_id,
    )
    return render(
        request,
        "renstra/dokumen.html",
        {
            "kecamatan": kecamatan,
            "renstra": obj,
            "rpjmd": selectors.rpjmd_lengkap(obj.rpjmd),
            "tujuan_list": selectors.renstra_tree(obj),
        },
    )


def _form_page(request, *, kecamatan, title, form, hapus: bool = False):
    return render(
        request,
        "renstra/form.html",
        {"kecamatan": kecamatan, "title": title, "form": form, "back": _index_url(kecamatan.pk), "hapus": hapus},
        status=400 if form.errors else 200,
    )


def _child(request, kecamatan, renstra, model, object_id):
    if object_id is None:
        return None
    return permissions.get_visible_or_404(request.user, model.objects.filter(renstra=renstra), pk=object_id)


@login_required
@require_http_methods(["GET", "POST"])
def tujuan_form(request, kecamatan_id: int, tujuan_id: int | None = None):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    current = _current_or_404(kecamatan)
    tujuan = _child(request, kecamatan, current, TujuanRenstra, tujuan_id)
    permissions.check_user_can(request.user, "renstra.edit", kecamatan)
    form = UraianForm(request.POST or None, label="Tujuan", initial={"uraian": tujuan.uraian} if tujuan else None)
    if request.method == "POST":
        try:
            if tujuan is not None and request.POST.get("aksi") == "hapus":
                services.tujuan_hapus(user=request.user, tujuan=tujuan)
                messages.success(request, "Tujuan dihapus.")
                return redirect(_index_url(kecamatan.pk))
            if form.is_valid():
                services.tujuan_simpan(
                    user=request.user, renstra=current, uraian=form.cleaned_data["uraian"], tujuan=tujuan
                )
                messages.success(request, "Tujuan disimpan.")
                return redirect(_index_url(kecamatan.pk))
        except RenstraError as error:
            _apply_errors(form, error)
    title = "Ubah tujuan" if tujuan else "Tambah tujuan"
    return _form_page(request, kecamatan=kecamatan, title=title, form=form, hapus=tujuan is not None)


@login_required
@require_http_methods(["GET", "POST"])
def sasaran_form(request, kecamatan_id: int, rsasaran_id: int | None = None):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    current = _current_or_404(kecamatan)
    sasaran = _child(request, kecamatan, current, SasaranRenstra, rsasaran_id)
    permissions.check_user_can(request.user, "renstra.edit", kecamatan)
    last_tujuan = current.tujuan.order_by("-urutan").first()
    initial = {"tujuan": last_tujuan.pk} if last_tujuan else None
    if sasaran:
        initial = {"tujuan": sasaran.tujuan_id, "sasaran_rpjmd": sasaran.sasaran_rpjmd_id, "uraian": sasaran.uraian}
    form = SasaranForm(request.POST or None, renstra=current, initial=initial)
    if request.method == "POST":
        try:
            if sasaran is not None and request.POST.get("aksi") == "hapus":
                services.sasaran_hapus(user=request.user, sasaran=sasaran)
                messages.success(request, "Sasaran strategis dihapus.")
                return redirect(_index_url(kecamatan.pk))
            if form.is_valid():
                services.sasaran_simpan(user=request.user, renstra=current, sasaran=sasaran, **form.cleaned_data)
                messages.success(request, "Sasaran strategis disimpan.")
                return redirect(_index_url(kecamatan.pk))
        except RenstraError as error:
            _apply_errors(form, error)
    title = "Ubah sasaran strategis" if sasaran else "Tambah sasaran strategis"
    return _form_page(request, kecamatan=kecamatan, title=title, form=form, hapus=sasaran is not None)


@login_required
@require_http_methods(["GET", "POST"])
def indikator_form(request, kecamatan_id: int, rsasaran_id: int | None = None, rindikator_id: int | None = None):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    current = _current_or_404(kecamatan)
    indikator = _child(request, kecamatan, current, IndikatorRenstra, rindikator_id)
    sasaran = indikator.sasaran if indikator else _child(request, kecamatan, current, SasaranRenstra, rsasaran_id)
    permissions.check_user_can(request.user, "renstra.edit", kecamatan)
    form = IndikatorForm(request.POST or None, instance=indikator, renstra=current)
    if request.method == "POST":
        try:
            if indikator is not None and request.POST.get("aksi") == "hapus":
                services.indikator_hapus(user=request.user, indikator=indikator)
                messages.success(request, "Indikator dihapus.")
                return redirect(_index_url(kecamatan.pk))
            if form.is_valid():
                services.indikator_simpan(
                    user=request.user,
                    sasaran=sasaran,
                    data=form.data_indikator(),
                    targets=form.targets(),
                    indikator=IndikatorRenstra.objects.get(pk=indikator.pk) if indikator else None,
                )
                messages.success(request, "Indikator disimpan.")
                return redirect(_index_url(kecamatan.pk))
        except RenstraError as error:
            _apply_errors(form, error)
    title = f"{'Ubah' if indikator else 'Tambah'} indikator — Sasaran {sasaran.urutan}. {sasaran.uraian}"
    return _form_page(request, kecamatan=kecamatan, title=title, form=form, hapus=indikator is not None)


@login_required
@require_http_methods(["GET", "POST"])
def iku(request, kecamatan_id: int):
    """The IKU of the kecamatan (definition, formula, sumber data, penanggung jawab); the Camat designates."""
    kecamatan = _kecamatan(request.user, kecamatan_id)
    current = _current_or_404(kecamatan)
    can_designate = current.status != Renstra.Status.DIGANTIKAN and permissions.user_can(
        request.user, "renstra.designate_iku", current
    )
    if request.method == "POST":
        permissions.check_user_can(request.user, "renstra.designate_iku", current)
        try:
            ids = params.int_list_param(request.POST.getlist("indikator"), field="indikator")
            services.iku_tetapkan(user=request.user, renstra=current, indikator_ids=ids)
        except RenstraError as error:
            _refused(request, error)
        else:
            messages.success(request, "Indikator Kinerja Utama ditetapkan.")
            return redirect(request.path)
    return render(
        request,
        "renstra/iku.html",
        {
            "kecamatan": kecamatan,
            "renstra": current,
            "iku_list": selectors.iku_rows(current),
            "tujuan_list": selectors.renstra_tree(current) if can_designate else [],
            "can_designate": can_designate,
            "pohon_tahun": _pohon_tahun(current),
        },
    )


# --- the naskah of the Renstra document and BAB VI (renstra/naskah.py) ---


def _can_compose(user, kecamatan, renstra: Renstra) -> bool:
    return renstra.status == Renstra.Status.DRAFT and permissions.user_can(user, "renstra.edit", kecamatan)


@login_required
@require_http_methods(["GET", "POST"])
def naskah(request, kecamatan_id: int):
    """The typed chapters of the Renstra document (BAB I–III, VIII) and the strategi and arah kebijakan of
    each sasaran (BAB V): one form; read-only for everyone else and once the Renstra is established."""
    kecamatan = _kecamatan(request.user, kecamatan_id)
    current = _current_or_404(kecamatan)
    can_edit = _can_compose(request.user, kecamatan, current)
    sasaran_list = list(SasaranRenstra.objects.filter(renstra=current).select_related("tujuan").order_by("urutan"))
    isi = selectors.naskah(current)
    form = None
    if request.method == "POST":
        permissions.check_user_can(request.user, "renstra.edit", kecamatan)
        form = NaskahForm(request.POST, renstra=current, isi=isi, sasaran_list=sasaran_list)
        if form.is_valid():
            try:
                services.naskah_simpan(user=request.user, renstra=current, isi=form.isi(), strategi=form.strategi())
            except RenstraError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, "Naskah Renstra disimpan.")
                return redirect(request.path)
    elif can_edit:
        form = NaskahForm(renstra=current, isi=isi, sasaran_list=sasaran_list)
    return render(
        request,
        "renstra/naskah.html",
        {
            "kecamatan": kecamatan,
            "renstra": current,
            "form": form,
            "bab_list": selectors.naskah_bab(current),
            "sasaran_list": sasaran_list,
            "kurang": services.bab_belum_diisi(current),
            "can_edit": can_edit,
            "pohon_tahun": _pohon_tahun(current),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _program_of(request, renstra, value):
    object_id = params.id_or_none(value)
    if object_id is None:
        return None
    return permissions.get_visible_or_404(request.user, ProgramRenstra.objects.filter(renstra=renstra), pk=object_id)


def _kegiatan_of(request, renstra, value):
    object_id = params.id_or_none(value)
    if object_id is None:
        return None
    return permissions.get_visible_or_404(
        request.user, KegiatanRenstra.objects.filter(renstra=renstra).select_related("program"), pk=object_id
    )


def _pagu_of(kegiatan) -> dict:
    return {p.tahun: p.nilai for p in kegiatan.pagu.all()} if kegiatan else {}


@login_required
@require_http_methods(["GET", "POST"])
def program(request, kecamatan_id: int):
    """BAB VI: the Renstra's programmes and kegiatan with their pagu indikatif per year and the totals; its
    composers add and change them here while the Renstra is a draft (`op` = program, program_hapus,
    kegiatan, kegiatan_hapus; `id` the row changed; `program` the programme of a new kegiatan)."""
    kecamatan = _kecamatan(request.user, kecamatan_id)
    current = _current_or_404(kecamatan)
    can_edit = _can_compose(request.user, kecamatan, current)
    form, edit = None, {}
    if request.method == "POST":
        permissions.check_user_can(request.user, "renstra.edit", kecamatan)
        op = request.POST.get("op", "")
        try:
            if op in ("program", "program_hapus"):
                obj = _program_of(request, current, request.POST.get("id"))
                if op == "program_hapus":
                    if obj is None:
                        raise Http404("Program tidak ditemukan.")
                    services.program_hapus(user=request.user, program=obj)
                    messages.success(request, f"Program {obj.kode} dihapus beserta kegiatannya.")
                    return redirect(request.path)
                form = ProgramForm(request.POST, renstra=current)
                edit = {"op": "program", "id": obj.pk if obj else "", "hapus": obj is not None}
                edit["judul"] = f"Ubah program {obj.kode}" if obj else "Tambah program"
                if form.is_valid():
                    services.program_simpan(
                        user=request.user,
                        renstra=current,
                        sasaran=form.cleaned_data["sasaran"],
                        data=form.cleaned_data,
                        program=obj,
                    )
                    messages.success(request, "Program disimpan.")
                    return redirect(request.path)
            elif op in ("kegiatan", "kegiatan_hapus"):
                obj = _kegiatan_of(request, current, request.POST.get("id"))
                if op == "kegiatan_hapus":
                    if obj is None:
                        raise Http404("Kegiatan tidak ditemukan.")
                    services.kegiatan_hapus(user=request.user, kegiatan=obj)
                    messages.success(request, f"Kegiatan {obj.kode} dihapus.")
                    return redirect(request.path)
                parent = obj.program if obj else _program_of(request, current, request.POST.get("program"))
                if parent is None:
                    raise Http404("Program tidak ditemukan.")
                form = KegiatanForm(request.POST, renstra=current)
                edit = {"op": "kegiatan", "id": obj.pk if obj else "", "program": parent.pk, "hapus": obj is not None}
                edit["judul"] = (
                    f"Ubah kegiatan {obj.kode}" if obj else f"Tambah kegiatan — program {parent.kode} {parent.nama}"
                )
                if form.is_valid():
                    services.kegiatan_simpan(
                        user=request.user,
                        program=parent,
                        data=form.data_kegiatan(),
                        pagu=form.pagu(),
                        kegiatan=obj,
                    )
                    messages.success(request, "Kegiatan dan pagu indikatif disimpan.")
                    return redirect(request.path)
            else:
                messages.error(request, "Tindakan tidak dikenal.")
                return redirect(request.path)
        except RenstraError as error:
            if form is None:
                _refused(request, error)
                return redirect(request.path)
            _apply_errors(form, error)
    elif can_edit:
        form, edit = _program_edit_form(request, current)
    return render(
        request,
        "renstra/program.html",
        {
            "kecamatan": kecamatan,
            "renstra": current,
            "tabel": selectors.program_tabel(current),
            "form": form,
            "edit": edit,
            "kurang": services.bab_belum_diisi(current) if current.status == Renstra.Status.DRAFT else [],
            "can_edit": can_edit,
            "has_sasaran": current.sasaran.exists(),
            "pohon_tahun": _pohon_tahun(current),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _program_edit_form(request, renstra):
    """The form the page offers on a GET: `?program=<id>` changes a programme, `?kegiatan=<id>` a kegiatan,
    `?tambah_kegiatan=<program id>` adds a kegiatan; otherwise a new programme."""
    if kegiatan := _kegiatan_of(request, renstra, request.GET.get("kegiatan")):
        initial = {"kode": kegiatan.kode, "nama": kegiatan.nama, "indikator": kegiatan.indikator}
        form = KegiatanForm(renstra=renstra, initial=initial, pagu=_pagu_of(kegiatan))
        judul = f"Ubah kegiatan {kegiatan.kode}"
        return form, {
            "op": "kegiatan",
            "id": kegiatan.pk,
            "program": kegiatan.program_id,
            "hapus": True,
            "judul": judul,
        }
    if parent := _program_of(request, renstra, request.GET.get("tambah_kegiatan")):
        judul = f"Tambah kegiatan — program {parent.kode} {parent.nama}"
        return KegiatanForm(renstra=renstra), {"op": "kegiatan", "id": "", "program": parent.pk, "judul": judul}
    if obj := _program_of(request, renstra, request.GET.get("program")):
        initial = {"sasaran": obj.sasaran_id, "kode": obj.kode, "nama": obj.nama, "indikator": obj.indikator}
        form = ProgramForm(renstra=renstra, initial=initial)
        return form, {"op": "program", "id": obj.pk, "hapus": True, "judul": f"Ubah program {obj.kode}"}
    return ProgramForm(renstra=renstra), {"op": "program", "id": "", "judul": "Tambah program"}
