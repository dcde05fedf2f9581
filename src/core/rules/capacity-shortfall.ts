/** capacity-shortfall: confirmed capacity is below the evaluated demand. */
import { formatFactValue } from "../evaluate/facts.js";
import { formatNumber } from "../numbers.js";
import type { Finding } from "./findings.js";
import { applicableItems, whereOf } from "./context.js";
import type { Rule } from "./rule.js";
import { ruleMeta } from "./rule.js";
import { itemState } from "./state.js";

export const capacityShortfall: Rule = {
  meta: ruleMeta(
    "capacity-shortfall",
    "error",
    "Confirmed capacity is below the evaluated demand",
    "The item has a quantitative check: its `capacity.demand` expression, evaluated over the facts, exceeds the `capacity` the stakeholder confirmed in the review (or no capacity was recorded), or the item asks capacity to exist by the issuance or effective date (`capacity.availableBy`) and the review's `availableOn` is later. Obtain a confirmed capacity that meets the demand in time, or revisit the facts.",
  ),
  check(evaluation, context): Finding[] {
    const findings: Finding[] = [];
    for (const { s, i } of applicableItems(evaluation)) {
      const state = itemState(i, context.state, s);
      if (!i.demand || i.demand.value === undefined) continue;
      const unit = i.item.capacity?.unit ? ` ${i.item.capacity.unit}` : "";
      const label = `${s.stakeholder.id}/${i.item.id}`;
      const reads = i.demand.reads.map((r) => `${r.name} = ${formatFactValue(r.value)}`).join(", ");
      const demand = `${formatNumber(i.demand.value)}${unit}${reads ? ` (${i.demand.expression} with ${reads})` : ""}`;
      if (state.capacity === "unconfirmed" && state.status === "satisfied") {
        findings.push(
          context.finding(
            "capacity-shortfall",
            this.meta.defaultLevel,
            `${label} is satisfied but records no confirmed capacity against a demand of ${demand}`,
            context.itemLocation(s, i),
            whereOf(s, i),
          ),
        );
      } else if (state.capacity === "late") {
        findings.push(
          context.finding(
            "capacity-shortfall",
            this.meta.defaultLevel,
            `${label}: confirmed capacity is available on ${i.response!.availableOn}, after the ${i.item.capacity?.availableBy === "effective" && context.state.effectiveDate ? "effective date" : "issuance date"} ${state.availableBy} it must exist by`,
            context.itemLocation(s, i, "availableOn"),
            whereOf(s, i),
          ),
        );
      } else if (state.capacity === "shortfall") {
        findings.push(
          context.finding(
            "capacity-shortfall",
            this.meta.defaultLevel,
            `${label}: confirmed capacity ${formatNumber(i.response!.capacity!)}${unit} is below the demand of ${demand}; short by ${formatNumber(state.shortfall!)}`,
            context.itemLocation(s, i, "capacity"),
            whereOf(s, i),
          ),
        );
      }
    }
    return findings;
  },
};
