"""Creating and unlocking a customer file, and the demo fill offered at first start."""
