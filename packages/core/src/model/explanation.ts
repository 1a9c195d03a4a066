/**
 * Explanations: every figure the report shows prominently, with its formula, its inputs
 * (each with its unit and where it comes from) and the upstream rule it follows. Built by
 * `explainPlan` at the end of `evaluate` from the finished PlanResult: an explanation reads
 * the numbers the modules computed, it never computes them another way. Plain JSON.
 */

/** One input of an explanation. */
export interface ExplainedInput {
  /** The symbol the formula and the expression use (`total`, `allocation_ratio`, `n1`). */
  symbol: string;
  /** What it is, in words ("logical CPUs per socket"). */
  label: string;
  value: number | string;
  /** Unit words as the report uses them: `vCPU`, `MiB`, `GiB`, `bytes`, `bit/s`, `s`, `months`, `W`, a currency code, a count noun (`hosts`, `OSDs`), `''` for ratios. */
  unit: string;
  /**
   * Where the value comes from: a path into the normalized scenario (`PlanResult.scenario`:
   * `hardware.cmp-r760.cpu.sockets`, `openstack.allocationRatio.cpu`, `ceph.pools[name=volumes].share`,
   * `demand.instances[0].count`; keys that are not plain words are quoted: `openstack.flavors["m1.small"].vcpus`),
   * or the id of another explanation of the same plan. Absent when the value is a constant
   * (2^20 bytes per MiB) or an intermediate the formula text names.
   */
  from?: string;
}

/** How one figure of the plan was obtained. */
export interface Explanation {
  /** Unique within the plan; the key it has in `PlanResult.explanations`. Build it with `explainId`. */
  id: string;
  /** What the figure is ("Placement VCPU capacity of one cmp-r760 host"). */
  label: string;
  /** The figure itself, as the plan holds it. */
  value: number | string;
  /** Unit words as the report uses them (see ExplainedInput.unit). */
  unit: string;
  /** The formula in words and symbols, e.g. "capacity = (total − reserved) × allocation_ratio". */
  formula: string;
  /**
   * A mathjs expression over the input symbols that reproduces `value` (numbers only).
   * Absent for algorithmic figures (first-fit, water-fill, MAX AVAIL, month searches, dates).
   */
  expression?: string;
  inputs: ExplainedInput[];
  /** The upstream rule: Placement code path, Nova or Ceph option, doc page, or headroom's own model. */
  source: string;
}
