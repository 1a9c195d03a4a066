/**
 * Fill state: how many bytes each OSD holds. Uniform by default: every rule spreads its raw
 * data over its OSDs in proportion to CRUSH weight, so every OSD of a rule has the same
 * utilisation (the assumption behind `ceph df` MAX AVAIL). Some OSDs can be given their own
 * utilisation (a hot OSD, an unbalanced cluster); the others of the same rules then hold less.
 */

/** The OSDs one rule takes (indices into the OSD list) and their CRUSH weights. */
export interface RuleOsds {
  osdIndices: readonly number[];
}

/**
 * Uniform fill, bytes per OSD: used_i = sum over the rules R that take OSD i of
 * rawUsed_R x w_i / W_R, with W_R the total CRUSH weight under R. An OSD taken by two rules
 * (a class rule and a classless one) carries data of both.
 * Example: one rule, 30 equal OSDs, 120e12 raw bytes used -> 4e12 bytes each.
 */
export function uniformFill(weights: readonly number[], rules: readonly RuleOsds[], rawUsedByRule: readonly number[]): number[] {
  const used = weights.map(() => 0);
  rules.forEach((rule, r) => {
    const raw = rawUsedByRule[r] ?? 0;
    const total = rule.osdIndices.reduce((s, i) => s + (weights[i] ?? 0), 0);
    if (!(raw > 0) || !(total > 0)) return;
    for (const i of rule.osdIndices) used[i]! += (raw * (weights[i] ?? 0)) / total;
  });
  return used;
}

/**
 * Fill with overrides, bytes per OSD. An overridden OSD holds utilisation x size at month 0
 * and grows with the data of its rules: used_i(t) = u_i x size_i x uniform_i(t) / uniform_i(0)
 * (its VAR, `ceph osd df`'s utilisation / mean, stays constant; constant when its rules held
 * nothing at month 0). The OSDs taken by exactly the same rules share what is left, in
 * proportion to their uniform fill, so the rules' totals are unchanged:
 *
 *   others_i(t) = uniform_i(t) x max(0, T - O) / (T - U),   T = uniform total of the group,
 *   O = overridden bytes in the group, U = the uniform bytes of the overridden OSDs.
 *
 * Example: 3 equal OSDs of 10 TB, 15 TB raw used (uniform 5 TB each), OSD 0 at 0.8 = 8 TB:
 * the other two share 15 - 8 = 7 TB, 3.5 TB each.
 */
export function osdFill(
  sizes: readonly number[],
  weights: readonly number[],
  rules: readonly RuleOsds[],
  rawUsedByRule: readonly number[],
  rawUsedByRuleMonth0: readonly number[],
  overrides: ReadonlyMap<number, number>,
): number[] {
  const uniform = uniformFill(weights, rules, rawUsedByRule);
  if (overrides.size === 0) return uniform;
  const uniform0 = uniformFill(weights, rules, rawUsedByRuleMonth0);
  const group = weights.map(() => '');
  rules.forEach((rule, r) => {
    for (const i of rule.osdIndices) group[i] += `${r},`;
  });
  const used = [...uniform];
  const sums = new Map<string, { t: number; o: number; u: number }>();
  uniform.forEach((x, i) => {
    const g = sums.get(group[i]!) ?? { t: 0, o: 0, u: 0 };
    g.t += x;
    const util = overrides.get(i);
    if (util !== undefined) {
      const u0 = uniform0[i] ?? 0;
      used[i] = util * (sizes[i] ?? 0) * (u0 > 0 ? x / u0 : 1);
      g.o += used[i]!;
      g.u += x;
    }
    sums.set(group[i]!, g);
  });
  uniform.forEach((x, i) => {
    if (overrides.has(i)) return;
    const g = sums.get(group[i]!)!;
    const rest = g.t - g.u;
    used[i] = rest > 0 ? (x * Math.max(0, g.t - g.o)) / rest : x;
  });
  return used;
}
