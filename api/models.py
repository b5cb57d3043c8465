"""Tokens of the read-only API and the record of every call made with one.

A token belongs to one kabupaten and reads only its kecamatan; it is issued and revoked by that kabupaten's
administrator (api/services.py). Only the SHA-256 of the token is stored: the value itself is shown once,
when it is made, and cannot be read back.
"""

import hashlib

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sakip.models import Unit


def hash_token(value: str) -> str:
    """The stored form of a token (hex SHA-256 of its UTF-8 bytes)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


class TokenApi(models.Model):
    kabupaten = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    nama = models.CharField("nama token", max_length=100, help_text="Misalnya: e-Monev Bappeda, Inspektorat.")
    # The first characters of the value ("sakip_AbC123…"), enough to recognise a token in a configuration.
    awalan = models.CharField("awalan", max_length=16)
    hash = models.CharField("SHA-256", max_length=64, unique=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    dicabut_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dicabut_pada = models.DateTimeField("dicabut pada", null=True, blank=True)
    # Written by a queryset update on each call (no history row per call).
    terakhir_dipakai = models.DateTimeField("terakhir dipakai", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["terakhir_dipakai"])

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-dibuat_pada", "-pk"]

    def __str__(self):
        return f"{self.nama} ({self.awalan}…)"

    @property
    def aktif(self) -> bool:
        return self.dicabut_pada is None


class PanggilanApi(models.Model):
    """One call made with a token (a known token: a request without one names nobody to record).

    Written once and never changed, so it keeps no history of its own."""

    token = models.ForeignKey(TokenApi, on_delete=models.PROTECT, related_name="panggilan")
    pada = models.DateTimeField("waktu", db_index=True)
    metode = models.CharField("metode", max_length=8)
    path = models.CharField("alamat", max_length=500)
    status = models.PositiveSmallIntegerField("status")
    alamat_ip = models.GenericIPAddressField("alamat IP", null=True, blank=True)

    class Meta:
        verbose_name = "panggilan API"
        verbose_name_plural = "panggilan API"
        ordering = ["-pada", "-pk"]
        indexes = [models.Index(fields=["token", "-pada"], name="api_panggilan_token_pada")]

    def __str__(self):
        return f"{self.metode} {self.path} {self.status}"
