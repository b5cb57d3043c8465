"""Pages of the planning chain: the RPJMD (kabupaten), the kecamatan's Renstra and its IKU. Thin: the rules
are in renstra/services.py, the reads in renstra/selectors.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from renstra import naskah as naskah_rules
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
from sakip.errors import ke_formulir
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
                ke_formulir(form, error)
            else:
                messages.success(request, f"{created} dibuat.")
                return redirect("renstra:rpjmd_ubah", rpjmd_id=created.pk)
    return render(
        request,
        "renstra/rpjmd_list.html",
        {"daftar": list(selectors.rpjmd_visible(request.user)), "form": form, "can_create": bool(kabupaten_ids)},
        status=400 if form.errors else 200,
    )


def _rpjmd_or_404(request, rpjmd_id: int):
    obj = selectors.rpjmd_visible(request.user).filter(pk=rpjmd_id).first()
    if obj is None:
        raise Http404("RPJMD tidak ditemukan.")
    return obj


@login_required
@require_safe
def rpjmd_ubah(request, rpjmd_id: int):
    """The RPJMD page: read by the kabupaten, changed by its administrator through the actions below."""
    obj = _rpjmd_or_404(request, rpjmd_id)
    can_edit = permissions.user_can_administer_kabupaten(request.user, obj)
    return render(request, "renstra/rpjmd.html", {"rpjmd": selectors.rpjmd_lengkap(obj), "can_edit": can_edit})


def _rpjmd_action(request, rpjmd_id: int, action) -> HttpResponse:
    """Run one change of the RPJMD by its kabupaten's administrator, then back to its page."""
    obj = _rpjmd_or_404(request, rpjmd_id)
    permissions.check_user_can_administer_kabupaten(request.user, obj)
    try:
        action(obj)
    except RenstraError as error:
        _refused(request, error)
    else:
        messages.success(request, "RPJMD disimpan.")
    return redirect("renstra:rpjmd_ubah", rpjmd_id=obj.pk)


@login_required
@require_POST
def rpjmd_visi(request, rpjmd_id: int):
    return _rpjmd_action(
        request,
        rpjmd_id,
        lambda obj: services.rpjmd_ubah_visi(user=request.user, rpjmd=obj, visi=request.POST.get("visi", "")),
    )


@login_required
@require_POST
def rpjmd_misi_tambah(request, rpjmd_id: int):
    return _rpjmd_action(
        request,
        rpjmd_id,
        lambda obj: services.misi_simpan(user=request.user, rpjmd=obj, uraian=request.POST.get("uraian", "")),
    )


@login_required
@require_POST
def rpjmd_misi_hapus(request, rpjmd_id: int, misi_id: int):
    def hapus(obj):
        misi = MisiRpjmd.objects.filter(rpjmd=obj, pk=misi_id).first()
        if misi is None:
            raise Http404("Misi tidak ditemukan.")
        services.misi_hapus(user=request.user, misi=misi)

    return _rpjmd_action(request, rpjmd_id, hapus)


@login_required
@require_POST
def rpjmd_sasaran_tambah(request, rpjmd_id: int):
    return _rpjmd_action(
        request,
        rpjmd_id,
        lambda obj: services.sasaran_rpjmd_simpan(
            user=request.user, rpjmd=obj, uraian=request.POST.get("uraian", ""), sasaran=None
        ),
    )


@login_required
@require_POST
def rpjmd_sasaran_hapus(request, rpjmd_id: int, sasaran_rpjmd_id: int):
    def hapus(obj):
        sasaran = SasaranRpjmd.objects.filter(rpjmd=obj, pk=sasaran_rpjmd_id).first()
        if sasaran is None:
            raise Http404("Sasaran tidak ditemukan.")
        services.sasaran_rpjmd_hapus(user=request.user, sasaran=sasaran)

    return _rpjmd_action(request, rpjmd_id, hapus)


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


def _index_page(request, kecamatan, current, tetapkan_form=None):
    """The Renstra page: read on a GET, shown again by an action that refused its input."""
    if tetapkan_form is None:
        tetapkan_form = TetapkanForm()
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
            "tetapkan_form": tetapkan_form,
            "can_create": current is None and can_edit_role,
            "can_edit": is_draft and can_edit_role,
            "can_sign": is_draft and permissions.user_can(request.user, "renstra.establish", kecamatan),
            "can_revise": current is not None and current.status == Renstra.Status.DITETAPKAN and can_edit_role,
            "pohon_tahun": _pohon_tahun(current),
        },
        status=400 if tetapkan_form.errors else 200,
    )


