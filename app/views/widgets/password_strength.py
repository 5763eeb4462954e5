"""A rough password-strength hint for the create/change password dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def strength(password: str) -> int:
    """0 = too short, 1 = weak, 2 = fair, 3 = strong."""
    if len(password) < 8:
        return 0
    classes = sum([
        any(c.islower() for c in password), any(c.isupper() for c in password),
        any(c.isdigit() for c in password), any(not c.isalnum() for c in password),
        any(ord(c) > 0x2E80 for c in password),  # CJK and emoji add a lot of entropy
    ])
    score = len(password) // 4 + classes
    return 3 if score >= 6 else 2 if score >= 4 else 1


def strength_text(password: str) -> str:
    """The hint for what is typed so far; nothing before anything is typed (a "Too
    short" over an empty field reads as an error the user has not made)."""
    if not password:
        return ""
    texts = [
        QCoreApplication.translate("PasswordStrength", "Too short: at least 8 characters"),
        QCoreApplication.translate("PasswordStrength",
                                   "Weak: longer, or mix letters, digits and symbols"),
        QCoreApplication.translate("PasswordStrength", "Fair"),
        QCoreApplication.translate("PasswordStrength", "Strong"),
    ]
    return texts[strength(password)]
