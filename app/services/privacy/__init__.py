"""What PIPL asks of a customer file: consent, copies, erasure, holds, retention."""
