"""Applying an uploaded performance workbook (kinerja/excel.py): all or nothing, in one transaction.

Every row of every sheet is checked; when anything is wrong the whole upload is
refused with the list of problems (sheet, row, column) and nothing is saved.
Rules are those of the pages, reused rather than repeated:
* PK values change only while the PK is a draft (kinerja/services/perencanaan.py);
* Rencana Aksi goes through `rencana_aksi_simpan` (targets that do not add up need a reason);
* realisations go through `realisasi_simpan` (the "Versi" column read at download detects a value someone
  changed since: that row is refused, nothing overwritten); rows of a quarter that is not a draft are
  never changed — a differing value there is reported as a notice, not applied;
* budget realisations go through `realisasi_anggaran_simpan`; plan and pagu follow the budget rules.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from kinerja import excel, nomenklatur, selectors
from kinerja.angka import AngkaError, parse_angka, parse_angka_tepat
from kinerja.excel import Masalah, WorkbookError, cell_number_text, cell_text, column_of
from kinerja.models import AnggaranTriwulan, Indikator, Kegiatan, PerjanjianKinerja, Program, SubKegiatan, Triwulan
from kinerja.services import KinerjaError, perencanaan
from kinerja.services import anggaran as anggaran_services
from kinerja.services import realisasi as realisasi_services
from kinerja.services.triwulan import triwulan_get_or_create
from sakip import periode, permissions, uploads
from sakip.formatting import format_angka


@dataclass
class HasilImpor:
    pk: int = 0
    rencana_aksi: int = 0
    realisasi: int = 0
    anggaran: int = 0
    renstra: int = 0
    catatan: list[Masalah] = field(default_factory=list)  # rows left unchanged on purpose (locked quarters)


class _Collector:
    def __init__(self):
        self.errors: list[Masalah] = []

    def add(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.errors.append(
            Masalah(sheet, row, excel.column_of(sheet, column) if column and sheet in excel.SHEETS else column, message)
        )


def _number(raw, errors: _Collector, sheet: str, row: int, column: str, *, money: bool = False) -> Decimal | None:
    try:
        value = parse_angka_tepat(cell_number_text(raw), 2 if money else 4)
    except AngkaError as error:
        errors.add(sheet, row, column, str(error))
        return None
    if value is not None and value < 0:
        errors.add(sheet, row, column, "tidak boleh negatif.")
        return None
    return value


def _long_text(raw, errors, sheet, row, column, limit=excel.TEXT_LIMIT) -> str:
    text = cell_text(raw)
    if len(text) > limit:
        errors.add(sheet, row, column, f"paling banyak {limit} karakter.")
        return text[:limit]
    return text


@transaction.atomic
def impor_kinerja(*, user, kecamatan, tahun: int, content: bytes, konfirmasi_nilai: bool = False) -> HasilImpor:
    """Apply a workbook to the kecamatan and year; raise WorkbookError (nothing saved) or return counts."""
    permissions.check_user_can(user, "kinerja.edit_pk", kecamatan)
    try:
        uploads.check_xlsx(content)
    except uploads.UploadRefused as refused:
        raise WorkbookError([Masalah("-", None, None, refused.message)]) from None
    try:
        parsed = excel.parse_workbook(content)
    except uploads.XLSX_READ_ERRORS:
        # Malformed XML and the like surface while openpyxl streams the sheets (read-only mode).
        raise WorkbookError([Masalah("-", None, None, uploads.XLSX_UNREADABLE)]) from None
    errors = _Collector()
    if parsed.kode_kecamatan != kecamatan.kode or parsed.tahun != tahun:
        errors.add(
            "Petunjuk",
            None,
            "B",
            f"lembar kerja ini untuk kecamatan berkode {parsed.kode_kecamatan or '?'} tahun {parsed.tahun or '?'}, "
            f"bukan {kecamatan} tahun {tahun}.",
        )
        raise WorkbookError(errors.errors)
    result = HasilImpor()
    pk = perencanaan.current_pk(kecamatan, tahun)
    if pk is not None:
        pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    indicators = {}
    if pk is not None:
        for sasaran in selectors.pk_sasaran(pk):
            for ind in sasaran.indikator.all():
                indicators[excel.kode_indikator(ind)] = ind

    retarget = set()
    result.pk = _apply_pk(parsed.sheets["PK"], pk, indicators, errors, retarget)
    result.rencana_aksi = _apply_rencana(user, parsed.sheets["Rencana Aksi"], pk, indicators, errors, retarget)
    result.realisasi = _apply_realisasi(
        user, kecamatan, tahun, parsed.sheets["Realisasi"], indicators, errors, result, konfirmasi_nilai
    )
    result.anggaran = _apply_anggaran(user, kecamatan, tahun, parsed.sheets["Anggaran"], errors, result)
    # The Renstra sheet (targets of a draft Renstra), in the same transaction and all-or-nothing.
    result.renstra, renstra_problems = excel.terapkan_renstra(
        user=user, kecamatan=kecamatan, tahun=tahun, parsed=parsed
    )
    errors.errors.extend(renstra_problems)
    if errors.errors:
        raise WorkbookError(errors.errors)
    return result


def _indicator(row, sheet, indicators, errors) -> Indikator | None:
    kode = cell_text(row.values["Kode"])
    ind = indicators.get(kode)
    if ind is None:
        errors.add(
            sheet,
            row.number,
            "Kode",
            f'kode indikator "{kode[:20]}" tidak ada pada Perjanjian Kinerja. '
            "Indikator baru ditambahkan melalui halaman Perjanjian Kinerja.",
        )
    return ind


def _target_from_cell(ind: Indikator, raw, errors, sheet, row, column):
    """(number, level) of a target cell: a level label for a qualitative indicator, else a number."""
    if ind.kualitatif:
        text = cell_text(raw)
        if not text:
            return None, None
        level = next((lv for lv in ind.skala.levels.all() if lv.label.lower() == text.lower()), None)
        if level is None:
            errors.add(
                sheet, row, column, f"pilih salah satu dari {', '.join(lv.label for lv in ind.skala.levels.all())}."
            )
        return None, level
    return _number(raw, errors, sheet, row, column), None


def _apply_pk(rows, pk, indicators, errors, retarget: set) -> int:
    """Apply PK rows (draft PK only); `retarget` collects indicators whose target or aggregation changed,
    so that their Rencana Aksi is checked again against the new annual target."""
    sheet = "PK"
    if rows and pk is None:
        errors.add(
            sheet, None, None, "Perjanjian Kinerja tahun ini belum dibuat; buat melalui halaman Perjanjian Kinerja."
        )
        return 0
    draft = pk is not None and pk.status == PerjanjianKinerja.Status.DRAFT
    changed, seen = [], set()
    for row in rows:
        ind = _indicator(row, sheet, indicators, errors)
        if ind is None:
            continue
        if ind.pk in seen:
            errors.add(sheet, row.number, "Kode", "kode indikator tercantum dua kali.")
            continue
        seen.add(ind.pk)
        before = len(errors.errors)
        values = {
            "satuan": _long_text(row.values["Satuan"], errors, sheet, row.number, "Satuan", limit=60),
            "definisi_operasional": _long_text(
                row.values["Definisi Operasional"], errors, sheet, row.number, "Definisi Operasional"
            ),
            "sumber_data": _long_text(row.values["Sumber Data"], errors, sheet, row.number, "Sumber Data", limit=300),
        }
        for column, name in (("Polaritas", "polaritas"), ("Rumus Negatif", "rumus_negatif"), ("Agregasi", "agregasi")):
            text = cell_text(row.values[column]).lower()
            if text not in excel.CHOICES[column]:
                errors.add(sheet, row.number, column, f"pilih salah satu: {', '.join(excel.CHOICES[column])}.")
            values[name] = text
        number, level = _target_from_cell(
            ind, row.values["Target Tahunan"], errors, sheet, row.number, "Target Tahunan"
        )
        if not values["satuan"]:
            errors.add(sheet, row.number, "Satuan", "wajib diisi.")
        if number is None and level is None and len(errors.errors) == before:
            errors.add(sheet, row.number, "Target Tahunan", "wajib diisi.")
        values["target_tahunan"], values["target_level"] = number, level
        if len(errors.errors) > before:
            continue
        diff = [name for name, value in values.items() if getattr(ind, name) != value]
        if not diff:
            continue
        if not draft:
            column = {
                "satuan": "Satuan",
                "definisi_operasional": "Definisi Operasional",
                "sumber_data": "Sumber Data",
                "polaritas": "Polaritas",
                "rumus_negatif": "Rumus Negatif",
                "agregasi": "Agregasi",
            }.get(diff[0], "Target Tahunan")
            errors.add(
                sheet,
                row.number,
                column,
                "Perjanjian Kinerja sudah ditetapkan; perubahan hanya melalui PK Perubahan.",
            )
            continue
        for name in diff:
            setattr(ind, name, values[name])
        # A target that leaves the linked Renstra's target needs its reason (the one rule of perencanaan).
        if "target_tahunan" in diff and (message := perencanaan.alasan_beda_renstra_kurang(ind)):
            errors.add(sheet, row.number, "Target Tahunan", f"{message} Isi alasannya pada halaman indikator.")
            continue
        changed.append(ind)
        if {"target_tahunan", "target_level", "agregasi"} & set(diff):
            retarget.add(ind.pk)
    if not errors.errors:
        for ind in changed:
            ind.save()
    return len(changed)


def _apply_rencana(user, rows, pk, indicators, errors, retarget: set) -> int:
    """Checked and saved by the page's own service; runs even when other sheets have errors so that the
    person gets every problem at once (the transaction is rolled back anyway)."""
    sheet = "Rencana Aksi"
    if not rows:
        return 0
    if pk is None:
        errors.add(sheet, None, None, "Perjanjian Kinerja tahun ini belum dibuat.")
        return 0
    entries, row_of, seen = [], {}, set()
    for row in rows:
        ind = _indicator(row, sheet, indicators, errors)
        if ind is None:
            continue
        if ind.pk in seen:
            errors.add(sheet, row.number, "Kode", "kode indikator tercantum dua kali.")
            continue
        seen.add(ind.pk)
        targets = tuple(cell_number_text(row.values[f"Target TW {r}"]) for r in excel.ROMAWI)
        actions = tuple(cell_text(row.values[f"Rencana Aksi TW {r}"]) for r in excel.ROMAWI)
        alasan = cell_text(row.values["Alasan"])
        stored = {ra.triwulan: ra for ra in ind.rencana_aksi.all()}
        if ind.pk not in retarget and not _rencana_differs(ind, stored, targets, actions, alasan):
            continue
        if pk.status != PerjanjianKinerja.Status.DRAFT:
            errors.add(
                sheet,
                row.number,
                "Target TW I",
                "Perjanjian Kinerja sudah ditetapkan; perubahan hanya melalui PK Perubahan.",
            )
            continue
        entries.append(perencanaan.RencanaEntri(ind.pk, targets, actions, alasan))
        row_of[ind.pk] = row.number
    if not entries:
        return 0
    try:
        return perencanaan.rencana_aksi_simpan(user=user, pk=pk, entries=entries)
    except KinerjaError as error:
        if not error.errors:
            errors.add(sheet, None, None, error.message)
        for ind_id, fields in error.errors.items():
            for key, message in fields.items():
                kind, _, tw = key.partition("-")
                column = (
                    "Alasan"
                    if kind == "alasan"
                    else (f"{'Target' if kind == 'target' else 'Rencana Aksi'} {periode.tw(int(tw))}")
                )
                errors.add(sheet, row_of[ind_id], column, message)
        return 0


def _rencana_differs(ind, stored, targets, actions, alasan) -> bool:
    for tw in (1, 2, 3, 4):
        ra = stored.get(tw)
        old_target = (ra.target_level.label if ra.target_level_id else ra.target) if ra else None
        try:
            new_target = targets[tw - 1] if ind.kualitatif else parse_angka(targets[tw - 1])
        except AngkaError:
            return True
        if ind.kualitatif:
            if (old_target or "").lower() != (new_target or "").lower():
                return True
        elif old_target != new_target:
            return True
        if (ra.rencana_kegiatan if ra else "") != actions[tw - 1]:
            return True
    return alasan != ind.alasan_target_triwulan and bool(alasan or ind.alasan_target_triwulan)


def _triwulan_of(raw) -> int | None:
    text = cell_text(raw).upper().removeprefix("TW").strip()
    if periode.dari_romawi(text) is not None:
        return periode.dari_romawi(text)
    return int(text) if text in {"1", "2", "3", "4"} else None


def _apply_realisasi(user, kecamatan, tahun, rows, indicators, errors, result, konfirmasi_nilai=False) -> int:
    sheet = "Realisasi"
    by_quarter: dict[int, list] = defaultdict(list)
    seen = set()
    for row in rows:
        ind = _indicator(row, sheet, indicators, errors)
        tw = _triwulan_of(row.values["Triwulan"])
        if tw is None:
            errors.add(sheet, row.number, "Triwulan", "isi 1, 2, 3 atau 4.")
        if ind is None or tw is None:
            continue
        if (ind.pk, tw) in seen:
            errors.add(sheet, row.number, "Kode", f"indikator ini tercantum dua kali untuk triwulan {tw}.")
            continue
        seen.add((ind.pk, tw))
        by_quarter[tw].append((row, ind))
    changed = 0
    for tw, items in sorted(by_quarter.items()):
        quarter = triwulan_get_or_create(kecamatan=kecamatan, tahun=tahun, triwulan=tw)
        stored = {
            r.indikator_id: r for r in selectors.quarter_realisasi(user, quarter, [ind.pk for _row, ind in items])
        }
        entries, row_of = [], {}
        for row, ind in items:
            current = stored.get(ind.pk)
            texts = {
                "nilai": cell_text(row.values["Realisasi"])
                if ind.kualitatif
                else cell_number_text(row.values["Realisasi"]),
                "catatan": cell_text(row.values["Catatan"]),
                "hambatan": cell_text(row.values["Hambatan"]),
                "upaya": cell_text(row.values["Upaya"]),
            }
            if not _realisasi_differs(ind, current, texts):
                continue
            if quarter.status != Triwulan.Status.DRAFT:
                result.catatan.append(
                    Masalah(
                        sheet,
                        row.number,
                        column_of(sheet, "Realisasi"),
                        f"dilewati: {quarter.get_triwulan_display()} berstatus {quarter.get_status_display()}; "
                        "nilai tidak diubah.",
                    )
                )
                continue
            try:
                versi = int(cell_text(row.values["Versi"]) or 0)
            except ValueError:
                versi = -1
            entries.append(
                realisasi_services.Entri(indikator_id=ind.pk, versi=versi, konfirmasi=konfirmasi_nilai, **texts)
            )
            row_of[ind.pk] = row.number
        if not entries:
            continue
        try:
            changed += realisasi_services.realisasi_simpan(user=user, quarter=quarter, entries=entries)
        except KinerjaError as error:
            if not error.errors:
                errors.add(sheet, min(row_of.values()), None, error.message)
            for ind_id, fields in error.errors.items():
                for name, message in fields.items():
                    if name == "perlu_konfirmasi":
                        continue
                    column = {"nilai": "Realisasi", "catatan": "Catatan", "hambatan": "Hambatan", "upaya": "Upaya"}
                    errors.add(sheet, row_of[ind_id], column.get(name, "Realisasi"), message)
    return changed


def _realisasi_differs(ind, current, texts) -> bool:
    old_text = {
        "catatan": current.catatan if current else "",
        "hambatan": current.hambatan if current else "",
        "upaya": current.upaya if current else "",
    }
    if any(old_text[name] != texts[name] for name in old_text):
        return True
    if ind.kualitatif:
        old = current.nilai_level.label if current and current.nilai_level_id else ""
        return old.upper() != texts["nilai"].upper()
    try:
        return parse_angka(texts["nilai"]) != (current.nilai if current else None)
    except AngkaError:
        return True


def _apply_anggaran(user, kecamatan, tahun, rows, errors, result) -> int:
    sheet = "Anggaran"
    if not rows:
        return 0
    if not permissions.user_can(user, "kinerja.edit_anggaran", kecamatan):
        errors.add(sheet, None, None, "Anda tidak berwenang mengubah anggaran.")
        return 0
    programs = {p.kode: p for p in Program.objects.filter(kecamatan=kecamatan, tahun=tahun)}
    kegiatan = {
        (k.program.kode, k.kode): k
        for k in Kegiatan.objects.filter(program__in=programs.values()).select_related("program")
    }
    subs = {
        (s.kegiatan.program.kode, s.kegiatan.kode, s.kode): s
        for s in SubKegiatan.objects.filter(kegiatan__in=kegiatan.values())
        .select_related("kegiatan__program")
        .prefetch_related("anggaran")
    }
    plans, realised, seen = [], defaultdict(list), set()
    aturan = nomenklatur.berlaku(tahun, kecamatan.pk)
    for row in rows:
        before = len(errors.errors)
        codes = []
        for column in ("Kode Program", "Kode Kegiatan", "Kode Sub Kegiatan"):
            code = cell_text(row.values[column])
            if not code:
                errors.add(sheet, row.number, column, "wajib diisi.")
            elif len(code) > 40:
                errors.add(sheet, row.number, column, "paling banyak 40 karakter.")
            codes.append(code)
        names = {
            column: _long_text(row.values[column], errors, sheet, row.number, column, limit=300)
            for column in ("Program", "Kegiatan", "Sub Kegiatan")
        }
        pagu = _number(row.values["Pagu"], errors, sheet, row.number, "Pagu", money=True)
        if pagu is None and len(errors.errors) == before:
            errors.add(sheet, row.number, "Pagu", "wajib diisi.")
        rencana = [
            _number(row.values[f"Rencana TW {r}"], errors, sheet, row.number, f"Rencana TW {r}", money=True)
            for r in excel.ROMAWI
        ]
        realisasi = [
            _number(row.values[f"Realisasi TW {r}"], errors, sheet, row.number, f"Realisasi TW {r}", money=True)
            for r in excel.ROMAWI
        ]
        if len(errors.errors) > before:
            continue
        key = tuple(codes)
        if key in seen:
            errors.add(sheet, row.number, "Kode Sub Kegiatan", "sub kegiatan tercantum dua kali.")
            continue
        seen.add(key)
        if key not in subs:
            for column in ("Program", "Kegiatan", "Sub Kegiatan"):
                if not names[column] and not _known(column, key, programs, kegiatan):
                    errors.add(sheet, row.number, column, "nama wajib diisi untuk data baru.")
            # New codes follow the national nomenclature of the year (kinerja/nomenklatur.py); stored ones stay.
            levels = (("program", None, key[0] in programs), ("kegiatan", key[0], key[:2] in kegiatan))
            for (tingkat, parent, known), code in zip((*levels, ("sub_kegiatan", key[1], False)), key, strict=True):
                if not known and (message := aturan.periksa(code, tingkat, tahun, induk_kode=parent)):
                    errors.add(sheet, row.number, f"Kode {nomenklatur.NAMA_TINGKAT[tingkat].title()}", message)
        if message := anggaran_services.rencana_melebihi_pagu(pagu, rencana):
            errors.add(sheet, row.number, "Rencana TW IV", message)
            continue
        plans.append((row, key, names, pagu, rencana))
        for tw, value in enumerate(realisasi, start=1):
            realised[tw].append((row, key, value))
    if errors.errors:
        return 0
    changed = 0
    for _row, key, names, pagu, rencana in plans:
        program = programs.get(key[0])
        if program is None:
            program = programs[key[0]] = Program.objects.create(
                kecamatan=kecamatan, tahun=tahun, kode=key[0], nama=names["Program"]
            )
        keg = kegiatan.get(key[:2])
        if keg is None:
            keg = kegiatan[key[:2]] = Kegiatan.objects.create(program=program, kode=key[1], nama=names["Kegiatan"])
        sub = subs.get(key)
        if sub is None:
            sub = subs[key] = SubKegiatan.objects.create(
                kegiatan=keg, kode=key[2], nama=names["Sub Kegiatan"], pagu=pagu
            )
            changed += 1
        elif sub.pagu != pagu or (names["Sub Kegiatan"] and sub.nama != names["Sub Kegiatan"]):
            sub.pagu, sub.nama = pagu, names["Sub Kegiatan"] or sub.nama
            sub.save()
            changed += 1
        existing = {a.triwulan: a for a in sub.anggaran.all()} if sub.pk else {}
        for tw, value in enumerate(rencana, start=1):
            row_obj = existing.get(tw)
            if (row_obj.rencana if row_obj else None) != value:
                row_obj = row_obj or AnggaranTriwulan(sub_kegiatan=sub, triwulan=tw)
                row_obj.rencana = value
                row_obj.save(update_fields=["rencana"] if row_obj.pk else None)
                changed += 1
    for tw, items in sorted(realised.items()):
        quarter = triwulan_get_or_create(kecamatan=kecamatan, tahun=tahun, triwulan=tw)
        column = f"Realisasi {periode.tw(tw)}"
        entries, row_of = [], {}
        for row, key, value in items:
            sub = subs[key]
            stored = next((a.realisasi for a in sub.anggaran.all() if a.triwulan == tw), None)
            if stored == value:
                continue
            if quarter.status != Triwulan.Status.DRAFT:
                result.catatan.append(
                    Masalah(
                        sheet,
                        row.number,
                        column_of(sheet, column),
                        f"dilewati: {quarter.get_triwulan_display()} berstatus {quarter.get_status_display()}; "
                        "nilai tidak diubah.",
                    )
                )
                continue
            entries.append(anggaran_services.RealisasiAnggaran(sub.pk, "" if value is None else format_angka(value)))
            row_of[sub.pk] = row.number
        if not entries:
            continue
        try:
            changed += anggaran_services.realisasi_anggaran_simpan(user=user, quarter=quarter, entries=entries)
        except KinerjaError as error:
            if not error.errors:
                errors.add(sheet, min(row_of.values()), column, error.message)
            for sub_id, message in error.errors.items():
                errors.add(sheet, row_of[sub_id], column, message)
    return changed


def _known(column, key, programs, kegiatan) -> bool:
    if column == "Program":
        return key[0] in programs
    if column == "Kegiatan":
        return key[:2] in kegiatan
    return False
