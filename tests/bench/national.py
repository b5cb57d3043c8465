"""Generator of national-scale data on PostgreSQL, for the load benchmark (tests/bench/bench_load.py).

≈ 7,000 kecamatan in ≈ 500 kabupaten (14 each), seven kecamatan roles with one person each plus an
administrator and an evaluator per kabupaten, 40 indicators per kecamatan and year over three years
(PK > 8 sasaran > 5 indicators, Rencana Aksi, realisations, quarter statuses), a budget of three
sub-activities per kecamatan and year, and one run of the quarterly SOP per kecamatan and quarter
with its tasks (finished ones, and the current quarter's active step).

Rows are written with PostgreSQL COPY and explicit ids (sequences are reset afterwards), so the
whole country takes minutes, not hours; simple_history rows are not written (a benchmark needs
none). Usage:

    .venv/bin/python -m tests.bench.national [--kecamatan N] [--fresh]

The database is `sakip_bench` on 127.0.0.1:5432 (BENCH_DATABASE_URL to change). An existing
database generated at the same scale is reused unless --fresh is given.
"""

import argparse
import datetime
import io
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sakip_bench")
PASSWORD = "Bench#2026"
PER_KABUPATEN = 14
INDICATORS = 40  # 8 sasaran × 5
ROLES = ["CAMAT", "SEKRETARIS", "KASUBBAG_PERENCANAAN", "KASUBBAG_UMUM", "KASI", "KABID", "PELAKSANA"]


