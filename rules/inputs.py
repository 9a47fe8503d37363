"""What every rule sees: the order, a master-data snapshot, thresholds and one injected lookup.

Rules are pure: the only thing they may ask the outside world is whether a PO number is
already taken, and that question comes in as a plain function so tests (and the backtest)
can answer it without a database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from poflow.domain import Customer, ExtractedOrder, MasterData

if TYPE_CHECKING:
    from poflow.settings import Settings

PoNumberTaken = Callable[[str, str], bool]
"""`(customer_id, po_number) -> bool`: is an order with this PO already stored or queued?"""


def never_taken(customer_id: str, po_number: str) -> bool:
    """A lookup for contexts with no order store (e.g. a dry run): nothing is taken."""
    return False


@dataclass(frozen=True)
class Thresholds:
    """The tunable numbers of contract §5; defaults equal the settings' defaults."""

    price_tolerance_pct: Decimal = Decimal("2")
    amount_tolerance: Decimal = Decimal("0.01")
    confidence_threshold: float = 0.9

    @classmethod
    def from_settings(cls, settings: Settings) -> Thresholds:
        return cls(
            price_tolerance_pct=settings.price_tolerance_pct,
            amount_tolerance=settings.amount_tolerance,
            confidence_threshold=settings.confidence_threshold,
        )


@dataclass(frozen=True)
class RuleInput:
    order: ExtractedOrder
    master: MasterData
    thresholds: Thresholds
    po_number_taken: PoNumberTaken = never_taken

    @property
    def customer(self) -> Customer | None:
        """The matched customer's master record, if the match is known to the snapshot."""
        return self.master.customer(self.order.customer_id)
