"""`compute_findings`: what an analysis's ranking means, as typed findings (docs/json.md).

Runs nothing that another module already computes: the ranking comes from the `Analysis`,
first-rank shares from `decisiontool.robustness.smaa` (weights around the current ones),
the score draws of the sampled intervals from the engine's SMAA sampler with the same seed
(so they are the very draws that SMAA ranks), the per-criterion flows of PROMETHEE II from
the engine's additive decomposition, closest changes from `decisiontool.findings.changes`.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from decisiontool.analysis import METHOD_IDS, Analysis
from decisiontool.documents import DocumentHeader
from decisiontool.engine import values
from decisiontool.engine.methods import vector_normalised, vikor_prepare
from decisiontool.engine.ranking import TIE_TOLERANCE
from decisiontool.engine.smaa import _criterion_parts, _one_criterion_models, chunk_size, sample_scores
from decisiontool.engine.values import BoolArray, FloatArray
from decisiontool.findings.changes import closest_changes
from decisiontool.findings.results import (
    CLEAR_SHARE,
    CONTENDER_SHARE,
    LIKELY_SHARE,
    Agreement,
    Dominance,
    Findings,
    OptionTraits,
    ScoreInterval,
    Trait,
    ValueForMoney,
    Verdict,
    WeightChange,
    Why,
    WhyTerm,
)
from decisiontool.findings.sentences import sentences
from decisiontool.problems import ModelError, Problem, did_you_mean
from decisiontool.robustness import SensitivityResult, SmaaResult, sensitivity, smaa

__all__ = ["SPREAD", "TRAITS_SHOWN", "TRAIT_GAP", "compute_findings"]

SPREAD = 0.2
"""Relative spread of the weights around the current ones in the findings' SMAA."""

TRAIT_GAP = 0.15
"""How far (on the 0-1 value scale) an option must stand above or below the others' mean on a
criterion for that criterion to count as a strength or a weakness."""

TRAITS_SHOWN = 3
"""At most this many strengths and this many weaknesses per option."""


def _oriented(scores: FloatArray, benefit: BoolArray) -> FloatArray:
    """Scores with cost criteria negated, so that higher is better everywhere."""
    return np.asarray(np.where(benefit, scores, -scores), dtype=np.float64)


def dominance(analysis: Analysis) -> tuple[Dominance, ...]:
    """Every pair (a, b) with a at least as good as b on each criterion of positive weight and
    strictly better on one, at the point values; `robust` when it holds with a at the worst and
    b at the best end of every range. Sorted by a's id, then b's."""
    arrays = analysis.arrays
    live = analysis.weights > 0
    benefit = arrays.criteria.benefit
    point = _oriented(arrays.scores, benefit)[:, live]
    worst = _oriented(np.where(benefit, arrays.low, arrays.high), benefit)[:, live]
    best = _oriented(np.where(benefit, arrays.high, arrays.low), benefit)[:, live]
    ids = arrays.option_ids
    found: list[Dominance] = []
    for a in range(len(ids)):
        # every b at once: a row against the matrix, O(m n) per a and no (m, m, n) block
        beaten = (point[a] >= point).all(axis=1) & (point[a] > point).any(axis=1)
        robust = (worst[a] >= best).all(axis=1) & (worst[a] > best).any(axis=1)
        found.extend(Dominance(ids[a], ids[b], bool(robust[b])) for b in np.flatnonzero(beaten))
    return tuple(sorted(found, key=lambda d: (d.option, d.dominates)))


def score_intervals(analysis: Analysis, samples: int, seed: int) -> dict[str, ScoreInterval]:
    """Option id -> [low, high] of the method's score at the current weights as uncertain scores
    move in their ranges: exact for wsm (each ranged score at its worst or best end), else the
    5th and 95th percentiles over the SMAA score draws (the same seed, the same draws)."""
    arrays = analysis.arrays
    criteria = arrays.criteria
    weights = analysis.weights
    if analysis.method_id == "wsm":
        benefit = criteria.benefit
        worst_ends = np.where(benefit, arrays.low, arrays.high)
        best_ends = np.where(benefit, arrays.high, arrays.low)
        low = values(worst_ends.copy(), criteria) @ weights
        high = values(best_ends.copy(), criteria) @ weights
    elif not np.any(arrays.high > arrays.low):
        low = high = analysis.ranking.result.score
    else:
        m, n = arrays.scores.shape
        # the second child stream is the one SMAA draws its scores from
        score_rng = np.random.default_rng(seed).spawn(2)[1]
        step = chunk_size(m, n)
        drawn_scores = []
        for start in range(0, samples, step):
            k = min(step, samples - start)
            drawn = sample_scores(score_rng, k, arrays.scores, arrays.low, arrays.high, "uniform")
            drawn_scores.append(analysis.method(drawn, weights, criteria, analysis.vikor_v).score)
        every = np.concatenate(drawn_scores, axis=0)
        low, high = np.percentile(every, [5.0, 95.0], axis=0)
    return {
        entry.option: ScoreInterval(float(low[entry.index]), float(high[entry.index]))
        for entry in analysis.ranking.entries
    }


