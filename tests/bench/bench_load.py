"""Load benchmark on national-scale data: gunicorn (2 workers) driven by locust (50 users).

Prints, per page: requests/s, p50/p95/p99 (ms), errors, SQL queries per request, and the ratio of
the page's p95 to the p95 of the framework floor (/healthz, same server, same run). The bar: every
page's p95 ≤ 3 × the floor's p95, no errors, a constant number of queries per page.

    .venv/bin/python tests/bench/bench_load.py [--kecamatan N] [--users 50] [--seconds 60]

Needs PostgreSQL on 127.0.0.1:5432; data come from tests/bench/national.py (generated once, reused).
"""

import argparse
import csv
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench import national  # noqa: E402

PORT = 8765
PAGES = ["Beranda", "Tugas Saya", "Isian realisasi", "Dasbor kecamatan", "Rekap kabupaten"]
FLOOR = "/healthz (lantai)"
KECAMATAN_ROLES = ["PELAKSANA", "KASUBBAG_PERENCANAAN", "CAMAT", "SEKRETARIS", "KASI"]


def accounts(sample: int) -> list[dict]:
    """Real accounts spread over the country: people of sampled kecamatan and their kabupaten's roles."""
    from django.urls import reverse
    from django.utils import timezone

    from sakip.models import Pegawai, Unit

    today = timezone.localdate()
    tw = (today.month - 1) // 3 + 1
    rng = random.Random(7)
    kecamatan = list(Unit.objects.filter(jenis=Unit.Kind.KECAMATAN, kode__startswith="bench-").order_by("pk"))
    chosen = rng.sample(kecamatan, min(sample, len(kecamatan)))
    people = {
        p.username: p
        for p in Pegawai.objects.filter(jabatan__kecamatan__in=chosen).select_related("jabatan")
        | Pegawai.objects.filter(jabatan__kabupaten__in={k.kabupaten_id for k in chosen}, jabatan__kecamatan=None)
    }
    result = []
    for k in chosen:
        n = k.kode.removeprefix("bench-")
        kab = Unit.objects.get(pk=k.kabupaten_id).kode.removeprefix("bench-kab-")
        common = {"beranda": reverse("beranda"), "inbox": reverse("workflow:inbox"), "healthz": reverse("healthz")}
        dashboard = reverse("kinerja:dashboard", args=[k.pk, today.year])
        for role in KECAMATAN_ROLES:
            username = f"{role.lower()}.bench-{n}"
            if username in people:
                urls = dict(common, dashboard=dashboard, entry=reverse("kinerja:entry", args=[k.pk, today.year, tw]))
                result.append({"username": username, "role": role, "urls": urls})
        for role in ("admin", "evaluator"):
            username = f"{role}.bench-kab-{kab}"
            if username in people and not any(a["username"] == username for a in result):
                urls = dict(common, dashboard=dashboard, rekap=reverse("kinerja:rekap"))
                result.append({"username": username, "role": role.upper(), "urls": urls})
    rng.shuffle(result)
    return result


