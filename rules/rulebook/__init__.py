"""The rules: one module per rule; `rules.rulebook.order.RULES` is their run order."""
