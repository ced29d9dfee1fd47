"""What Canadian-origin goods pay at Mexico's border, as the sources the project holds say.

The schedule gives only the general rate, what a supplier without a trade agreement pays.
Canada's rate is not in it. The mission page says CUSMA and CPTPP give "tariff-free entry
for 99% of Canada-Mexico traded goods", and Global Affairs Canada that tariffs on
"virtually all originating goods traded between Canada and Mexico were eliminated in
2008, with the exception of Canadian agricultural goods in the dairy, poultry, egg and
sugar sectors". The exclusion runs line by line and no list of it is held
(``data/raw/mexico-tariff/README.md``), so a line of those products is never shown as
duty-free: it gets "the exclusion may apply; ask the Trade Commissioner Service".
"""

from __future__ import annotations

from typing import Literal

CanadianTreatment = Literal["duty_free", "exclusion_may_apply"]

# The products the exclusion concerns, by HS code prefix: dairy produce, birds' eggs (all
# of chapter 04, which also holds honey and other edible animal products: the exclusion
# may concern some and not others), live poultry (0105), poultry meat (0207), cane or beet
# sugar and other sugars (1701, 1702).
SUPPLY_MANAGED_PREFIXES = ("04", "0105", "0207", "1701", "1702")
# The lines the schedule taxes per kilogram of sugar they contain.
SUGAR_DUTY_WORD = "azúcar"


def canadian_treatment(tariff_line: str, rate_as_published: str) -> CanadianTreatment:
    """What a Canadian-origin good of ``tariff_line`` pays, as far as the sources say."""
    code = tariff_line.replace(".", "")
    if code.startswith(SUPPLY_MANAGED_PREFIXES) or SUGAR_DUTY_WORD in rate_as_published:
        return "exclusion_may_apply"
    return "duty_free"
