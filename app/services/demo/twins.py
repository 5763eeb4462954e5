"""Planted duplicates with known truth, for measuring the duplicate finder.

With `duplicates=RATE`, about RATE of the generated customers get a twin: the same
person typed again by another clerk, the way real files hold them (the name in
traditional characters or with a space, a mobile with one digit mistyped or two
swapped, the ID number's x in the other case, fields left out), with no history of
its own. Half as many get a family member on the same landline (a different person:
the finder must not propose them). The truth is in `custom_fields`:
{"演示重复": CODE} on a twin, {"演示家人": CODE} on a family member."""

from __future__ import annotations

from functools import cache

from app.services.customers.codes import format_code
from app.services.demo.rng import uuid4_from

TWIN_KEY = "演示重复"
FAMILY_KEY = "演示家人"


@cache
def _s2t():
    import opencc  # only when twins are planted

    return opencc.OpenCC("s2t")


class TwinsMixin:
    """Mixed into the demo generator (uses its rng, ids, codes and `used` numbers)."""

    def plant(self, row: dict, rate: float, out) -> None:
        rng = self.rng
        if rng.random() < rate:
            out.customers.append(self._twin(row))
        if row["phone2"] and row["kind"] == "individual" and rng.random() < rate / 2:
            out.customers.append(self._family(row))

    def _new_row(self, row: dict) -> dict:
        twin = dict(row)
        twin["id"], self.next_customer_id = self.next_customer_id, self.next_customer_id + 1
        twin["code"], self.next_number = format_code(self.next_number), self.next_number + 1
        twin["uid"] = uuid4_from(self.rng)
        twin["custom_fields"] = {}
        twin["notes"] = None
        return twin

    def _twin(self, row: dict) -> dict:
        rng = self.rng
        twin = self._new_row(row)
        twin["custom_fields"] = {TWIN_KEY: row["code"]}
        name = row["name"]
        r = rng.random()
        if r < 0.4:
            name = _s2t().convert(name)
        elif r < 0.55 and len(name) >= 3 and row["kind"] == "individual":
            name = name[0] + " " + name[1:]
        twin["name"] = name
        twin["name_pinyin"], twin["name_initials"] = self.keys(name)
        keys = []  # what still ties the twin to its original
        r = rng.random()
        if r < 0.3:
            twin["phone"] = self._mistyped(row["phone"])
            keys.append("one_off")
        elif r < 0.75:
            keys.append("mobile")
        else:
            twin["phone"] = None
        twin["phone2"] = row["phone2"] if rng.random() < 0.3 else None
        if row["id_number"]:
            r = rng.random()
            if r < 0.35:
                twin["id_number"] = None
            else:
                twin["id_number"] = row["id_number"].lower() if r < 0.6 else row["id_number"]
                keys.append("id")
        if row["birthday"] and rng.random() < 0.6:
            keys.append("birthday")
        else:
            twin["birthday"] = None
        if row["email"] and rng.random() < 0.5:
            twin["email"] = row["email"].upper()
            keys.append("email")
        else:
            twin["email"] = None
        if not keys:  # nothing left that a clerk could tell them by: keep the mobile
            twin["phone"] = row["phone"]
        for name in ("address", "wechat"):
            if rng.random() < 0.5:
                twin[name] = None
        return twin

    def _mistyped(self, phone: str) -> str:
        rng = self.rng
        while True:
            digits = list(phone)
            at = rng.randint(3, len(digits) - 2)
            if rng.random() < 0.5 and digits[at] != digits[at + 1]:
                digits[at], digits[at + 1] = digits[at + 1], digits[at]
            else:
                digits[at] = str((int(digits[at]) + rng.randint(1, 9)) % 10)
            typed = "".join(digits)
            if typed not in self.used:
                self.used.add(typed)
                return typed

    def _family(self, row: dict) -> dict:
        rng = self.rng
        member = self._new_row(row)
        member["custom_fields"] = {FAMILY_KEY: row["code"]}
        gender = "female" if row["gender"] == "male" else "male"
        while True:
            name = row["name"][0] + self.person_name(gender, 1960 + rng.randint(0, 40))[1:]
            if name != row["name"]:
                break
        member["name"], member["gender"] = name, gender
        member["name_pinyin"], member["name_initials"] = self.keys(name)
        member["phone"] = self.unique(
            lambda: self.mobile(rng) + f"{rng.randint(0, 10**8 - 1):08d}")
        member["birthday"] = member["id_number"] = member["email"] = member["wechat"] = None
        return member
