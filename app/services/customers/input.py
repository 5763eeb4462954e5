"""What a person (or an import row) may set on a customer, and its validation
with the same rules everywhere: form, CLI and Excel import."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime

from app.models.enums import CustomerKind, Gender
from app.services.customers import validation
from app.services.daily import record_fields

TEXT_LIMITS = {
    "wechat": 100, "address": 300, "region": 100, "branch": 100, "owner": 100,
    "source": 100, "notes": 10000,
}


@dataclass
class CustomerInput:
    name: str = ""
    kind: str = CustomerKind.INDIVIDUAL
    gender: str | None = None
    birthday: date | None = None
    birthday_lunar: bool = False
    id_number: str | None = None
    phone: str | None = None
    phone2: str | None = None
    email: str | None = None
    wechat: str | None = None
    address: str | None = None
    region: str | None = None
    branch: str | None = None
    owner: str | None = None
    source: str | None = None
    marketing_consent: bool = False
    marketing_consent_at: datetime | None = None
    notes: str | None = None
    custom_fields: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def _clean_text(value, name: str) -> str | None:
    # Notes keep their line breaks; every other text field is one line.
    return record_fields.optional_text(value, name, TEXT_LIMITS.get(name, 200),
                                       one_line=name != "notes")


_KINDS = tuple(k.value for k in CustomerKind)
_GENDERS = tuple(g.value for g in Gender)


def _gender(value, name, today):
    return None if value in (None, "") else validation.validate_choice(value, _GENDERS, name)


# One function per field, looked up once per value (an import validates 100k rows × 20
# fields: a chain of comparisons per value cost ~1 s of it). Any other field is text.
_FIELD_RULES = {
    "name": lambda value, name, today: validation.normalize_name(value, field=name),
    "phone": lambda value, name, today: validation.normalize_phone(value, field=name),
    "phone2": lambda value, name, today: validation.normalize_phone(value, field=name),
    "id_number": lambda value, name, today: validation.normalize_id_number(value, field=name),
    "email": lambda value, name, today: validation.normalize_email(value, field=name),
    "birthday": lambda value, name, today: validation.validate_birthday(value, today=today,
                                                                        field=name),
    "kind": lambda value, name, today: validation.validate_choice(value, _KINDS, name),
    "gender": _gender,
    "birthday_lunar": lambda value, name, today: bool(value),
    "marketing_consent": lambda value, name, today: bool(value),
    "custom_fields": lambda value, name, today: dict(value or {}),
    "tags": lambda value, name, today: sorted({t.strip() for t in value or []
                                               if t and t.strip()}),
    "marketing_consent_at": lambda value, name, today: value,
}


def _text_rule(value, name, today):
    return _clean_text(value, name)


_FIELDS = frozenset(CustomerInput.field_names())


def validate_changes(changes: dict, today: date | None = None) -> dict:
    """Normalise the given fields (a partial update) or raise ValidationError."""
    if not _FIELDS.issuperset(changes):
        raise ValueError(f"unknown customer fields: {sorted(set(changes) - _FIELDS)}")
    rules = _FIELD_RULES
    out: dict = {}
    for name, value in changes.items():
        out[name] = rules.get(name, _text_rule)(value, name, today)
    if out.get("phone") and out.get("phone") == out.get("phone2"):
        out["phone2"] = None
    return out


def validate_input(data: CustomerInput, today: date | None = None) -> dict:
    """A whole new customer: name required; consent date defaults to now."""
    values = validate_changes({n: getattr(data, n) for n in CustomerInput.field_names()}, today)
    if values["marketing_consent"] and not values.get("marketing_consent_at"):
        values["marketing_consent_at"] = datetime.now().replace(microsecond=0)
    return values
