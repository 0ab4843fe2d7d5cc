"""The starter model's (`decisiontool init`) wsm numbers, worked out by hand from its files.

Effective weights: resources 2/3 * 3/5 = 0.4, reach 2/3 * 2/5 = 4/15, durability 1/6, cost 1/6.
Values: benefit criteria linear on [0, 5]; cost through its value function (0 -> 1, 3 -> 0.5,
5 -> 0), so a cost of 1 is worth 1 - 0.5/3.
"""

from __future__ import annotations

COST_1 = 1 - 0.5 / 3
CONTRIBUTIONS = {
    # option: (resources, reach, durability, cost) = weight * value, by hand
    "regional_office": (0.4 * 3 / 5, 4 / 15 * 5 / 5, 1 / 6 * 4 / 5, 1 / 6 * COST_1),
    "law_enforcement_network": (0.4 * 2 / 5, 4 / 15 * 4 / 5, 1 / 6 * 3 / 5, 1 / 6 * COST_1),
    "large_mission": (0.4 * 4 / 5, 4 / 15 * 1 / 5, 1 / 6 * 1 / 5, 0.0),
}
NAMES = {
    "regional_office": "Regional political office",
    "law_enforcement_network": "Law-enforcement cooperation network",
    "large_mission": "Large multidimensional mission",
}
CRITERIA = ("Dedicated resources", "Cross-border reach", "Political durability", "Annual cost")
# exact wsm intervals: only ranged scores move (large_mission resources [3, 5], the network's
# resources [1, 3], the office's cost [0, 1], worth 1 at 0)
INTERVALS = {
    "regional_office": (
        sum(CONTRIBUTIONS["regional_office"]),
        sum(CONTRIBUTIONS["regional_office"][:3]) + 1 / 6,
    ),
    "law_enforcement_network": (
        sum(CONTRIBUTIONS["law_enforcement_network"]) - 0.4 * 1 / 5,
        sum(CONTRIBUTIONS["law_enforcement_network"]) + 0.4 * 1 / 5,
    ),
    "large_mission": (
        sum(CONTRIBUTIONS["large_mission"]) - 0.4 * 1 / 5,
        sum(CONTRIBUTIONS["large_mission"]) + 0.4 * 1 / 5,
    ),
}
