"""The deterministic demo generator: a Hangzhou bank branch network with customers and
their histories (generator, history), its RNG and weights (rng) and word lists (vocab).

Entry point: generator.generate_demo_data."""
