"""Business logic, one package per feature; pure Python, no Qt. Every function takes a
Session (or a session factory for long work) and the caller owns the transaction.

customers/  daily/  tiers/  revisits/  imports/  exports/  dashboard/  demo/ — and the
few modules every feature shares: audit (the trail of sensitive actions), vocabulary
(display names of stored codes), planner_hints (query-planner hints), stats (counts)."""
