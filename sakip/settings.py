"""Settings for SAKIP Kecamatan.

Everything that differs between a developer's laptop and an office server comes
from the environment: DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS (and a few
optional ones documented in README.md). The embedded default is a SQLite file.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from xstatic.pkg import bootstrap as xstatic_bootstrap

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: never used with DEBUG off (see the check above).
    SECRET_KEY = "dev-only-insecure-key-sakip-kecamatan-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "sakip.apps.SakipConfig",
    "sop.apps.SopConfig",
    "workflow.apps.WorkflowConfig",
    "kinerja.apps.KinerjaConfig",
    "laporan.apps.LaporanConfig",
    "pengaturan.apps.PengaturanConfig",
    "notifikasi.apps.NotifikasiConfig",
    "layanan.apps.LayananConfig",
    "loket.apps.LoketConfig",
    "renstra.apps.RenstraConfig",
    "evaluasi.apps.EvaluasiConfig",
    "publikasi.apps.PublikasiConfig",
    "kepegawaian.apps.KepegawaianConfig",
    "api.apps.ApiConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.user.is_verified(): the session passed the TOTP step (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # What must happen before any other page, in one place: the TOTP step where the kabupaten requires it,
    # then the change of a temporary password (given by the kabupaten administrator).
    "sakip.account.AccountGateMiddleware",
    # Before any view (and CsrfViewMiddleware.process_view, which parses the body): an oversized request is
    # refused from its Content-Length.
    "sakip.middleware.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A refusal (sakip.errors.Penolakan) no view caught is shown as its message, never a 500.
    "sakip.errors.PenolakanMiddleware",
    # django-axes wants to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sakip.urls"
WSGI_APPLICATION = "sakip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sakip.context_processors.navigation",
                "notifikasi.context_processors.lonceng",
            ],
            "builtins": ["sakip.templatetags.sakip_tags"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default has two writers (the server and the task worker): write-ahead logging lets
    # readers go on while one writes, and a writer waits for the other instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20})

# Background work (laporan/tasks.py: rendering a submitted document) through Django's task API, stored in
# the database (django-tasks-db) and run by `manage.py db_worker` beside the server: no broker to run for
# an office's one server; see README "Pekerja latar".
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "sakip.Pegawai"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Sessions expire after a working day, and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Brute-force throttling: the sixth wrong password for one account from one
# address locks that pair for the cool-off period.
AXES_FAILURE_LIMIT = 6
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a reverse proxy (nginx in front of gunicorn, README) every request comes from the proxy's address.
# TRUSTED_PROXIES names the proxies (IPs or CIDRs, comma-separated; none by default): only when REMOTE_ADDR is
# one of them is the client taken from X-Forwarded-For (its right-most address that is not a trusted proxy).
# One rule, sakip.publik.client_ip, for the lockout above and the public pages' rate limits.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network.") from None
AXES_CLIENT_IP_CALLABLE = "sakip.publik.client_ip"

# The read-only API (api/): calls per token a minute before 429.
API_BATAS_PER_MENIT = int(os.environ.get("API_BATAS_PER_MENIT", "120"))

# Single sign-on through the kabupaten's OpenID Connect provider (sakip/sso.py; README "Masuk dengan SSO
# kabupaten"): off unless SSO_OIDC_ISSUER is set. Code flow with PKCE, RS256 ID tokens checked against the
# provider's JWKS, the person matched by the NIP claim; no account is ever created from a token.
SSO_OIDC_ISSUER = os.environ.get("SSO_OIDC_ISSUER", "")
SSO_NAMA = os.environ.get("SSO_NAMA", "SSO Kabupaten")
SSO_KLAIM_NIP = os.environ.get("SSO_KLAIM_NIP", "nip")
OIDC_RP_CLIENT_ID = os.environ.get("SSO_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("SSO_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("SSO_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("SSO_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("SSO_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("SSO_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = os.environ.get("SSO_OIDC_SCOPES", "openid profile")
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_kembali"
# RP-initiated logout: with the provider's end-session endpoint, logging out ends its session too (the ID token
# kept in our session at sign-in is sent as id_token_hint); without it only the application's session ends.
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("SSO_OIDC_END_SESSION_ENDPOINT", "")
OIDC_STORE_ID_TOKEN = True
OIDC_OP_LOGOUT_URL_METHOD = "sakip.sso.url_keluar"
if SSO_OIDC_ISSUER:
    _missing = [
        name
        for name in ("OIDC_RP_CLIENT_ID", "OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT")
        + ("OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT")
        if not globals()[name]
    ]
    if _missing:
        raise ImproperlyConfigured(f"SSO_OIDC_ISSUER is set but these are not: {', '.join(_missing)} (README).")
    AUTHENTICATION_BACKENDS.append("sakip.sso.NipBackend")

# Two-step sign-in (sakip/dua_langkah.py): TOTP devices and recovery codes of django-otp. Wrong codes are
# throttled by our own rule (DUA_LANGKAH_MAKS_GAGAL tries, then DUA_LANGKAH_JEDA_MENIT minutes), so
# django-otp's exponential backoff is switched off.
OTP_TOTP_ISSUER = "SAKIP Kecamatan"
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
DUA_LANGKAH_MAKS_GAGAL = 5
DUA_LANGKAH_JEDA_MENIT = int(os.environ.get("DUA_LANGKAH_JEDA_MENIT", "15"))

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["sakip.formats"]
# Numbers are formatted explicitly by the `angka` filter (sakip/formatting.py);
# a global thousand separator would also "format" primary keys in URLs.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", xstatic_bootstrap.BASE_DIR),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploaded evidence and attachments live outside the static tree and are only
# ever served through views that check permissions; MEDIA_URL is not routed.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media-not-served/"
# Upload bounds (sakip/uploads.py): one file at most MAX_UPLOAD_MB; one request at most MAX_REQUEST_MB
# (several task attachments at once), refused from its Content-Length before the body is read
# (sakip.middleware.RequestSizeLimitMiddleware); a request from someone not signed in (the public
# verification page) at most one file plus 1 MB.
MAX_UPLOAD_MB = int(os.environ.get("MAX_UPLOAD_MB", "10"))
MAX_REQUEST_MB = int(os.environ.get("MAX_REQUEST_MB", str(3 * MAX_UPLOAD_MB)))
# Form fields other than files (narratives are the longest) held in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Files above this are streamed to a temporary file rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# The shared cache: the verification page's rate limit and the SOP PDFs must be seen by every worker process.
# The database cache by default (its table is created by a migration of sakip); Redis when REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "sakip",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sakip_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SITE_NAME = "SAKIP Kecamatan"
# Public base URL printed into QR codes of signed documents.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sakip@localhost")

# Content-Security-Policy (django-csp): no inline scripts, nothing from outside.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
