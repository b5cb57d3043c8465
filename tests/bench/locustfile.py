"""Locust users for the load benchmark (tests/bench/bench_load.py writes the accounts file).

Every virtual user is one real account, logged in through the real login form beforehand (a role of a kecamatan,
or a kabupaten administrator/evaluator) and then visits, with a think time of 0.5–1.5 s, the pages
that person uses — Beranda, Tugas Saya, the quarter's entry page and the kecamatan dashboard (people
of a kecamatan), the kabupaten rekap (kabupaten roles) — and the framework floor (/healthz), a trivial
Django view served by the same workers in the same run.
"""

import itertools
import json
import os

from locust import HttpUser, between, task

ACCOUNTS = json.loads(open(os.environ["BENCH_ACCOUNTS"], encoding="utf-8").read())
_next = itertools.count()


class Pegawai(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        # Logged in beforehand through the real login form (bench_load.login_all): password hashing
        # is deliberately slow and would otherwise dominate the first seconds of the run.
        self.account = ACCOUNTS[next(_next) % len(ACCOUNTS)]
        self.client.cookies.set("sessionid", self.account["sessionid"])

    def _get(self, key, name):
        url = self.account["urls"].get(key)
        if url:
            with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as response:
                if response.status_code != 200:
                    response.failure(f"{response.status_code} for {self.account['username']}")

    @task
    def beranda(self):
        self._get("beranda", "Beranda")

    @task
    def inbox(self):
        self._get("inbox", "Tugas Saya")

    @task
    def entry(self):
        self._get("entry", "Isian realisasi")

    @task
    def dashboard(self):
        self._get("dashboard", "Dasbor kecamatan")

    @task
    def rekap(self):
        self._get("rekap", "Rekap kabupaten")

    @task
    def floor(self):
        self._get("healthz", "/healthz (lantai)")