def verdict_of(share: float) -> Verdict:
    """`clear` from a first-rank share of 0.75, `likely` from 0.5, else `contested`."""
    if share >= CLEAR_SHARE:
        return "clear"
    if share >= LIKELY_SHARE:
        return "likely"
    return "contested"


def contenders_of(first: dict[str, float]) -> tuple[str, ...]:
    """Ids with a first-rank share >= 0.05, the most frequent first (ties: the given order)."""
    ordered = sorted(enumerate(first.items()), key=lambda item: (-item[1][1], item[0]))
    return tuple(option for _, (option, share) in ordered if share >= CONTENDER_SHARE)


def agreement(analysis: Analysis) -> Agreement:
    """The top under each method (current weights) and under each profile (current method)."""
    methods = {method: analysis.with_method(method).ranking.top.option for method in METHOD_IDS}
    profiles = {
        profile: analysis.with_profile(profile).ranking.top.option for profile in analysis.model.profile_ids
    }
    return Agreement(methods=methods, profiles=profiles)


def why(analysis: Analysis, option: int, versus: int) -> Why:
    """Per-criterion parts of how far `option` is ahead of `versus` (see `Why`)."""
    arrays = analysis.arrays
    criteria = arrays.criteria
    weights = analysis.weights
    score = analysis.ranking.result.score
    method = analysis.method_id
    scores = arrays.scores
    if method == "wsm":
        parts = values(scores.copy(), criteria) * weights
    elif method == "promethee2":
        # PROMETHEE II's net flow is the weighted sum of each criterion's own net flow
        singles = _one_criterion_models(criteria)
        parts = _criterion_parts(analysis.method, scores, singles, analysis.vikor_v) * weights
    elif method == "topsis":
        parts = _oriented(vector_normalised(scores), criteria.benefit) * weights
    else:  # vikor: each criterion's weighted regret, negated so that higher is better
        parts = -vikor_prepare(scores, criteria) * weights
    sign = 1.0 if analysis.method.higher_is_better else -1.0
    difference = sign * float(score[option] - score[versus])
    terms = [
        WhyTerm(arrays.criterion_ids[j], float(parts[option, j] - parts[versus, j]))
        for j in range(len(arrays.criterion_ids))
        if weights[j] > 0
    ]
    terms.sort(key=lambda term: -term.contribution)
    return Why(
        option=arrays.option_ids[option],
        versus=arrays.option_ids[versus],
        difference=difference,
        decomposition=analysis.method.exact_sensitivity,
        terms=tuple(terms),
    )


def traits(analysis: Analysis) -> dict[str, OptionTraits]:
    """Each option's strengths and weaknesses: the weighted criteria on which its value stands
    at least `TRAIT_GAP` above (below) the other options' mean, the most weighty gaps first."""
    arrays = analysis.arrays
    m = arrays.scores.shape[0]
    value = values(arrays.scores.copy(), arrays.criteria)
    weights = analysis.weights
    found = {}
    for entry in analysis.ranking.entries:
        i = entry.index
        others = np.arange(m) != i
        if not others.any():
            found[entry.option] = OptionTraits(entry.option, (), ())
            continue
        gap = value[i] - value[others].mean(axis=0)
        mean_score = arrays.scores[others].mean(axis=0)

        chosen = {
            kind: sorted(np.flatnonzero(mask & (weights > 0)), key=lambda j: -abs(weights[j] * gap[j]))
            for kind, mask in (("strengths", gap >= TRAIT_GAP), ("weaknesses", gap <= -TRAIT_GAP))
        }
        picked = {
            kind: tuple(
                Trait(
                    arrays.criterion_ids[j], float(arrays.scores[i, j]), float(mean_score[j]), float(gap[j])
                )
                for j in indices[:TRAITS_SHOWN]
            )
            for kind, indices in chosen.items()
        }
        found[entry.option] = OptionTraits(entry.option, picked["strengths"], picked["weaknesses"])
    return found


def value_for_money(analysis: Analysis) -> ValueForMoney | None:
    """Benefit against cost (see `ValueForMoney`); None without cost criteria, or when they are
    the only criteria weighted."""
    cost_ids = analysis.model.info.cost_criteria
    if not cost_ids:
        return None
    arrays = analysis.arrays
    criteria = arrays.criteria
    is_cost = np.array([cid in cost_ids for cid in arrays.criterion_ids], dtype=np.bool_)
    benefit_weights = np.where(is_cost, 0.0, analysis.weights)
    if benefit_weights.sum() <= 0:
        return None
    benefit_weights = benefit_weights / benefit_weights.sum()
    benefit = analysis.method(arrays.scores, benefit_weights, criteria, analysis.vikor_v).score
    own = np.where(is_cost, analysis.weights, 0.0)
    if own.sum() <= 0:  # the cost criteria carry no weight now: count them equally
        own = is_cost.astype(np.float64)
    own = own / own.sum()
    # higher cost is worse: a cost criterion's raw score as it is, a benefit one mirrored
    raw = np.where(criteria.benefit, criteria.low + criteria.high - arrays.scores, arrays.scores)
    cost = raw @ own
    signed = benefit if analysis.method.higher_is_better else -benefit
    m = arrays.scores.shape[0]
    # no other option is better on both by more than the tie tolerance (k = i never is)
    frontier = [
        i
        for i in range(m)
        if not ((signed > signed[i] + TIE_TOLERANCE) & (cost < cost[i] - TIE_TOLERANCE)).any()
    ]
    frontier.sort(key=lambda i: (cost[i], -signed[i]))
    order = [entry.index for entry in analysis.ranking.entries]
    ids = arrays.option_ids
    return ValueForMoney(
        cost_criteria=tuple(cid for cid in arrays.criterion_ids if cid in cost_ids),
        benefit={ids[i]: float(benefit[i]) for i in order},
        benefit_higher_is_better=analysis.method.higher_is_better,
        cost={ids[i]: float(cost[i]) for i in order},
        cost_weights={ids_j: float(own[j]) for j, ids_j in enumerate(arrays.criterion_ids) if is_cost[j]},
        frontier=tuple(ids[i] for i in frontier),
    )


