"""The serialisation format of backups: Django's JSON, with every digit of times kept.

JSON escapes any character, so text holding control characters (which XML 1.0
cannot carry at all) round-trips. Django's own encoder truncates datetimes and
times to milliseconds (ECMA-262); a backup keeps the microseconds. Reading uses
Django's JSON deserializer unchanged (`loaddata data.json`).
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = "json-cadangan"


class Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        if isinstance(o, datetime.time) and o.utcoffset() is None:
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = Encoder


Deserializer = django_json.Deserializer
