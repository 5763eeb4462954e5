"""Team-mode test helpers: a database set up by `team init`, customers of two
branches, and logins per role (connected over TCP with a password)."""

from __future__ import annotations

from datetime import date

import psycopg
from sqlalchemy.orm import Session

from app.models import Customer, Purchase
from app.services.team import roles
from app.store.server import make_server_engine

PASSWORD = "team-secret 门店 1"


def init_team(url: str):
    engine = make_server_engine(url)
    roles.init(engine)
    return engine


def add_customers(engine) -> dict[str, int]:
    """王芳 (branch A) and 李娜 (branch B), each with one purchase; code → id."""
    with Session(engine) as session:
        people = [Customer(code="A001", name="王芳", branch="A", phone="13800000001"),
                  Customer(code="B001", name="李娜", branch="B", phone="13900000002")]
        session.add_all(people)
        session.flush()
        for c in people:
            session.add(Purchase(customer_id=c.id, purchased_on=date(2026, 11, 1),
                                 amount_fen=1000))
        session.commit()
        return {c.code: c.id for c in people}


def login(pg_server, url: str, user: str, password: str = PASSWORD):
    """A raw psycopg connection AS `user`, over TCP with a password."""
    database = url.split("@/", 1)[1].split("?", 1)[0]
    return psycopg.connect(host="127.0.0.1", port=pg_server.port, dbname=database,
                           user=user, password=password)