def closest_weight_change(result: SensitivityResult) -> WeightChange | None:
    """The most fragile criterion's nearest critical weight (the head of the tornado)."""
    for entry in result.in_tornado_order():
        nearest = entry.nearest
        if nearest is not None:
            return WeightChange(entry.criterion, entry.weight, nearest.weight, nearest.new_top, entry.exact)
    return None


def _checked_versus(analysis: Analysis, versus: str | None, samples: int) -> int | None:
    """The option the top is explained against: `versus`, or the runner-up when `versus` is
    None or the top itself (the top against itself says nothing); None with one option.
    Raises ModelError for an unknown id or fewer than 1 sample."""
    ids = analysis.arrays.option_ids
    if versus is not None and versus not in ids:
        raise ModelError(
            [
                Problem(
                    "--vs",
                    "",
                    f"unknown option '{versus}'{did_you_mean(versus, ids)}; options: {', '.join(ids)}",
                )
            ]
        )
    if samples < 1:
        raise ModelError([Problem("--samples", "", f"{samples} must be at least 1")])
    entries = analysis.ranking.entries
    if versus is not None and versus != entries[0].option:
        return ids.index(versus)
    return entries[1].index if len(entries) > 1 else None


def compute_findings(
    analysis: Analysis,
    *,
    samples: int = 10_000,
    seed: int = 1,
    versus: str | None = None,
    smaa_result: SmaaResult | None = None,
    sensitivity_result: SensitivityResult | None = None,
) -> Findings:
    """What `analysis`'s ranking means, for a reader (docs/json.md).

    `samples` and `seed` drive the SMAA run (weights around the current ones, spread 0.2,
    scores uniform in their ranges) behind the first-rank shares, the contenders and the
    verdict, and the sampled score intervals of methods other than wsm. `versus` names the
    option the top is explained against (default: the runner-up). A caller that already ran
    that SMAA (same samples, seed, `around`, spread 0.2, uniform) passes it as `smaa_result`,
    and a criteria (not groups) `sensitivity` of the same analysis as `sensitivity_result`.

    Raises ModelError for an unknown `versus` option or fewer than 1 sample.

    >>> import decisiontool
    >>> analysis = decisiontool.Analysis.create(decisiontool.load())
    >>> findings = decisiontool.explain(analysis, samples=500)
    >>> findings.top == analysis.ranking.top.option, findings.verdict in ("clear", "likely", "contested")
    (True, True)
    >>> findings.to_json()["schema"]
    'decisiontool.findings/1'
    """
    other = _checked_versus(analysis, versus, samples)
    ranking, top = analysis.ranking, analysis.ranking.top
    runner_up = ranking.entries[1] if len(ranking.entries) > 1 else None
    result = smaa_result or smaa(
        analysis, samples=samples, seed=seed, weight_mode="around", spread=SPREAD, score_dist="uniform"
    )
    first = {entry.option: result.option(entry.option).first for entry in ranking.entries}
    findings = Findings(
        header=DocumentHeader.of(analysis),
        names={entry.option: entry.name for entry in ranking.entries},
        criterion_names={c.id: c.name for c in analysis.model.criteria},
        top=top.option,
        runner_up=None if runner_up is None else runner_up.option,
        dominance=dominance(analysis),
        score_intervals=score_intervals(analysis, samples, seed),
        intervals_exact=analysis.method_id == "wsm",
        samples=result.samples,
        seed=result.seed,
        spread=result.spread,
        first_acceptability=first,
        contenders=contenders_of(first),
        verdict=verdict_of(first[top.option]),
        agreement=agreement(analysis),
        closest_changes=closest_changes(analysis),
        closest_weight_change=closest_weight_change(sensitivity_result or sensitivity(analysis, steps=2)),
        why=None if other is None else why(analysis, top.index, other),
        traits=traits(analysis),
        value_for_money=value_for_money(analysis),
        sentences=(),
        smaa=result,
    )
    return replace(findings, sentences=sentences(analysis, findings))
