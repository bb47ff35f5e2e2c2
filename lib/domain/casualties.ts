/**
 * Casualty and claim logic. Claimants disagree; nothing here ever picks one figure silently:
 * every summary is a range across the claims that report that figure, and a figure nobody
 * reported stays `null` (unknown), never 0.
 */
import type { CasualtyLine, Claim, Count } from './schema';

export type Range = Count;
export type Outcome = 'killed' | 'wounded';

export interface GroupSummary {
  group: string;
  label: CasualtyLine['label'];
  killed: Range | null;
  wounded: Range | null;
  /** claimant ids that gave a figure for this group */
  claimants: string[];
}

export interface CasualtySummary {
  killed: Range | null;
  wounded: Range | null;
  groups: GroupSummary[];
}

export type ContestReason = 'attribution' | 'toll';

type ClaimLike = Pick<Claim, 'claimant' | 'casualties' | 'perpetrators'>;

function addRange(a: Range | null, b: Range | null): Range | null {
  if (!a) return b;
  if (!b) return a;
  return { low: a.low + b.low, high: a.high + b.high };
}

function widen(a: Range | null, b: Range | null): Range | null {
  if (!a) return b;
  if (!b) return a;
  return { low: Math.min(a.low, b.low), high: Math.max(a.high, b.high) };
}

/** One claim's figures per group (a claim may give several lines for one group; they add up). */
function claimByGroup(lines: CasualtyLine[]): Map<string, { label: CasualtyLine['label']; killed: Range | null; wounded: Range | null }> {
  const out = new Map<string, { label: CasualtyLine['label']; killed: Range | null; wounded: Range | null }>();
  for (const line of lines) {
    const prev = out.get(line.group);
    out.set(line.group, {
      label: prev?.label ?? line.label,
      killed: addRange(prev?.killed ?? null, line.killed),
      wounded: addRange(prev?.wounded ?? null, line.wounded),
    });
  }
  return out;
}

/**
 * The casualties of one incident: per group, the range across claims that report it; the
 * total is the sum of the group ranges. Shown alone, an incident shows every line it has.
 */
/**
 * The group of a line that counts all the dead or wounded whoever they were (a dataset's one
 * figure, such as ACLED's `fatalities`). It is not one more group to add: it is another claim
 * about the same total, so it widens the incident's total range and is never added to the others.
 */
export const ALL_GROUP = 'all';

export function summariseClaims(claims: readonly ClaimLike[]): CasualtySummary {
  const groups = new Map<string, GroupSummary>();
  for (const claim of claims) {
    for (const [group, fig] of claimByGroup(claim.casualties)) {
      const g = groups.get(group) ?? { group, label: fig.label, killed: null, wounded: null, claimants: [] };
      g.killed = widen(g.killed, fig.killed);
      g.wounded = widen(g.wounded, fig.wounded);
      if ((fig.killed || fig.wounded) && !g.claimants.includes(claim.claimant)) g.claimants.push(claim.claimant);
      groups.set(group, g);
    }
  }
  let killed: Range | null = null;
  let wounded: Range | null = null;
  for (const g of groups.values()) {
    if (g.group === ALL_GROUP) continue;
    killed = addRange(killed, g.killed);
    wounded = addRange(wounded, g.wounded);
  }
  const all = groups.get(ALL_GROUP);
  if (all) {
    killed = widen(killed, all.killed);
    wounded = widen(wounded, all.wounded);
  }
  return { killed, wounded, groups: [...groups.values()] };
}

const overlaps = (a: Range, b: Range) => a.low <= b.high && b.low <= a.high;

/**
 * Why an incident is contested: claimants that name a perpetrator name different ones, or two
 * claimants' figures for the same group and outcome cannot both be true (ranges that do not
 * overlap). A claim that names nobody, or gives no figure, disagrees with nothing.
 */