@login_required
@require_safe
def index(request, kecamatan_id: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    return _index_page(request, kecamatan, services.current_renstra(kecamatan))


@login_required
@require_POST
def buat(request, kecamatan_id: int):
    """A draft Renstra of the kecamatan for a period of its kabupaten's RPJMD."""
    kecamatan = _kecamatan(request.user, kecamatan_id)
    permissions.check_user_can(request.user, "renstra.edit", kecamatan)
    rpjmd_obj = (
        selectors.rpjmd_visible(request.user)
        .filter(kabupaten=kecamatan.kabupaten_id, pk=params.id_or_none(request.POST.get("rpjmd")))
        .first()
    )
    try:
        if rpjmd_obj is None:
            raise RenstraError("Periksa isian.", {"rpjmd": "Pilih RPJMD kabupaten."})
        services.renstra_buat(user=request.user, kecamatan=kecamatan, rpjmd=rpjmd_obj)
    except RenstraError as error:
        _refused(request, error)
        return _index_page(request, kecamatan, services.current_renstra(kecamatan))
    messages.success(request, "Renstra dibuat sebagai draf.")
    return redirect(_index_url(kecamatan.pk))


@login_required
@require_POST
def tetapkan(request, kecamatan_id: int):
    """Establishing the Renstra is the Camat's signature: the password typed again."""
    kecamatan = _kecamatan(request.user, kecamatan_id)
    permissions.check_user_can(request.user, "renstra.establish", kecamatan)
    current = _current_or_404(kecamatan)
    form = TetapkanForm(request.POST)
    if form.is_valid():
        try:
            services.renstra_tetapkan(user=request.user, renstra=current, password=form.cleaned_data["password"])
        except RenstraError as error:
            if "password" in error.errors:
                form.add_error("password", error.errors["password"])
            else:
                _refused(request, error)
        else:
            messages.success(request, "Renstra ditetapkan.")
            return redirect(_index_url(kecamatan.pk))
    return _index_page(request, kecamatan, current, form)


@login_required
@require_POST
def perubahan(request, kecamatan_id: int):
    """A Renstra Perubahan (with its reason): a new draft; the established revision stays readable."""
    kecamatan = _kecamatan(request.user, kecamatan_id)
    permissions.check_user_can(request.user, "renstra.edit", kecamatan)
    current = _current_or_404(kecamatan)
    try:
        services.renstra_perubahan(user=request.user, renstra=current, alasan=request.POST.get("alasan", ""))
    except RenstraError as error:
        _refused(request, error)
        return _index_page(request, kecamatan, current)
    messages.success(request, "Renstra Perubahan dibuat sebagai draf; Renstra sebelumnya tetap tersimpan.")
    return redirect(_index_url(kecamatan.pk))


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
    bab = selectors.naskah_bab(obj)
    return render(
        request,
        "renstra/dokumen.html",
        {
            "kecamatan": kecamatan,
            "renstra": obj,
            "rpjmd": selectors.rpjmd_lengkap(obj.rpjmd),
            "tujuan_list": selectors.renstra_tree(obj),
            # The Permendagri 86/2017 chapters, as the signed document prints them (laporan/renstra_doc.py).
            "bab_awal": [b for b in bab if b["bab"].nomor != "VIII"],
            "bab_akhir": [b for b in bab if b["bab"].nomor == "VIII"],
            "sistematika": naskah_rules.SISTEMATIKA,
            "tabel": selectors.program_tabel(obj),
        },
    )


def _form_page(request, *, kecamatan, title, form, hapus_url: str | None = None):
    return render(
        request,
        "renstra/form.html",
        {
            "kecamatan": kecamatan,
            "title": title,
            "form": form,
            "back": _index_url(kecamatan.pk),
            "hapus_url": hapus_url,
        },
        status=400 if form.errors else 200,
    )


def _hapus(request, kecamatan_id: int, model, object_id: int, remove, message: str):
    """Delete one part of the draft Renstra (its composers), then back to the Renstra page."""
    kecamatan = _kecamatan(request.user, kecamatan_id)
    current = _current_or_404(kecamatan)
    obj = _child(request, kecamatan, current, model, object_id)
    permissions.check_user_can(request.user, "renstra.edit", kecamatan)
    try:
        remove(obj)
    except RenstraError as error:
        _refused(request, error)
    else:
        messages.success(request, message)
    return redirect(_index_url(kecamatan.pk))


@login_required
@require_POST
def tujuan_hapus(request, kecamatan_id: int, tujuan_id: int):
    return _hapus(
        request,
        kecamatan_id,
        TujuanRenstra,
        tujuan_id,
        lambda obj: services.tujuan_hapus(user=request.user, tujuan=obj),
        "Tujuan dihapus.",
    )


@login_required
@require_POST
def sasaran_hapus(request, kecamatan_id: int, rsasaran_id: int):
    return _hapus(
        request,
        kecamatan_id,
        SasaranRenstra,
        rsasaran_id,
        lambda obj: services.sasaran_hapus(user=request.user, sasaran=obj),
        "Sasaran strategis dihapus.",
    )


@login_required
@require_POST
def indikator_hapus(request, kecamatan_id: int, rindikator_id: int):
    return _hapus(
        request,
        kecamatan_id,
        IndikatorRenstra,
        rindikator_id,
        lambda obj: services.indikator_hapus(user=request.user, indikator=obj),
        "Indikator dihapus.",
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
            if form.is_valid():
                services.tujuan_simpan(
                    user=request.user, renstra=current, uraian=form.cleaned_data["uraian"], tujuan=tujuan
                )
                messages.success(request, "Tujuan disimpan.")
                return redirect(_index_url(kecamatan.pk))
        except RenstraError as error:
            ke_formulir(form, error)
    title = "Ubah tujuan" if tujuan else "Tambah tujuan"
    hapus_url = reverse("renstra:tujuan_hapus", args=[kecamatan.pk, tujuan.pk]) if tujuan else None
    return _form_page(request, kecamatan=kecamatan, title=title, form=form, hapus_url=hapus_url)


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
            if form.is_valid():
                services.sasaran_simpan(user=request.user, renstra=current, sasaran=sasaran, **form.cleaned_data)
                messages.success(request, "Sasaran strategis disimpan.")
                return redirect(_index_url(kecamatan.pk))
        except RenstraError as error:
            ke_formulir(form, error)
    title = "Ubah sasaran strategis" if sasaran else "Tambah sasaran strategis"
    hapus_url = reverse("renstra:sasaran_hapus", args=[kecamatan.pk, sasaran.pk]) if sasaran else None
    return _form_page(request, kecamatan=kecamatan, title=title, form=form, hapus_url=hapus_url)


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
            ke_formulir(form, error)
    title = f"{'Ubah' if indikator else 'Tambah'} indikator — Sasaran {sasaran.urutan}. {sasaran.uraian}"
    hapus_url = reverse("renstra:indikator_hapus", args=[kecamatan.pk, indikator.pk]) if indikator else None
    return _form_page(request, kecamatan=kecamatan, title=title, form=form, hapus_url=hapus_url)


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
                ke_formulir(form, error)
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


def _program_or_404(request, renstra, program_id: int):
    obj = _program_of(request, renstra, str(program_id))
    if obj is None:
        raise Http404("Program tidak ditemukan.")
    return obj


def _kegiatan_or_404(request, renstra, kegiatan_id: int):
    obj = _kegiatan_of(request, renstra, str(kegiatan_id))
    if obj is None:
        raise Http404("Kegiatan tidak ditemukan.")
    return obj


def _pagu_of(kegiatan) -> dict:
    return {p.tahun: p.nilai for p in kegiatan.pagu.all()} if kegiatan else {}


def _program_page(request, kecamatan, current, form=None, edit=None):
    """BAB VI: the Renstra's programmes and kegiatan with their pagu indikatif per year and the totals, and the
    form of one programme or kegiatan (its composers, while the Renstra is a draft)."""
    if form is None and _can_compose(request.user, kecamatan, current):
        form, edit = _program_edit_form(request, kecamatan, current)
    return render(
        request,
        "renstra/program.html",
        {
            "kecamatan": kecamatan,
            "renstra": current,
            "tabel": selectors.program_tabel(current),
            "form": form,
            "edit": edit or {},
            "kurang": services.bab_belum_diisi(current) if current.status == Renstra.Status.DRAFT else [],
            "can_edit": _can_compose(request.user, kecamatan, current),
            "has_sasaran": current.sasaran.exists(),
            "pohon_tahun": _pohon_tahun(current),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_safe
def program(request, kecamatan_id: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    return _program_page(request, kecamatan, _current_or_404(kecamatan))


def _composer(request, kecamatan_id: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    current = _current_or_404(kecamatan)
    permissions.check_user_can(request.user, "renstra.edit", kecamatan)
    return kecamatan, current


def _program_url(kecamatan_id: int) -> str:
    return reverse("renstra:program", args=[kecamatan_id])


def _program_edit(kecamatan, obj=None) -> dict:
    if obj is None:
        return {
            "op": "program",
            "action": reverse("renstra:program_tambah", args=[kecamatan.pk]),
            "judul": "Tambah program",
        }
    return {
        "op": "program",
        "action": reverse("renstra:program_ubah", args=[kecamatan.pk, obj.pk]),
        "hapus_url": reverse("renstra:program_hapus", args=[kecamatan.pk, obj.pk]),
        "judul": f"Ubah program {obj.kode}",
    }


def _kegiatan_edit(kecamatan, parent, obj=None) -> dict:
    if obj is None:
        return {
            "op": "kegiatan",
            "action": reverse("renstra:kegiatan_tambah", args=[kecamatan.pk, parent.pk]),
            "judul": f"Tambah kegiatan — program {parent.kode} {parent.nama}",
        }
    return {
        "op": "kegiatan",
        "action": reverse("renstra:kegiatan_ubah", args=[kecamatan.pk, obj.pk]),
        "hapus_url": reverse("renstra:kegiatan_hapus", args=[kecamatan.pk, obj.pk]),
        "judul": f"Ubah kegiatan {obj.kode}",
    }


def _program_simpan(request, kecamatan, current, obj):
    form = ProgramForm(request.POST, renstra=current)
    if form.is_valid():
        try:
            services.program_simpan(
                user=request.user,
                renstra=current,
                sasaran=form.cleaned_data["sasaran"],
                data=form.cleaned_data,
                program=obj,
            )
        except RenstraError as error:
            ke_formulir(form, error)
        else:
            messages.success(request, "Program disimpan.")
            return redirect(_program_url(kecamatan.pk))
    return _program_page(request, kecamatan, current, form, _program_edit(kecamatan, obj))


@login_required
@require_POST
def program_tambah(request, kecamatan_id: int):
    kecamatan, current = _composer(request, kecamatan_id)
    return _program_simpan(request, kecamatan, current, None)


@login_required
@require_POST
def program_ubah(request, kecamatan_id: int, program_id: int):
    kecamatan, current = _composer(request, kecamatan_id)
    return _program_simpan(request, kecamatan, current, _program_or_404(request, current, program_id))


@login_required
@require_POST
def program_hapus(request, kecamatan_id: int, program_id: int):
    kecamatan, current = _composer(request, kecamatan_id)
    obj = _program_or_404(request, current, program_id)
    try:
        services.program_hapus(user=request.user, program=obj)
    except RenstraError as error:
        _refused(request, error)
    else:
        messages.success(request, f"Program {obj.kode} dihapus beserta kegiatannya.")
    return redirect(_program_url(kecamatan.pk))


def _kegiatan_simpan(request, kecamatan, current, parent, obj):
    form = KegiatanForm(request.POST, renstra=current)
    if form.is_valid():
        try:
            services.kegiatan_simpan(
                user=request.user, program=parent, data=form.data_kegiatan(), pagu=form.pagu(), kegiatan=obj
            )
        except RenstraError as error:
            ke_formulir(form, error)
        else:
            messages.success(request, "Kegiatan dan pagu indikatif disimpan.")
            return redirect(_program_url(kecamatan.pk))
    return _program_page(request, kecamatan, current, form, _kegiatan_edit(kecamatan, parent, obj))


@login_required
@require_POST
def kegiatan_tambah(request, kecamatan_id: int, program_id: int):
    kecamatan, current = _composer(request, kecamatan_id)
    return _kegiatan_simpan(request, kecamatan, current, _program_or_404(request, current, program_id), None)


@login_required
@require_POST
def kegiatan_ubah(request, kecamatan_id: int, kegiatan_id: int):
    kecamatan, current = _composer(request, kecamatan_id)
    obj = _kegiatan_or_404(request, current, kegiatan_id)
    return _kegiatan_simpan(request, kecamatan, current, obj.program, obj)


@login_required
@require_POST
def kegiatan_hapus(request, kecamatan_id: int, kegiatan_id: int):
    kecamatan, current = _composer(request, kecamatan_id)
    obj = _kegiatan_or_404(request, current, kegiatan_id)
    try:
        services.kegiatan_hapus(user=request.user, kegiatan=obj)
    except RenstraError as error:
        _refused(request, error)
    else:
        messages.success(request, f"Kegiatan {obj.kode} dihapus.")
    return redirect(_program_url(kecamatan.pk))


def _program_edit_form(request, kecamatan, renstra):
    """The form the page offers on a GET: `?program=<id>` changes a programme, `?kegiatan=<id>` a kegiatan,
    `?tambah_kegiatan=<program id>` adds a kegiatan; otherwise a new programme."""
    if kegiatan := _kegiatan_of(request, renstra, request.GET.get("kegiatan")):
        initial = {"kode": kegiatan.kode, "nama": kegiatan.nama, "indikator": kegiatan.indikator}
        form = KegiatanForm(renstra=renstra, initial=initial, pagu=_pagu_of(kegiatan))
        return form, _kegiatan_edit(kecamatan, kegiatan.program, kegiatan)
    if parent := _program_of(request, renstra, request.GET.get("tambah_kegiatan")):
        return KegiatanForm(renstra=renstra), _kegiatan_edit(kecamatan, parent)
    if obj := _program_of(request, renstra, request.GET.get("program")):
        initial = {"sasaran": obj.sasaran_id, "kode": obj.kode, "nama": obj.nama, "indikator": obj.indikator}
        return ProgramForm(renstra=renstra, initial=initial), _program_edit(kecamatan, obj)
    return ProgramForm(renstra=renstra), _program_edit(kecamatan)