def queries_per_page(sample: list[dict]) -> dict[str, list[int]]:
    """SQL queries of one request of each page, in-process, for a few accounts (constant = same numbers)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sakip.models import Pegawai

    names = {"beranda": "Beranda", "inbox": "Tugas Saya", "entry": "Isian realisasi"}
    names.update({"dashboard": "Dasbor kecamatan", "rekap": "Rekap kabupaten", "healthz": FLOOR})
    counts: dict[str, list[int]] = {name: [] for name in names.values()}
    for account in sample:
        client = Client()
        client.force_login(Pegawai.objects.get(username=account["username"]))
        for key, url in account["urls"].items():
            client.get(url)  # warm per-process caches, as a running server has them
            with CaptureQueriesContext(connection) as ctx:
                status = client.get(url).status_code
            if status == 200:
                counts[names[key]].append(len(ctx))
    return counts


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer on {url}")


def serve(env: dict) -> subprocess.Popen:
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen(
        [str(gunicorn), "sakip.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


def login_all(found: list[dict], base: str) -> list[dict]:
    """Log each account in through the login form (CSRF token and all); keep its session cookie."""
    import http.cookiejar
    import re
    import urllib.parse
    from concurrent.futures import ThreadPoolExecutor

    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    def login(account):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(base + "/masuk/").read().decode()
        form = {"username": account["username"], "password": national.PASSWORD}
        form["csrfmiddlewaretoken"] = token.search(page).group(1)
        request = urllib.request.Request(
            base + "/masuk/", data=urllib.parse.urlencode(form).encode(), headers={"Referer": base + "/masuk/"}
        )
        opener.open(request).read()
        session = next((c.value for c in jar if c.name == "sessionid"), None)
        if session is None:
            raise SystemExit(f"login of {account['username']} failed")
        return dict(account, sessionid=session)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(login, found))


def idle_latency(logged_in: list[dict], base: str, repeat: int = 15) -> dict[str, float]:
    """Median time of one request of each page on the idle server (no queueing): what a page costs."""
    import statistics

    names = {"beranda": "Beranda", "inbox": "Tugas Saya", "entry": "Isian realisasi"}
    names.update({"dashboard": "Dasbor kecamatan", "rekap": "Rekap kabupaten", "healthz": FLOOR})
    samples: dict[str, list[float]] = {}
    for key, name in names.items():
        account = next((a for a in logged_in if key in a["urls"]), None)
        if account is None:
            continue
        request = urllib.request.Request(
            base + account["urls"][key], headers={"Cookie": f"sessionid={account['sessionid']}"}
        )
        for _ in range(repeat):
            started = time.perf_counter()
            with urllib.request.urlopen(request) as response:
                response.read()
            samples.setdefault(name, []).append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values[2:]) for name, values in samples.items()}  # first two warm up


def run_locust(accounts_file: str, users: int, seconds: int, prefix: str) -> None:
    locust = Path(sys.executable).with_name("locust")
    env = dict(os.environ, BENCH_ACCOUNTS=accounts_file)
    result = subprocess.run(
        [str(locust), "-f", str(ROOT / "tests" / "bench" / "locustfile.py"), "--headless", "--users", str(users)]
        + ["--spawn-rate", "10", "--run-time", f"{seconds}s", "--host", f"http://127.0.0.1:{PORT}"]
        + ["--csv", prefix, "--only-summary", "--loglevel", "WARNING"],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode not in (0, 1):  # 1: some requests failed (reported in the table)
        print(result.stdout[-3000:], result.stderr[-3000:])


def read_stats(prefix: str) -> dict[str, dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def report(stats: dict, queries: dict, idle: dict) -> bool:
    floor = stats.get(FLOOR)
    floor_p95 = float(floor["95%"]) if floor else None
    print("under load (ms):")
    print(
        f"{'page':22s} {'req/s':>7s} {'p50':>6s} {'p95':>6s} {'p99':>6s} {'errors':>7s} {'queries':>9s} "
        f"{'p95/floor':>10s} {'idle p50':>9s} {'idle×floor':>10s}"
    )
    idle_floor = idle.get(FLOOR)
    ok = True
    for name in [*PAGES, FLOOR]:
        row = stats.get(name)
        if row is None:
            continue
        p95 = float(row["95%"])
        ratio = p95 / floor_p95 if floor_p95 else float("nan")
        q = sorted(set(queries.get(name, [])))
        q_text = (f"{q[0]}–{q[-1]}" if len(q) > 1 else str(q[0])) if q else "-"
        errors = int(row["Failure Count"])
        print(
            f"{name:22s} {float(row['Requests/s']):7.1f} {float(row['50%']):6.0f} {p95:6.0f} {float(row['99%']):6.0f} "
            f"{errors:7d} {q_text:>9s} {ratio:10.2f} {idle.get(name, float('nan')):9.1f} "
            f"{idle.get(name, float('nan')) / idle_floor if idle_floor else float('nan'):10.1f}"
        )
        if name != FLOOR and (ratio > 3 or errors):
            ok = False
    login = stats.get("(masuk)")
    if login:
        print(f"(login, not a page: {login['Request Count']} requests, p50 {float(login['50%']):.0f} ms)")
    total = stats.get("Aggregated")
    if total:
        print(f"all requests: {total['Request Count']} in the run, {float(total['Requests/s']):.1f} req/s")
    print("queries: per request, over the sampled accounts (they differ by role, not by the amount of data)")
    print("idle p50: one request at a time on the same server before the load (what the page itself costs)")
    print("idle×floor: the page's idle p50 as a multiple of the floor's (issue 30's bar: 15×)")
    print("bar (p95 ≤ 3 × floor, no errors):", "met" if ok else "NOT met")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description="Load benchmark on national-scale data")
    parser.add_argument("--kecamatan", type=int, default=int(os.environ.get("BENCH_KECAMATAN", "7000")))
    parser.add_argument("--users", type=int, default=int(os.environ.get("BENCH_USERS", "50")))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "60")))
    args = parser.parse_args()
    national.main(["--kecamatan", str(args.kecamatan)])
    found = accounts(sample=14)
    print(f"{len(found)} accounts in 14 kecamatan across the country; {args.users} users for {args.seconds} s")
    queries = queries_per_page(found[:6])
    workdir = tempfile.mkdtemp(prefix="bench-load-")
    accounts_file = os.path.join(workdir, "accounts.json")
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="sakip.settings",
        DEBUG="0",
        SECRET_KEY="bench-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=national.BENCH_URL,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="ERROR",
    )
    server = serve(env)
    try:
        wait_for(f"http://127.0.0.1:{PORT}/healthz")
        started = time.perf_counter()
        logged_in = login_all(found[: args.users], f"http://127.0.0.1:{PORT}")
        print(f"{len(logged_in)} logins through the login form in {time.perf_counter() - started:.1f} s")
        Path(accounts_file).write_text(json.dumps(logged_in), encoding="utf-8")
        idle = idle_latency(logged_in, f"http://127.0.0.1:{PORT}")
        prefix = os.path.join(workdir, "locust")
        run_locust(accounts_file, args.users, args.seconds, prefix)
        report(read_stats(prefix), queries, idle)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return 0  # figures for people, not a gate: `ok` is printed above


if __name__ == "__main__":
    sys.exit(main())
