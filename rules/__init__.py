"""Validation rules (contract §5): pure checks of an order against master data.

    rules.registry   Rule, DEFAULT_RULES, RULE_IDS, evaluate(order, *, master, thresholds,
                     po_number_taken, rules=None) -> tuple[Finding, ...]
    rules.inputs     RuleInput, Thresholds (from Settings), the po_number_taken seam
    rules.config     RuleSet, load_rule_set(settings): defaults + the site's YAML rules file
    rules.custom     the declarative site rules of a rules file (max, min, in, not_in, ...)
    rules.backtest   `poflow rules backtest` (reads the order store; writes nothing)
    rules.causes     one_per_cause: a comparison made with an unsure value folds into that finding

One module per theme holds the rule functions: presence, master, arithmetic, dates,
duplicates, confidence. No database, no I/O, no Prefect (backtest aside).
"""