def ensure_database(fresh: bool) -> None:
    import psycopg2
    from psycopg2 import sql

    name = BENCH_URL.rsplit("/", 1)[1]
    admin = psycopg2.connect(BENCH_URL.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        if fresh:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def setup_django() -> None:
    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings_test")
    import django

    django.setup()


class Copier:
    """COPY rows into a model's table in chunks, with explicit ids."""

    def __init__(self, connection):
        self.connection = connection
        self.counts: dict[str, int] = {}

    @staticmethod
    def _value(v) -> str:
        if v is None:
            return "\\N"
        if isinstance(v, bool):
            return "t" if v else "f"
        if isinstance(v, datetime.datetime | datetime.date):
            return v.isoformat()
        text = str(v)
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

    @staticmethod
    def _defaults(model, fields: list[str]) -> list[tuple[str, object]]:
        """NOT NULL columns the caller left out, with the model's default ("" for text): COPY bypasses Django."""
        given = {model._meta.get_field(f).column for f in fields}
        extra = []
        for f in model._meta.concrete_fields:
            if f.column in given or f.null or f.primary_key:
                continue
            if f.has_default():
                default = f.get_default()
                extra.append((f.column, "[]" if default == [] else ("{}" if default == {} else default)))
            elif f.get_internal_type() in (
                "CharField",
                "TextField",
                "SlugField",
                "EmailField",
                "FileField",
                "URLField",
            ):
                extra.append((f.column, ""))
            else:
                raise ValueError(f"{model.__name__}.{f.name} needs a value")
        return extra

    def copy(self, model, fields: list[str], rows, chunk: int = 200_000) -> int:
        table = model._meta.db_table
        extra = self._defaults(model, fields)
        columns = ", ".join([model._meta.get_field(f).column for f in fields] + [c for c, _ in extra])
        tail = "".join("\t" + self._value(v) for _, v in extra)
        buffer, n, total = io.StringIO(), 0, 0
        with self.connection.cursor() as cursor:
            raw = cursor.cursor
            for row in rows:
                buffer.write("\t".join(self._value(v) for v in row))
                buffer.write(tail)
                buffer.write("\n")
                n += 1
                if n == chunk:
                    buffer.seek(0)
                    raw.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
                    total, n, buffer = total + n, 0, io.StringIO()
            if n:
                buffer.seek(0)
                raw.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
                total += n
        self.counts[table] = self.counts.get(table, 0) + total
        return total

    def next_id(self, model) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
            return cursor.fetchone()[0]

    def reset_sequences(self, models) -> None:
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


def already_generated(kecamatan: int) -> bool:
    from sakip.models import Unit

    return Unit.objects.filter(jenis=Unit.Kind.KECAMATAN, kode__startswith="bench-").count() == kecamatan


def generate(kecamatan_count: int) -> dict:
    from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from kinerja.models import (
        AnggaranTriwulan,
        Indikator,
        Kegiatan,
        PerjanjianKinerja,
        Program,
        Realisasi,
        RencanaAksi,
        Sasaran,
        SubKegiatan,
        Triwulan,
    )
    from kinerja.services.triwulan import default_window
    from sakip.models import Pegawai, Position, Unit
    from sop.seeds import load_seed
    from workflow.models import Run, Task

    rng = random.Random(20261125)
    copier = Copier(connection)
    timings: dict[str, float] = {}
    today = timezone.localdate()
    years = [today.year - 2, today.year - 1, today.year]
    current_tw = (today.month - 1) // 3 + 1
    now = timezone.now()

    def timed(label):
        class _T:
            def __enter__(self):
                self.start = time.perf_counter()

            def __exit__(self, *exc):
                timings[label] = time.perf_counter() - self.start

        return _T()

    with transaction.atomic():
        with timed("organisation"):
            # The quarterly SOP every bench run follows: the library template, loaded (as always) as a draft.
            # The app never runs a template (each kecamatan copies it, has its Camat review the lanes and makes
            # the copy effective); the bench writes its runs with COPY, like it skips history, and binds them
            # all to the one template to keep the data small. The pages it measures read runs, not SOP status.
            revision, _ = load_seed(ROOT / "fixtures" / "sop" / "templat-pengukuran-kinerja-triwulan.json")
            steps = list(revision.steps.select_related("lane").order_by("no"))
            kabupaten_count = -(-kecamatan_count // PER_KABUPATEN)
            unit_id = copier.next_id(Unit)
            units, kabupaten_ids, kecamatan = [], [], []  # kecamatan: (id, kabupaten id, subbagian id, n)
            for k in range(kabupaten_count):
                kab_id = unit_id
                unit_id += 1
                kabupaten_ids.append(kab_id)
                units.append((kab_id, f"bench-kab-{k}", f"Kabupaten Uji {k}", "KABUPATEN", None, None, None))
            for n in range(kecamatan_count):
                kab_id = kabupaten_ids[n // PER_KABUPATEN]
                kec_id, sub_id = unit_id, unit_id + 1
                unit_id += 2
                units.append((kec_id, f"bench-{n}", f"Uji {n}", "KECAMATAN", kab_id, None, kab_id))
                units.append(
                    (sub_id, f"bench-{n}-perencanaan", "Subbagian Perencanaan", "SUBBAGIAN", kec_id, kec_id, kab_id)
                )
                kecamatan.append((kec_id, kab_id, sub_id, n))
            copier.copy(
                Unit,
                ["id", "kode", "nama", "jenis", "parent", "kecamatan", "kabupaten"],
                ((i, kode, nama, jenis, parent, kec, kab) for i, kode, nama, jenis, parent, kec, kab in units),
            )
            # Positions and people: seven roles per kecamatan, ADMIN and EVALUATOR per kabupaten.
            position_id, person_id = copier.next_id(Position), copier.next_id(Pegawai)
            positions, people, holders = [], [], {}
            for kec_id, kab_id, sub_id, n in kecamatan:
                for role in ROLES:
                    unit = sub_id if role in ("KASUBBAG_PERENCANAAN", "PELAKSANA") else kec_id
                    positions.append((position_id, unit, f"{role.title()} Uji {n}", role, kec_id, kab_id))
                    people.append((person_id, f"{role.lower()}.bench-{n}", f"{role.title()} Uji {n}", position_id))
                    holders[(kec_id, role)] = (position_id, person_id)
                    position_id, person_id = position_id + 1, person_id + 1
            for k, kab_id in enumerate(kabupaten_ids):
                for role in ("ADMIN", "EVALUATOR"):
                    positions.append((position_id, kab_id, f"{role.title()} Kabupaten Uji {k}", role, None, kab_id))
                    people.append((person_id, f"{role.lower()}.bench-kab-{k}", f"{role.title()} Uji {k}", position_id))
                    position_id, person_id = position_id + 1, person_id + 1
            copier.copy(Position, ["id", "unit", "nama", "role", "kecamatan", "kabupaten"], positions)
            # The production hasher (settings_test uses MD5 to keep the test suite fast).
            password = make_password(PASSWORD, hasher=PBKDF2PasswordHasher())
            joined = now
            copier.copy(
                Pegawai,
                ["id", "password", "is_superuser", "username", "email", "is_staff", "is_active", "date_joined"]
                + ["nama", "pangkat_golongan", "telepon", "jabatan"],
                (
                    (pid, password, False, username, "", False, True, joined, nama, "", "", pos)
                    for pid, username, nama, pos in people
                ),
            )

        with timed("perjanjian kinerja, indikator, rencana aksi"):
            pk_id, sasaran_id, ind_id = (
                copier.next_id(PerjanjianKinerja),
                copier.next_id(Sasaran),
                copier.next_id(Indikator),
            )
            pks, sasarans, indicators = [], [], []  # indicators: (id, kec, year, polaritas, agregasi, target)
            for kec_id, _kab, _sub, _n in kecamatan:
                camat = holders[(kec_id, "CAMAT")][1]
                for year in years:
                    pks.append(
                        (
                            pk_id,
                            kec_id,
                            year,
                            0,
                            "ditandatangani",
                            camat,
                            "",
                            "",
                            "BUPATI UJI",
                            datetime.date(year, 1, 15),
                            "",
                        )
                    )
                    for s in range(1, 9):
                        sasarans.append((sasaran_id, pk_id, kec_id, s, f"Sasaran strategis {s}"))
                        for i in range(1, 6):
                            negative = s == 8 and i == 5
                            agregasi = ("kumulatif", "akhir", "rata")[(s + i) % 3]
                            indicators.append((ind_id, sasaran_id, kec_id, year, i, negative, agregasi))
                            ind_id += 1
                        sasaran_id += 1
                    pk_id += 1
            copier.copy(
                PerjanjianKinerja,
                ["id", "kecamatan", "tahun", "revisi", "status", "pihak_pertama", "pihak_pertama_sebutan"]
                + ["pihak_kedua_nama", "pihak_kedua_jabatan", "tanggal", "alasan_perubahan"],
                pks,
            )
            copier.copy(Sasaran, ["id", "perjanjian", "kecamatan", "urutan", "uraian"], sasarans)
            copier.copy(
                Indikator,
                ["id", "sasaran", "kecamatan", "tahun", "urutan", "uraian", "satuan", "target_tahunan", "polaritas"]
                + ["rumus_negatif", "agregasi", "definisi_operasional", "sumber_data", "penanggung_jawab", "iku"]
                + ["alasan_target_triwulan"],
                (
                    (
                        i,
                        s,
                        kec,
                        year,
                        urutan,
                        "Jumlah pengaduan masyarakat" if negative else f"Persentase layanan tepat waktu {urutan}",
                        "kasus" if negative else "%",
                        20 if negative else 100,
                        "negatif" if negative else "positif",
                        "selisih",
                        agregasi,
                        "Definisi operasional indikator",
                        "Laporan seksi",
                        holders[(kec, "PELAKSANA")][0],
                        True,
                        "",
                    )
                    for i, s, kec, year, urutan, negative, agregasi in indicators
                ),
            )

            def quarter_target(negative, agregasi):
                if agregasi == "kumulatif":
                    return 5 if negative else 25
                return 20 if negative else 100

            copier.copy(
                RencanaAksi,
                ["indikator", "kecamatan", "triwulan", "target", "rencana_kegiatan"],
                (
                    (i, kec, tw, quarter_target(negative, agregasi), f"Rencana aksi triwulan {tw}")
                    for i, _s, kec, _y, _u, negative, agregasi in indicators
                    for tw in (1, 2, 3, 4)
                ),
            )

        with timed("triwulan dan realisasi"):
            quarters = []
            for kec_id, *_ in kecamatan:
                for year in years:
                    for tw in (1, 2, 3, 4):
                        if year == today.year and tw > current_tw:
                            continue
                        open_now = year == today.year and tw == current_tw
                        start, end = default_window(year, tw)
                        quarters.append((kec_id, year, tw, "draft" if open_now else "disetujui", start, end, ""))
            copier.copy(
                Triwulan,
                ["kecamatan", "tahun", "triwulan", "status", "batas_mulai", "batas_akhir", "catatan_pengembalian"],
                quarters,
            )

            def realised(i, tw, negative, agregasi, kec_id, year):
                if year == today.year and tw > current_tw:
                    return None
                if year == today.year and tw == current_tw and rng.random() < 0.5:
                    return None  # half of the open quarter is still being entered
                target = quarter_target(negative, agregasi)
                return Decimal(round(target * rng.uniform(0.6, 1.15), 2))

            copier.copy(
                Realisasi,
                ["indikator", "kecamatan", "tahun", "triwulan", "nilai", "catatan", "hambatan", "upaya"]
                + ["diisi_oleh", "diisi_pada", "terlambat", "versi"],
                (
                    (i, kec, year, tw, value, "", "", "", holders[(kec, "PELAKSANA")][1], now, False, 1)
                    for i, _s, kec, year, _u, negative, agregasi in indicators
                    for tw in (1, 2, 3, 4)
                    if (value := realised(i, tw, negative, agregasi, kec, year)) is not None
                ),
            )

        with timed("anggaran"):
            program_id, kegiatan_id, sub_id = (
                copier.next_id(Program),
                copier.next_id(Kegiatan),
                copier.next_id(SubKegiatan),
            )
            programs, kegiatans, subs = [], [], []
            for kec_id, *_ in kecamatan:
                for year in years:
                    programs.append((program_id, kec_id, year, "7.01.01", "Program Penunjang Urusan Pemerintahan"))
                    kegiatans.append((kegiatan_id, program_id, kec_id, "7.01.01.2.01", "Perencanaan dan Keuangan"))
                    for s in range(1, 4):
                        subs.append((sub_id, kegiatan_id, kec_id, year, f"7.01.01.2.01.{s:02d}", f"Sub kegiatan {s}"))
                        sub_id += 1
                    program_id, kegiatan_id = program_id + 1, kegiatan_id + 1
            copier.copy(Program, ["id", "kecamatan", "tahun", "kode", "nama"], programs)
            copier.copy(Kegiatan, ["id", "program", "kecamatan", "kode", "nama"], kegiatans)
            copier.copy(
                SubKegiatan,
                ["id", "kegiatan", "kecamatan", "kode", "nama", "pagu"],
                ((i, keg, kec, kode, nama, 100_000_000) for i, keg, kec, _y, kode, nama in subs),
            )
            copier.copy(
                AnggaranTriwulan,
                ["sub_kegiatan", "kecamatan", "triwulan", "rencana", "realisasi"],
                (
                    (i, kec, tw, 25_000_000, None if year == today.year and tw >= current_tw else 22_500_000)
                    for i, _keg, kec, year, _k, _n in subs
                    for tw in (1, 2, 3, 4)
                ),
            )

        with timed("pelaksanaan SOP dan tugas"):
            run_id = copier.next_id(Run)
            runs, tasks = [], []
            for kec_id, *_ in kecamatan:
                camat = holders[(kec_id, "CAMAT")][1]
                for year in years:
                    for tw in (1, 2, 3, 4):
                        if year == today.year and tw > current_tw:
                            continue
                        current = year == today.year and tw == current_tw
                        started = datetime.datetime.combine(
                            default_window(year, tw)[1] - datetime.timedelta(days=12),
                            datetime.time(8, 0),
                            tzinfo=datetime.UTC,
                        )
                        runs.append(
                            (run_id, revision.sop_id, revision.pk, kec_id, year, tw)
                            + ("berjalan" if current else "selesai", camat, started, None if current else started, "")
                        )
                        done = 3 if current else len(steps)
                        for k, step in enumerate(steps[: done + (1 if current else 0)]):
                            position, person = holders[(kec_id, step.lane.role)]
                            at = started + datetime.timedelta(hours=2 * k)
                            finished = k < done
                            tasks.append(
                                (run_id, step.pk, kec_id, 1, "selesai" if finished else "aktif", step.lane.role)
                                + (position, person, at, at, at, at + datetime.timedelta(hours=1) if finished else None)
                                + (at + datetime.timedelta(hours=4), "", "", "", "[]", person if finished else None)
                                + ("", 55 if finished else None)
                            )
                        run_id += 1
            copier.copy(
                Run,
                ["id", "sop", "revision", "kecamatan", "tahun", "triwulan", "status", "dimulai_oleh", "dimulai_pada"]
                + ["selesai_pada", "alasan_batal"],
                runs,
            )
            copier.copy(
                Task,
                ["run", "step", "kecamatan", "putaran", "status", "role", "position", "assignee", "created_at"]
                + ["activated_at", "taken_at", "finished_at", "due_at", "keputusan", "catatan", "alasan"]
                + ["kelengkapan_cek", "selesai_oleh", "sebutan", "menit_kerja"],
                tasks,
            )
        with timed("sequences"):
            copier.reset_sequences(
                [Unit, Position, Pegawai, PerjanjianKinerja, Sasaran, Indikator, RencanaAksi, Triwulan, Realisasi]
                + [Program, Kegiatan, SubKegiatan, AnggaranTriwulan, Run, Task]
            )
    with timed("analyze"), connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"timings": timings, "rows": copier.counts, "kabupaten": kabupaten_count}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kecamatan", type=int, default=int(os.environ.get("BENCH_KECAMATAN", "7000")))
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args(argv)
    ensure_database(args.fresh)
    setup_django()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - started
    if already_generated(args.kecamatan):
        print(f"sakip_bench: {args.kecamatan} kecamatan already generated; reusing (--fresh to regenerate)")
        return {"reused": True}
    if not already_generated(0):
        raise SystemExit("sakip_bench holds data of another scale: run with --fresh")
    result = generate(args.kecamatan)
    total = time.perf_counter() - started
    print(
        f"generated {args.kecamatan} kecamatan in {result['kabupaten']} kabupaten in {total:.1f} s (migrate {migrate_s:.1f} s)"
    )
    for label, seconds in result["timings"].items():
        print(f"  {label:45s} {seconds:8.1f} s")
    for table, count in sorted(result["rows"].items()):
        print(f"  {table:45s} {count:>12,d} rows".replace(",", "."))
    return result


if __name__ == "__main__":
    main()