export function contestReasons(claims: readonly ClaimLike[]): ContestReason[] {
  const reasons: ContestReason[] = [];
  const blamed = claims.filter((c) => c.perpetrators.length > 0).map((c) => [...c.perpetrators].sort().join('|'));
  if (new Set(blamed).size > 1) reasons.push('attribution');

  const figures = new Map<string, Range[]>();
  for (const claim of claims) {
    for (const [group, fig] of claimByGroup(claim.casualties)) {
      for (const outcome of ['killed', 'wounded'] as const) {
        const r = fig[outcome];
        if (!r) continue;
        const key = `${group}/${outcome}`;
        figures.set(key, [...(figures.get(key) ?? []), r]);
      }
    }
  }
  const disagree = [...figures.values()].some((rs) => rs.some((a, i) => rs.slice(i + 1).some((b) => !overlaps(a, b))));
  if (disagree) reasons.push('toll');
  return reasons;
}

export interface IncidentClaims {
  id: string;
  claims: readonly ClaimLike[];
}

/**
 * Moves every casualty line that is `countedIn` another incident of the set over to that
 * incident, as one more claim about the same victims. After this, no victim stands in two
 * incidents of the set, and the line still widens the range of the incident it belongs to.
 * Lines pointing outside the set stay where they are: there, nothing else counts them.
 */
export function reassignCountedLines(incidents: readonly IncidentClaims[]): IncidentClaims[] {
  const ids = new Set(incidents.map((i) => i.id));
  const out = new Map<string, ClaimLike[]>(incidents.map((i) => [i.id, []]));
  for (const inc of incidents) {
    for (const claim of inc.claims) {
      const own = claim.casualties.filter((l) => l.countedIn === null || !ids.has(l.countedIn));
      out.get(inc.id)?.push({ ...claim, casualties: own });
      for (const line of claim.casualties) {
        if (line.countedIn === null || !ids.has(line.countedIn)) continue;
        out.get(line.countedIn)?.push({ claimant: claim.claimant, perpetrators: [], casualties: [{ ...line, countedIn: null }] });
      }
    }
  }
  return incidents.map((i) => ({ id: i.id, claims: out.get(i.id) ?? [] }));
}

/** The toll of a set of incidents, counting every victim once (see `reassignCountedLines`). */
export function sumIncidents(incidents: readonly IncidentClaims[]): { killed: Range | null; wounded: Range | null } {
  let killed: Range | null = null;
  let wounded: Range | null = null;
  for (const inc of reassignCountedLines(incidents)) {
    const s = summariseClaims(inc.claims);
    killed = addRange(killed, s.killed);
    wounded = addRange(wounded, s.wounded);
  }
  return { killed, wounded };
}

export interface ClaimantTotal {
  claimant: string;
  killed: Range | null;
  wounded: Range | null;
  /** how many incidents of the set this claimant gave an account of */
  incidents: number;
}

/** What each claimant reports over a set of incidents, counting each victim once per claimant. */
export function totalsByClaimant(incidents: readonly IncidentClaims[]): ClaimantTotal[] {
  const totals = new Map<string, ClaimantTotal>();
  const accounts = new Map<string, Set<string>>();
  for (const inc of incidents) {
    for (const claim of inc.claims) {
      accounts.set(claim.claimant, (accounts.get(claim.claimant) ?? new Set()).add(inc.id));
    }
  }
  for (const inc of reassignCountedLines(incidents)) {
    const claimants = new Set(inc.claims.map((c) => c.claimant));
    for (const claimant of claimants) {
      const s = summariseClaims(inc.claims.filter((c) => c.claimant === claimant));
      const t = totals.get(claimant) ?? { claimant, killed: null, wounded: null, incidents: accounts.get(claimant)?.size ?? 0 };
      t.killed = addRange(t.killed, s.killed);
      t.wounded = addRange(t.wounded, s.wounded);
      totals.set(claimant, t);
    }
  }
  return [...totals.values()].sort((a, b) => a.claimant.localeCompare(b.claimant));
}
