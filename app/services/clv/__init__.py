"""Predicted customer value: BG/NBD (purchases, P(alive)) and Gamma-Gamma (spend).

inputs (purchases → frequency, recency, T in weeks), bgnbd and gamma (the models:
closed-form log-likelihoods in numpy, fitted with scipy), score (CLV over a horizon,
the sentence), store (the clv_run / customer_clv tables), service (fit + score + store,
read back). Entry points: service.refresh, service.fit_as_of, service.latest,
service.predict, service.top.
"""
