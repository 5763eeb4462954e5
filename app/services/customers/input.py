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


def validate_changes(changes: dict, today: date | None = None) -> dict:
    """Normalise the given fields (a partial update) or raise ValidationError."""
    unknown = set(changes) - set(CustomerInput.field_names())
    if unknown:
        raise ValueError(f"unknown customer fields: {sorted(unknown)}")
    out: dict = {}
    for name, value in changes.items():
        if name == "name":
            out[name] = validation.normalize_name(value, field="name")
        elif name in ("phone", "phone2"):
            out[name] = validation.normalize_phone(value, field=name)
        elif name == "id_number":
            out[name] = validation.normalize_id_number(value, field=name)
        elif name == "email":
            out[name] = validation.normalize_email(value, field=name)
        elif name == "birthday":
            out[name] = validation.validate_birthday(value, today=today, field=name)
        elif name == "kind":
            out[name] = validation.validate_choice(value, [k.value for k in CustomerKind], name)
        elif name == "gender":
            out[name] = (None if value in (None, "") else
                         validation.validate_choice(value, [g.value for g in Gender], name))
        elif name in ("birthday_lunar", "marketing_consent"):
            out[name] = bool(value)
        elif name == "custom_fields":
            out[name] = dict(value or {})
        elif name == "tags":
            out[name] = sorted({t.strip() for t in value or [] if t and t.strip()})
        elif name == "marketing_consent_at":
            out[name] = value
        else:
            out[name] = _clean_text(value, name)
    if out.get("phone") and out.get("phone") == out.get("phone2"):
        out["phone2"] = None
    return out


def validate_input(data: CustomerInput, today: date | None = None) -> dict:
    """A whole new customer: name required; consent date defaults to now."""
    values = validate_changes({n: getattr(data, n) for n in CustomerInput.field_names()}, today)
    if values["marketing_consent"] and not values.get("marketing_consent_at"):
        values["marketing_consent_at"] = datetime.now().replace(microsecond=0)
    return values
